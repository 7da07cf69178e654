package org.parley.client.core.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.parley.client.core.ServerAddress;

/**
 * A plain TCP relay between a client and the real server, so tests can break the network the way the real world
 * does: cut every connection, refuse new ones for a while, silently drop what the server sends on the open
 * connections (a lost acknowledgement), or hold back what either side sends (a late reply, a late request). TLS runs
 * end to end through it; the relay sees only ciphertext.
 */
public final class TcpRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private volatile int targetPort;
    private volatile boolean refusing;
    private final Object gate = new Object();

    private final class Pair {
        final Socket client;
        final Socket server;
        volatile boolean dropDownstream;
        boolean holdDownstream; // guarded by the relay's gate
        boolean holdUpstream; // guarded by the relay's gate

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void close() {
            closeQuietly(client);
            closeQuietly(server);
            pairs.remove(this);
        }
    }

    public TcpRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public ServerAddress address() {
        return new ServerAddress("127.0.0.1", listener.getLocalPort());
    }

    /** Closes every open connection (both sides), like a network failure. */
    public void cutAll() {
        pairs.forEach(Pair::close);
    }

    /** While refusing, new connections are accepted and closed at once: the server looks unreachable. */
    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    /** From now on, bytes from the server on the currently open connections are dropped (not forwarded). */
    public void dropServerBytesOnOpenConnections() {
        pairs.forEach(p -> p.dropDownstream = true);
    }

    /**
     * From now on, bytes from the server on the currently open connections are held back (in order) until
     * {@link #releaseServerBytes()}: replies arrive late, e.g. after the client has ended its session.
     */
    public void holdServerBytesOnOpenConnections() {
        hold(true, true);
    }

    /** Forwards what was held back, and everything after it. */
    public void releaseServerBytes() {
        hold(true, false);
    }

    /**
     * From now on, bytes from the client on the currently open connections are held back (in order) until
     * {@link #releaseClientBytes()}: the server handles the client's next requests late, after what other clients
     * do meanwhile.
     */
    public void holdClientBytesOnOpenConnections() {
        hold(false, true);
    }

    /** Forwards what the client sent while held back, and everything after it. */
    public void releaseClientBytes() {
        hold(false, false);
    }

    private void hold(boolean downstream, boolean hold) {
        synchronized (gate) {
            pairs.forEach(p -> {
                if (downstream) {
                    p.holdDownstream = hold;
                } else {
                    p.holdUpstream = hold;
                }
            });
            gate.notifyAll();
        }
    }

    public int openConnections() {
        return pairs.size();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        releaseServerBytes();
        releaseClientBytes();
        cutAll();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException serverDown) {
                    closeQuietly(client);
                    continue;
                }
                Pair pair = new Pair(client, server);
                pairs.add(pair);
                pump(pair, client.getInputStream(), server.getOutputStream(), false);
                pump(pair, server.getInputStream(), client.getOutputStream(), true);
            } catch (IOException e) {
                // listener closed, or the server is down: the client sees a closed connection
            }
        }
    }

    private void pump(Pair pair, InputStream in, OutputStream out, boolean downstream) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (downstream && pair.dropDownstream) {
                        continue;
                    }
                    awaitRelease(pair, downstream);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                pair.close();
            }
        }, downstream ? "relay-down" : "relay-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitRelease(Pair pair, boolean downstream) throws IOException {
        synchronized (gate) {
            while (downstream ? pair.holdDownstream : pair.holdUpstream) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while holding bytes back", e);
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
