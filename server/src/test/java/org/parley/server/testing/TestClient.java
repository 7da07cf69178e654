package org.parley.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.net.ssl.SSLSocket;

import org.parley.protocol.JsonCodec;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.testing.tls.PinnedCertificateTrustManager;

/**
 * A minimal blocking protocol v1 client over real TLS, pinning the server certificate. Replies are matched
 * to requests by id; everything without {@code re} (welcome, pushes, unsolicited errors) lands in a queue.
 * Server pings are answered automatically unless told otherwise, as a well-behaved client would.
 */
public final class TestClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final JsonCodec json = new JsonCodec();
    private final SSLSocket socket;
    private final OutputStream out;
    private final Map<String, CompletableFuture<ServerMessage>> waiting = new ConcurrentHashMap<>();
    private final BlockingQueue<ServerMessage> unsolicited = new LinkedBlockingQueue<>();
    private final List<String> replyOrder = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean answerPings = true;
    private volatile int largestFrameBytes;

    private TestClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "test-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static TestClient connect(InetSocketAddress address, String fingerprint, String... protocols)
            throws IOException, GeneralSecurityException {
        return connectFrom(null, address, fingerprint, protocols);
    }

    /** From the loopback address {@code localHost} (e.g. 127.0.0.2: another client host), or the default if null. */
    public static TestClient connectFrom(String localHost, InetSocketAddress address, String fingerprint,
            String... protocols) throws IOException, GeneralSecurityException {
        var factory = PinnedCertificateTrustManager.clientContext(fingerprint, "TLS").getSocketFactory();
        SSLSocket socket = (SSLSocket) (localHost == null ? factory.createSocket(address.getAddress(), address.getPort())
                : factory.createSocket(address.getAddress(), address.getPort(), InetAddress.getByName(localHost), 0));
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.setSoTimeout(0);
        socket.startHandshake();
        return new TestClient(socket);
    }

    /** The largest frame received so far, in bytes on the wire (UTF-8, newline included). */
    public int largestFrameBytes() {
        return largestFrameBytes;
    }

    public SSLSocket socket() {
        return socket;
    }

    public void answerPings(boolean answer) {
        this.answerPings = answer;
    }

    public String nextId() {
        return "r" + ids.incrementAndGet();
    }

    /** Sends a request and waits for the reply carrying its id. */
    public ServerMessage request(Request request) throws IOException {
        CompletableFuture<ServerMessage> reply = send(request);
        try {
            return reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IOException("no reply to " + request + ": " + e, e);
        }
    }

    /** Watches exactly these users' presence (protocol section 9) and returns those of them online now. */
    public List<String> watch(String... users) throws IOException {
        ServerMessage reply = request(new Request.Watch(nextId(), List.of(users)));
        if (!(reply instanceof ServerMessage.Watch watch)) {
            throw new IOException("watch refused: " + reply);
        }
        return watch.online();
    }

    /** Sends without waiting: for pipelining and concurrency tests. */
    public CompletableFuture<ServerMessage> send(Request request) throws IOException {
        CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
        waiting.put(request.id(), reply);
        sendRaw(json.encode(request));
        return reply;
    }

    public synchronized void sendRaw(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public synchronized void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame without {@code re} that matches, skipping others; fails after the timeout. */
    @SuppressWarnings("unchecked")
    public <T extends ServerMessage> T await(Class<T> type, Predicate<? super T> filter) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerMessage next = unsolicited.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no " + type.getSimpleName() + " arrived within " + TIMEOUT);
            }
            if (type.isInstance(next) && filter.test((T) next)) {
                return (T) next;
            }
        }
    }

    public <T extends ServerMessage> T await(Class<T> type) throws InterruptedException {
        return await(type, t -> true);
    }

    /** The next unsolicited frame, or null if none arrives within {@code wait}. */
    public ServerMessage poll(Duration wait) throws InterruptedException {
        return unsolicited.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The {@code re} of every reply received so far, in arrival order. */
    public List<String> replyOrder() {
        return List.copyOf(replyOrder);
    }

    public boolean awaitClosed(Duration wait) throws InterruptedException {
        return closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                largestFrameBytes = Math.max(largestFrameBytes, line.getBytes(StandardCharsets.UTF_8).length + 1);
                dispatch(json.decodeServerMessage(line));
            }
        } catch (IOException | ProtocolException e) {
            // Closed by the server or by us; awaitClosed reports it.
        } finally {
            closed.countDown();
            waiting.values().forEach(f -> f.completeExceptionally(new IOException("connection closed")));
        }
    }

    private void dispatch(ServerMessage message) throws IOException {
        if (message instanceof ServerMessage.Reply reply && reply.re() != null) {
            replyOrder.add(reply.re());
            CompletableFuture<ServerMessage> future = waiting.remove(reply.re());
            if (future != null) {
                future.complete(message);
                return;
            }
        }
        if (message instanceof ServerMessage.Ping && answerPings) {
            sendRaw(json.encode(new Request.Ping("heartbeat")));
        }
        unsolicited.add(message);
    }

    /** Closes with a TCP reset and no TLS close_notify: what a crashed client or a pulled cable looks like. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // Already gone.
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
