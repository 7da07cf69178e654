package org.parley.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** Plain TCP sockets for playing a misbehaving client: no TLS, any loopback source address. */
public final class RawSockets {
    /** The first bytes of a TLS ClientHello record: enough for the server to wait for the rest. */
    public static final byte[] CLIENT_HELLO_START = {0x16, 0x03, 0x01, 0x02, 0x00};

    private RawSockets() {
    }

    /**
     * A socket from {@code localHost} (any address in 127/8 is loopback on Linux: each stands for another client
     * host) to {@code server}, with reads timing out after {@link TestClient#TIMEOUT}.
     */
    public static Socket connect(InetSocketAddress server, String localHost) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localHost), 0));
        socket.connect(server, (int) TestClient.TIMEOUT.toMillis());
        socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        return socket;
    }

    /**
     * Reads until the server closes the connection (it may send a TLS alert first), at most a few KiB, within the
     * socket's read timeout; false if the server keeps it open that long.
     */
    public static boolean hungUp(Socket socket) throws IOException {
        try {
            for (int i = 0; i < 4096; i++) {
                if (socket.getInputStream().read() == -1) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
