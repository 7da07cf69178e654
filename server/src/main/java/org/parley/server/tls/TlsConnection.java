package org.parley.server.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * One connection's TLS state: its {@link SSLEngine}, the bytes of a record not yet complete, and the writes made
 * before the handshake finished. Every engine call and every hand-over of encrypted bytes to the socket happens
 * under this object's lock, so records reach the wire in the order they were sealed whichever thread writes: a
 * record goes to the socket from the sealing thread itself only while MINA holds no earlier one.
 *
 * <p>The engine insists on a whole packet (about 17 KiB) of room for every wrap and unwrap, even for a 200-byte
 * message. Those buffers are per thread and reused; only the bytes actually produced are copied into a buffer of
 * their own size. (MINA's SslFilter allocates and zeroes two packets for every write instead.)
 */
final class TlsConnection {
    /** Guards against an engine that keeps asking for the same step without progress. */
    private static final int MAX_STEPS = 64;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    private static final ThreadLocal<ByteBuffer[]> SCRATCH = new ThreadLocal<>();

    private final SSLEngine engine;
    private final ArrayDeque<WriteRequest> beforeSecured = new ArrayDeque<>();
    /** Received bytes that do not yet form a whole record; null while there are none (almost always). */
    private ByteBuffer partial;
    private boolean secured;
    /** Sealing failed half way: the peer would reject every later record, so none is sent, not even close_notify. */
    private boolean broken;
    /**
     * The engine's buffer sizes, read when its session changes (handshake) or a buffer proved too small. Asking
     * the engine for them takes its lock and its session's; doing so for every record was 9% of a 5,000-client
     * fan-out profile, most of it waking threads queued on those locks.
     */
    private int packetBufferSize;
    private int applicationBufferSize;
    /**
     * Sealed records handed to MINA and not yet reported sent. While there are none, a record may go straight to the
     * socket from the sealing thread: nothing sealed earlier can still be waiting behind it.
     */
    private final AtomicInteger inMina = new AtomicInteger();

    TlsConnection(SSLEngine engine) {
        this.engine = engine;
        readBufferSizes();
    }

    /** The sealing buffer proved too small: the session's sizes may have changed, and this thread's buffer grows. */
    private void growSealingScratch() {
        readBufferSizes();
        scratch(0, packetBufferSize * 2);
    }

    private void readBufferSizes() {
        SSLSession session = engine.getSession();
        packetBufferSize = session.getPacketBufferSize();
        applicationBufferSize = session.getApplicationBufferSize();
    }

    /** What a read produced: decrypted application data, and whether the handshake completed with it. */
    record Received(List<IoBuffer> data, boolean securedNow, boolean closed) {
    }

    /** Decrypts what arrived; handshake messages are answered on the spot (delegated tasks run on this thread). */
    synchronized Received receive(NextFilter next, IoSession session, IoBuffer message) throws SSLException {
        ByteBuffer in = withPartial(message.buf());
        List<IoBuffer> data = new ArrayList<>(1);
        boolean wasSecured = secured;
        boolean closed = false;
        try {
            // Every pass either consumes bytes or leaves the loop; only a too-small buffer may repeat one (once).
            int overflows = 0;
            while (in.hasRemaining()) {
                ByteBuffer app = scratch(1, applicationBufferSize << overflows);
                SSLEngineResult result = engine.unwrap(in, app);
                if (result.bytesProduced() > 0) {
                    app.flip();
                    data.add(IoBuffer.allocate(app.remaining()).put(app).flip());
                }
                if (result.getStatus() == Status.CLOSED) {
                    closed = true;
                    break;
                }
                if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                    break;
                }
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    if (++overflows > 2) {
                        throw new SSLException("TLS record larger than the engine's own buffer size");
                    }
                    readBufferSizes();
                    continue;
                }
                overflows = 0;
                handshake(next, session, result.getHandshakeStatus());
                if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException e) {
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                // A failed handshake leaves an alert to send: the peer deserves to know why.
                try {
                    wrapHandshake(next, session);
                } catch (SSLException | RuntimeException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
            }
            throw e;
        } finally {
            keepPartial(in);
        }
        return new Received(data, secured && !wasSecured, closed);
    }

    /** Encrypts an application write, or keeps it until the handshake is done. */
    synchronized void write(NextFilter next, IoSession session, WriteRequest request) throws SSLException {
        if (broken) {
            throw new SSLException("TLS connection broken by an earlier failed write");
        }
        if (!secured) {
            beforeSecured.add(request);
            return;
        }
        seal(next, session, request);
    }

    /** Sends close_notify ahead of closing, when the session can still write. */
    synchronized void close(NextFilter next, IoSession session) {
        engine.closeOutbound();
        if (broken) {
            return;
        }
        try {
            wrapHandshake(next, session);
        } catch (SSLException e) {
            // Closing anyway; there is no one left to tell.
        }
    }

    private void seal(NextFilter next, IoSession session, WriteRequest request) throws SSLException {
        ByteBuffer source = ((IoBuffer) request.getMessage()).buf();
        // Room for the data plus each record's header, nonce and tag: one allocation in the common case.
        IoBuffer sealed = IoBuffer.allocate(source.remaining() + (source.remaining() / 16_000 + 1) * 64);
        try {
            // Only steps that seal nothing count against the guard: a write of any size takes as many records as it needs.
            for (int stalled = 0; source.hasRemaining();) {
                if (stalled > MAX_STEPS) {
                    throw new SSLException("TLS engine made no progress sealing " + source.remaining() + " bytes");
                }
                ByteBuffer net = scratch(0, packetBufferSize);
                SSLEngineResult result = engine.wrap(source, net);
                if (result.getStatus() == Status.CLOSED) {
                    throw new SSLException("TLS connection closed");
                }
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    stalled++;
                    growSealingScratch();
                    continue;
                }
                sealed = append(sealed, net);
                if (result.bytesConsumed() > 0) {
                    stalled = 0;
                } else {
                    // A renegotiation or key update is in progress: let it run, then go on with the data.
                    stalled++;
                    handshake(next, session, result.getHandshakeStatus());
                }
            }
        } catch (SSLException | RuntimeException e) {
            // Records sealed so far took sequence numbers the peer will never see: nothing sealed after them,
            // close_notify included, would pass its integrity check. The connection can only be dropped.
            broken = true;
            throw e;
        }
        sealed.flip();
        if (!writtenDirectly(session, sealed, request)) {
            hand(next, session, new Sealed(sealed, request, this));
        }
    }

    /**
     * Writes a record to the socket on this thread when MINA holds nothing of this connection's, sparing the hand-off
     * to the I/O thread (its wake-up, write request and future, and the event back up the chain). False, with the
     * unwritten rest left in {@code sealed}, when MINA must take over: something of ours is still queued there, or
     * the socket's buffer is full.
     */
    private boolean writtenDirectly(IoSession session, IoBuffer sealed, WriteRequest request) {
        if (inMina.get() > 0 || !(session instanceof NioSession nio) || session.isClosing()) {
            return false;
        }
        try {
            nio.getChannel().write(sealed.buf());
        } catch (IOException e) {
            return false;
        }
        if (sealed.hasRemaining()) {
            return false;
        }
        request.getFuture().setWritten();
        return true;
    }

    private void hand(NextFilter next, IoSession session, Sealed sealed) {
        inMina.incrementAndGet();
        next.filterWrite(session, sealed);
    }

    /** Runs delegated tasks and sends handshake flights until the engine waits for the peer (or is done). */
    private void handshake(NextFilter next, IoSession session, HandshakeStatus status) throws SSLException {
        for (int step = 0; step < MAX_STEPS; step++) {
            switch (status) {
                case NEED_TASK -> {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                }
                case NEED_WRAP -> wrapHandshake(next, session);
                case FINISHED -> {
                    secure(next, session);
                    if (engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
            status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NOT_HANDSHAKING && !secured) {
                secure(next, session);
                return;
            }
        }
        throw new SSLException("TLS handshake made no progress");
    }

    private void wrapHandshake(NextFilter next, IoSession session) throws SSLException {
        IoBuffer sealed = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            ByteBuffer net = scratch(0, packetBufferSize);
            SSLEngineResult result = engine.wrap(NOTHING, net);
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                growSealingScratch();
                continue;
            }
            sealed = append(sealed, net);
            if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                flushHandshake(next, session, sealed);
                secure(next, session);
                return;
            }
            if (result.getHandshakeStatus() != HandshakeStatus.NEED_WRAP || result.getStatus() == Status.CLOSED) {
                break;
            }
        }
        flushHandshake(next, session, sealed);
    }

    private void flushHandshake(NextFilter next, IoSession session, IoBuffer sealed) {
        if (sealed != null && sealed.position() > 0) {
            hand(next, session, new Sealed(sealed.flip(), null, this));
        }
    }

    /** The handshake is done: writes that waited go out now, in order. */
    private void secure(NextFilter next, IoSession session) throws SSLException {
        if (secured) {
            return;
        }
        secured = true;
        readBufferSizes();
        for (WriteRequest waiting = beforeSecured.poll(); waiting != null; waiting = beforeSecured.poll()) {
            seal(next, session, waiting);
        }
    }

    /** Appends what {@code net} holds (written from 0 to its position) to {@code sealed}, and clears {@code net}. */
    private static IoBuffer append(IoBuffer sealed, ByteBuffer net) {
        net.flip();
        if (!net.hasRemaining()) {
            net.clear();
            return sealed;
        }
        if (sealed == null) {
            sealed = IoBuffer.allocate(net.remaining());
        } else if (sealed.remaining() < net.remaining()) {
            IoBuffer larger = IoBuffer.allocate(Math.max(sealed.capacity() * 2, sealed.position() + net.remaining()));
            sealed = larger.put(sealed.flip());
        }
        sealed.put(net);
        net.clear();
        return sealed;
    }

    /** This thread's reusable buffer {@code slot} (0: sealing, 1: opening), at least {@code size} bytes, cleared. */
    private static ByteBuffer scratch(int slot, int size) {
        ByteBuffer[] buffers = SCRATCH.get();
        if (buffers == null) {
            buffers = new ByteBuffer[2];
            SCRATCH.set(buffers);
        }
        ByteBuffer buffer = buffers[slot];
        if (buffer == null || buffer.capacity() < size) {
            buffer = ByteBuffer.allocate(size);
            buffers[slot] = buffer;
        }
        return buffer.clear();
    }

    private ByteBuffer withPartial(ByteBuffer received) {
        if (partial == null) {
            return received;
        }
        ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + received.remaining());
        joined.put(partial).put(received).flip();
        partial = null;
        return joined;
    }

    private void keepPartial(ByteBuffer in) {
        if (in.hasRemaining()) {
            ByteBuffer rest = ByteBuffer.allocate(in.remaining());
            rest.put(in).flip();
            partial = rest;
        }
    }

    /** Encrypted bytes on their way to the socket, remembering the write they came from (null: handshake data). */
    static final class Sealed extends DefaultWriteRequest {
        private final WriteRequest original;
        private final TlsConnection from;

        Sealed(IoBuffer encrypted, WriteRequest original, TlsConnection from) {
            super(encrypted, original == null ? null : original.getFuture());
            this.original = original;
            this.from = from;
        }

        /**
         * MINA has written this record. Not under the connection's lock: the I/O thread must not wait for a seal, and
         * a sealing thread that still sees the old count only hands its record to MINA as before.
         */
        void sent() {
            from.inMina.decrementAndGet();
        }

        WriteRequest original() {
            return original;
        }

        @Override
        public WriteRequest getOriginalRequest() {
            return original != null ? original : this;
        }
    }
}
