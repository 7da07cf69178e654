package org.parley.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.testing.TestClient;
import org.parley.testing.tls.PinnedCertificateTrustManager;

/**
 * Writes far larger than a TLS record (16 KiB) or a socket buffer, through the server's TLS filter on a real
 * acceptor, read by a JDK TLS client: every byte must arrive, in order, on a connection that stays usable.
 */
class LargeWriteTest {
    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void writesOfOneToSixteenMegabytesArriveIntact() throws Exception {
        try (BytesServer server = new BytesServer(dir); SSLSocket client = connect(server)) {
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            DataInputStream in = new DataInputStream(client.getInputStream());
            // A small write last: after the large ones the connection still works.
            for (int size : new int[] {1 * MB, 2 * MB, 8 * MB, 16 * MB, 100}) {
                out.writeInt(size);
                out.flush();
                byte[] received = new byte[size];
                in.readFully(received);
                assertIntact(size, received);
            }
        }
    }

    static SSLSocket connect(BytesServer server) throws Exception {
        SSLSocket socket = (SSLSocket) PinnedCertificateTrustManager.clientContext(server.fingerprint(), "TLS")
                .getSocketFactory().createSocket(server.address().getAddress(), server.address().getPort());
        socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        return socket;
    }

    static void assertIntact(int size, byte[] received) {
        for (int i = 0; i < size; i++) {
            if (received[i] != BytesServer.expected(size, i)) {
                assertEquals(BytesServer.expected(size, i), received[i], "byte " + i + " of a " + size + "-byte write");
            }
        }
    }
}
