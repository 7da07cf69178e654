package org.parley.server.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.Message;
import org.parley.protocol.mina.EncodedFrame;
import org.parley.server.tls.TlsFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the server says to one connection, in order. Callers (request workers, the database writer's
 * post-commit fan-out, presence) only append to a queue; a small shared pool drains each connection's
 * queue, one drain per connection at a time, concatenating whatever has piled up into a single buffer.
 *
 * <p>Why: a write is sealed on the thread that writes it (the server's own {@code tls.TlsFilter}, through
 * {@code TlsConnection} and {@code TlsEngine}; MINA's SslFilter is not used), so writing
 * from the fan-out loop made the database writer encrypt for every recipient, one at a time. Here a busy server
 * coalesces many frames into one TLS write per drain, and nobody who produces frames ever waits for encryption.
 *
 * <p>A connection that stops reading cannot be allowed to hold an unbounded backlog: when what it has not
 * yet taken exceeds the server's {@code maxBacklogBytes}, it is closed. Nothing is lost by that — messages are stored
 * before they are pushed, and a client catches up with {@code history} when it reconnects.
 */
public final class Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);
    private static final AttributeKey KEY = new AttributeKey(Outbound.class, "outbound");
    private static final JsonCodec JSON = new JsonCodec();
    /** Up to four TLS records' worth of frames per write; larger backlogs take several writes. */
    static final int MAX_WRITE_BYTES = 64 * 1024;
    /** Bytes MINA may hold for a connection at once: one write of at most {@link #MAX_WRITE_BYTES}, sealed, with room. */
    private static final int MINA_AT_MOST = 2 * MAX_WRITE_BYTES;
    private static final Object CLOSE = new Object();

    private final IoSession session;
    private final Drainers drainers;
    /** Null for a Parley connection; for a gateway's connection, what turns the server's frames into its protocol. */
    private final Renderer renderer;
    /** Writes to the session through its TLS filter directly ({@link TlsFilter#pusher}). */
    private final Function<IoBuffer, WriteFuture> writer;
    private final Queue<Object> frames = new ConcurrentLinkedQueue<>();
    /** Set while one thread drains this queue, and on until MINA reports that drain's write sent. */
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean due = new AtomicBoolean();
    /** Bytes queued here but not yet handed to MINA; MINA's own backlog is counted separately. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile boolean closed;

    /**
     * Turns a Parley frame (JSON and newline, UTF-8) into the bytes a connection speaking another protocol should get
     * instead (the IRC gateway's lines), or null when the frame means nothing to it. Called on the thread queuing the
     * frame (the database writer in a fan-out), so it must be quick and thread-safe.
     */
    public interface Renderer {
        byte[] render(byte[] frame);
    }

    private Outbound(IoSession session, Drainers drainers, Renderer renderer) {
        this.session = session;
        this.writer = TlsFilter.pusher(session);
        this.drainers = drainers;
        this.renderer = renderer;
    }

    /**
     * Gives a new connection its queue; every frame for it must then go through this class. Called when the session is
     * created, after the filters' own {@code sessionCreated} (the TLS filter's connection must exist).
     */
    public static void attach(IoSession session, Drainers drainers) {
        attach(session, drainers, null);
    }

    /** Like {@link #attach(IoSession, Drainers)}, for a connection whose frames {@code renderer} translates. */
    public static void attach(IoSession session, Drainers drainers, Renderer renderer) {
        session.setAttribute(KEY, new Outbound(session, drainers, renderer));
    }

    /** Queues bytes exactly as given, past any renderer: a gateway's own replies, in order with everything else. */
    public static void writeBytes(IoSession session, byte[] bytes) {
        Outbound outbound = of(session);
        if (outbound != null && outbound.append(bytes)) {
            outbound.startDrain();
        }
    }

    /**
     * Queues a {@link Message} or an {@link EncodedFrame} for a connection. Safe from any thread; a frame for a
     * closing connection is dropped (it may close at any moment underneath a fan-out loop).
     */
    public static void write(IoSession session, Object frame) {
        Outbound outbound = of(session);
        if (outbound != null && outbound.offer(encode(frame))) {
            outbound.startDrain();
        }
    }

    /** Queues one frame (encoded once) for many connections, all but {@code except} (which may be null). */
    public static void writeAll(List<Outbound> queues, Outbound except, Object frame) {
        byte[] bytes = encode(frame);
        for (int i = 0, n = queues.size(); i < n; i++) {
            Outbound outbound = queues.get(i);
            if (outbound != except && outbound.offer(bytes)) {
                outbound.startDrain();
            }
        }
    }

    /**
     * Queues a frame that may wait a moment to be written together with others, still in order with everything
     * else for the connection. For presence: when thousands log in at once, each connection then gets a few
     * writes a second with many announcements each, instead of one write per announcement, which would cost
     * more than the logins themselves.
     */
    public void writeSoon(Object frame) {
        if (offer(encode(frame)) && due.compareAndSet(false, true)) {
            drainers.drainSoon(this);
        }
    }

    /** Queues a last frame, then closes the connection once it (and everything before it) is sent. */
    public static void writeAndClose(IoSession session, Object frame) {
        Outbound outbound = of(session);
        if (outbound != null) {
            // A frame the renderer drops still closes: the close is what the caller wants.
            outbound.offer(encode(frame));
            if (outbound.append(CLOSE)) {
                outbound.startDrain();
            }
        }
    }

    /** Closes the connection once everything queued so far has been sent. */
    public static void closeWhenFlushed(IoSession session) {
        Outbound outbound = of(session);
        if (outbound == null) {
            session.closeOnFlush();
        } else if (outbound.append(CLOSE)) {
            outbound.startDrain();
        }
    }

    /** Frees the backlog of a connection that has closed. */
    public static void discard(IoSession session) {
        Outbound outbound = of(session);
        if (outbound != null) {
            outbound.closed = true;
            outbound.frames.clear();
        }
    }

    /** For diagnostics: what is waiting for a connection, and whether a write of it is in progress. */
    public static String describe(IoSession session) {
        Outbound outbound = of(session);
        return outbound == null ? "no queue"
                : outbound.frames.size() + " frames queued, " + (outbound.draining.get() ? "a write in progress" : "idle")
                        + ", " + session.getScheduledWriteBytes() + " bytes scheduled in MINA";
    }

    /** The queue of a connection, or null when it has none (it was never attached). */
    public static Outbound of(IoSession session) {
        return (Outbound) session.getAttribute(KEY);
    }

    private static byte[] encode(Object frame) {
        if (frame instanceof EncodedFrame encoded) {
            return encoded.bytes();
        }
        if (frame instanceof Message message) {
            return JSON.encodeFrame(message);
        }
        throw new IllegalArgumentException("not a frame: " + frame.getClass().getName());
    }

    /** Queues a server frame, rendered first for a gateway's connection; false when nothing was queued. */
    private boolean offer(byte[] frame) {
        byte[] bytes = renderer == null ? frame : renderer.render(frame);
        return bytes != null && append(bytes);
    }

    /**
     * Queues a frame unless the connection is known to be gone (then false). Only this queue's own flag is read
     * here, not the session's close state (two more objects to touch per recipient of a fan-out): a frame queued
     * for a connection that is closing but not yet reported closed is dropped by the drain.
     */
    private boolean append(Object frame) {
        if (closed) {
            return false;
        }
        if (frame instanceof byte[] bytes) {
            long queued = queuedBytes.addAndGet(bytes.length);
            // MINA holds at most one drain's write of ours (draining stays set until it is sent), so its count is only
            // read near the limit: two objects fewer to touch per recipient of a fan-out.
            long limit = drainers.maxBacklogBytes();
            long backlog = queued + MINA_AT_MOST > limit ? queued + session.getScheduledWriteBytes() : queued;
            if (backlog > limit) {
                closed = true;
                frames.clear();
                LOG.info("closing {}: it is not reading ({} bytes waiting)", session.getRemoteAddress(), backlog);
                session.closeNow();
                return false;
            }
        }
        frames.add(frame);
        return true;
    }

    /** Hands the queue to the pool, unless a drain of it is already under way (that one will see the new frames). */
    private void startDrain() {
        if (draining.compareAndSet(false, true)) {
            drainers.drain(this);
        }
    }

    /** Called by the drain timer for a queue with {@link #writeSoon} frames. */
    void due() {
        due.set(false);
        startDrain();
    }

    /**
     * Writes what has piled up as one buffer. {@code draining} stays set until MINA reports that buffer sent,
     * so a connection has at most one write in flight at a time ({@code tls.TlsConnection} seals each under its
     * lock and sends it straight to the socket while MINA holds nothing of that connection's), and while one
     * write is on its way the next batch grows instead.
     */
    void drain() {
        WriteFuture written = null;
        try {
            written = writeBatch();
        } catch (RuntimeException e) {
            // Most likely the TLS filter refusing a write to a connection that closed during it.
            LOG.debug("dropped frames for closing session {}: {}", session.getId(), e.toString());
        }
        if (written == null) {
            release();
        } else {
            written.addListener(future -> release());
        }
    }

    /**
     * Gives up the drain; if more has arrived meanwhile, hands it to the pool again. After a write this runs on
     * the I/O thread that sent it, which must not be kept from its sockets by encryption.
     */
    private void release() {
        draining.set(false);
        if (!frames.isEmpty() && !closed) {
            startDrain();
        }
    }

    /** Returns the write in progress, or null when nothing was written or all of it is in the socket already. */
    private WriteFuture writeBatch() {
        if (closed || session.isClosing() || !session.isConnected()) {
            // From now on append refuses frames for it too, without waiting for MINA to report it closed.
            closed = true;
            frames.clear();
            return null;
        }
        // Frames are gathered first and copied once into a buffer of exactly their size: growing the buffer as
        // frames came in was 8% of the server's time in a 1,000-client fan-out profile.
        byte[] first = null;
        List<byte[]> batch = null;
        int batchBytes = 0;
        boolean close = false;
        Object frame;
        while (batchBytes < MAX_WRITE_BYTES && (frame = frames.poll()) != null) {
            if (frame == CLOSE) {
                close = true;
                break;
            }
            byte[] bytes = (byte[]) frame;
            queuedBytes.addAndGet(-bytes.length);
            batchBytes += bytes.length;
            if (first == null) {
                first = bytes;
            } else {
                if (batch == null) {
                    batch = new ArrayList<>();
                    batch.add(first);
                }
                batch.add(bytes);
            }
        }
        WriteFuture written = null;
        if (batch != null) {
            IoBuffer joined = IoBuffer.allocate(batchBytes);
            batch.forEach(joined::put);
            written = writer.apply(joined.flip());
        } else if (first != null) {
            // A frame alone is written without a copy; fan-out shares one array among all recipients.
            written = writer.apply(IoBuffer.wrap(first));
        }
        if (close) {
            closed = true;
            frames.clear();
            session.closeOnFlush();
        }
        return written;
    }
}
