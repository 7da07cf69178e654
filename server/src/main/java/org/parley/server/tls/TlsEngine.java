package org.parley.server.tls;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * One connection's TLS, independent of any network library: the {@link SSLEngine} loop (handshake, wrap, unwrap),
 * records that arrive cut or coalesced, and application writes made before the handshake finished. Encrypted bytes
 * leave through a {@link Sink}, in exactly the order the engine produced them.
 *
 * <p>Why our own: MINA's {@code SslHandler} exists only inside its {@code SslFilter} (whose costs {@link TlsFilter}
 * lists), and libraries such as tls-channel wrap a blocking or selectable channel, not MINA's buffers.
 *
 * <p>Not thread-safe: the caller serialises every call ({@link TlsConnection} under its lock), and the sink is called
 * from within them, so whatever the sink does with the bytes happens in wire order.
 */
final class TlsEngine {
    /** Guards against an engine that keeps asking for the same step without progress. */
    private static final int MAX_STEPS = 64;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    /** Where encrypted records go. */
    interface Sink {
        /**
         * @param records encrypted bytes, ready to read, to send as they are and before anything sent later
         * @param write the token of the application write these records complete; null for handshake data and alerts
         */
        void send(ByteBuffer records, Object write);
    }

    /** What a read produced: decrypted application data, whether the handshake completed with it, and end of input. */
    record Received(List<ByteBuffer> data, boolean securedNow, boolean closed) {
    }

    private record Waiting(ByteBuffer data, Object write) {
    }

    private final SSLEngine engine;
    private final Sink sink;
    private final ArrayDeque<Waiting> beforeSecured = new ArrayDeque<>();
    /** Received bytes that do not yet form a whole record; null while there are none (almost always). */
    private ByteBuffer partial;
    /** Records produced and not yet given to the sink; null while there are none. */
    private ByteBuffer out;
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

    TlsEngine(SSLEngine engine, Sink sink) {
        this.engine = engine;
        this.sink = sink;
        readBufferSizes();
    }

