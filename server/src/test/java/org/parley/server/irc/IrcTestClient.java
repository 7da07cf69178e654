package org.parley.server.irc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.net.ssl.SSLSocket;

import org.parley.testing.tls.PinnedCertificateTrustManager;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/**
 * A small raw IRC client for protocol tests: real TLS pinned to the server's certificate, lines in and out exactly as
 * given (bytes too, for the bad-input tests), every received line kept for assertions. It answers nothing by itself.
 */
final class IrcTestClient implements AutoCloseable {
    private final SSLSocket socket;
    private final OutputStream out;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private IrcTestClient(SSLSocket socket, boolean read) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        if (read) {
            Thread reader = new Thread(this::readLoop, "irc-test-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    static IrcTestClient connect(TestServer server) throws Exception {
        return connect(server, true);
    }

    /** {@code read} false: a client that never reads what the server sends. */
    static IrcTestClient connect(TestServer server, boolean read) throws Exception {
        InetSocketAddress address = server.server().ircAddress();
        var factory = PinnedCertificateTrustManager.clientContext(server.fingerprint(), "TLS").getSocketFactory();
        SSLSocket socket = (SSLSocket) factory.createSocket(address.getAddress(), address.getPort());
        socket.startHandshake();
        return new IrcTestClient(socket, read);
    }

    /** Registers by SASL PLAIN as {@code user} (with {@link TestServer#PASSWORD}) asking for {@code caps} too. */
    static IrcTestClient registered(TestServer server, String user, String... caps) throws Exception {
        IrcTestClient irc = connect(server);
        irc.send("CAP LS 302");
        irc.send("NICK " + user);
        irc.send("USER " + user + " 0 * :" + user);
        irc.send("CAP REQ :" + String.join(" ", caps) + (caps.length > 0 ? " " : "") + "sasl");
        irc.expect(" ACK :");
        irc.send("AUTHENTICATE PLAIN");
        irc.expect("AUTHENTICATE +");
        irc.send("AUTHENTICATE " + plain(user, TestServer.PASSWORD));
        irc.expect(" 903 ");
        irc.send("CAP END");
        irc.expect(" 366 " + user + " #general ");
        return irc;
    }

    static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    synchronized void send(String line) throws IOException {
        sendBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    synchronized void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line containing {@code text}, skipping others; fails after the test timeout. */
    String expect(String text) throws InterruptedException {
        return expect(l -> l.contains(text), "a line containing '" + text + "'");
    }

    String expect(Predicate<String> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no " + what + " within " + TestClient.TIMEOUT + "; seen: " + seen());
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Every line up to and including the next one containing {@code text}. */
    List<String> until(String text) throws InterruptedException {
        List<String> got = new ArrayList<>();
        expect(l -> {
            got.add(l);
            return l.contains(text);
        }, "a line containing '" + text + "'");
        return got;
    }

    List<String> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** True once the server has closed the connection, within the test timeout. */
    boolean awaitClosed() throws InterruptedException {
        return closed.await(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void readLoop() {
        try {
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8);
                    text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                    synchronized (seen) {
                        seen.add(text);
                    }
                    lines.add(text);
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            // Closed by the server or by us: awaitClosed tells.
        } finally {
            closed.countDown();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Already gone.
        }
    }
}