    /** Decrypts what arrived; handshake messages are answered on the spot (delegated tasks run on this thread). */
    Received receive(ByteBuffer received) throws SSLException {
        ByteBuffer in = withPartial(received);
        List<ByteBuffer> data = new ArrayList<>(1);
        boolean wasSecured = secured;
        boolean closed = false;
        try {
            // Every pass either consumes bytes or leaves the loop; only a too-small buffer may repeat one (twice).
            int overflows = 0;
            while (in.hasRemaining()) {
                ByteBuffer app = TlsScratch.room(TlsScratch.OPENING, applicationBufferSize << overflows);
                SSLEngineResult result = engine.unwrap(in, app);
                if (result.bytesProduced() > 0) {
                    data.add(TlsScratch.copy(app.flip()));
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
                refuseRenegotiation(result.getHandshakeStatus());
                handshake(result.getHandshakeStatus());
                if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException e) {
            if (!broken && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                // A failed handshake leaves an alert to send: the peer deserves to know why.
                try {
                    wrapHandshake();
                } catch (SSLException | RuntimeException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
            }
            flush(null);
            throw e;
        } finally {
            keepPartial(in);
        }
        flush(null);
        return new Received(data, secured && !wasSecured, closed);
    }

    /** Encrypts an application write (its bytes from position to limit), or keeps it until the handshake is done. */
    void write(ByteBuffer data, Object write) throws SSLException {
        if (broken) {
            throw new SSLException("TLS connection broken by an earlier failed write");
        }
        if (!secured) {
            beforeSecured.add(new Waiting(data, write));
            return;
        }
        seal(data);
        flush(write);
    }

    /** Sends close_notify, unless a broken connection could not deliver it readably. */
    void close() {
        engine.closeOutbound();
        if (broken) {
            return;
        }
        try {
            wrapHandshake();
        } catch (SSLException e) {
            // Closing anyway; there is no one left to tell.
        }
        flush(null);
    }

    boolean secured() {
        return secured;
    }

    /** Test hook: as if the engine had last reported these buffer sizes (a session whose sizes grew since). */
    void assumeBufferSizes(int packet, int application) {
        packetBufferSize = packet;
        applicationBufferSize = application;
    }

    private void readBufferSizes() {
        SSLSession session = engine.getSession();
        packetBufferSize = session.getPacketBufferSize();
        applicationBufferSize = session.getApplicationBufferSize();
    }

    private void seal(ByteBuffer source) throws SSLException {
        // Room for the data plus each record's header, nonce and tag: one allocation in the common case.
        out = ByteBuffer.allocate(source.remaining() + (source.remaining() / 16_000 + 1) * 64);
        try {
            // Only steps that seal nothing count against the guard: a write of any size takes as many records as it needs.
            for (int stalled = 0; source.hasRemaining(); ) {
                if (stalled > MAX_STEPS) {
                    throw new SSLException("TLS engine made no progress sealing " + source.remaining() + " bytes");
                }
                ByteBuffer net = TlsScratch.room(TlsScratch.SEALING, packetBufferSize << Math.min(stalled, 2));
                SSLEngineResult result = engine.wrap(source, net);
                if (result.getStatus() == Status.CLOSED) {
                    throw new SSLException("TLS connection closed");
                }
                out = TlsScratch.append(out, net);
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    stalled++;
                    readBufferSizes();
                } else if (result.bytesConsumed() > 0) {
                    stalled = 0;
                } else {
                    // A key update is due: its records go out in line with the data's, then the data goes on.
                    stalled++;
                    handshake(result.getHandshakeStatus());
                }
            }
        } catch (SSLException | RuntimeException e) {
            // Records sealed so far took sequence numbers the peer will never see: nothing sealed after them,
            // close_notify included, would pass its integrity check. The connection can only be dropped.
            broken = true;
            out = null;
            throw e;
        }
    }

    /**
     * A TLS 1.2 handshake after the first is a renegotiation, which a client could ask for at will to make the server
     * redo the expensive part of a handshake; chat clients never need it. (TLS 1.3 has no renegotiation; its
     * post-handshake messages, such as a key update, are answered.)
     */
    private void refuseRenegotiation(HandshakeStatus status) throws SSLException {
        if (handshakingAgain(status) && "TLSv1.2".equals(engine.getSession().getProtocol())) {
            broken = true;
            throw new SSLException("TLS 1.2 renegotiation refused");
        }
    }

    private boolean handshakingAgain(HandshakeStatus status) {
        return secured && status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED;
    }

    /** Runs delegated tasks and wraps handshake messages until the engine waits for the peer (or is done). */
    private void handshake(HandshakeStatus status) throws SSLException {
        for (int step = 0; step < MAX_STEPS; step++) {
            switch (status) {
                case NEED_TASK -> {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                }
                case NEED_WRAP -> wrapHandshake();
                case FINISHED -> {
                    secure();
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
                secure();
                return;
            }
        }
        throw new SSLException("TLS handshake made no progress");
    }

    private void wrapHandshake() throws SSLException {
        for (int step = 0; step < MAX_STEPS; step++) {
            ByteBuffer net = TlsScratch.room(TlsScratch.SEALING, packetBufferSize << Math.min(step, 2));
            SSLEngineResult result = engine.wrap(NOTHING, net);
            out = TlsScratch.append(out, net);
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                readBufferSizes();
                continue;
            }
            if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                secure();
                return;
            }
            if (result.getHandshakeStatus() != HandshakeStatus.NEED_WRAP || result.getStatus() == Status.CLOSED) {
                return;
            }
        }
    }

    /** The handshake is done: its last flight goes out, then the writes that waited, in order. */
    private void secure() throws SSLException {
        if (secured) {
            return;
        }
        secured = true;
        readBufferSizes();
        flush(null);
        for (Waiting waiting = beforeSecured.poll(); waiting != null; waiting = beforeSecured.poll()) {
            seal(waiting.data());
            flush(waiting.write());
        }
    }

    /** Gives the records produced so far to the sink, as completing {@code write} (null: none). */
    private void flush(Object write) {
        if (out != null && out.position() > 0) {
            ByteBuffer records = out.flip();
            out = null;
            sink.send(records, write);
        } else if (write != null) {
            // Nothing to send for an empty write; it is done all the same.
            sink.send(ByteBuffer.allocate(0), write);
        }
        out = null;
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
            partial = TlsScratch.copy(in);
        }
    }
}
