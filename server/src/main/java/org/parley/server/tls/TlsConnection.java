package org.parley.server.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * One MINA session's {@link TlsEngine}, and the only code here that knows MINA: it feeds the engine what the session
 * reads and writes, and puts the engine's records on the wire. Every engine call and every hand-over of records
 * happens under this object's lock, so records reach the wire in the order they were sealed whichever thread writes:
 * a record goes to the socket from the sealing thread itself only while MINA holds no earlier one.
 */
final class TlsConnection implements TlsEngine.Sink {
    /** The engine's token for a {@link #push}: its write request is made only if MINA has to take over. */
    private static final Object PUSH = new Object();

    private final TlsEngine engine;
    private final IoSession session;
    private final NextFilter next;
    /**
     * Sealed records handed to MINA and not yet reported sent. While there are none, a record may go straight to the
     * socket from the sealing thread: nothing sealed earlier can still be waiting behind it.
     */
    private final AtomicInteger inMina = new AtomicInteger();
    /** The push being sealed, and the future of its write if MINA took it; both only used under the lock. */
    private IoBuffer pushing;
    private WriteFuture pushedThroughMina;

    /** @param next the TLS filter's next filter in {@code session}'s chain (one object for both directions) */
    TlsConnection(SSLEngine engine, IoSession session, NextFilter next) {
        this.engine = new TlsEngine(engine, this);
        this.session = session;
        this.next = next;
    }

    /** Decrypts what arrived; handshake messages are answered on the spot (delegated tasks run on this thread). */
    synchronized TlsEngine.Received receive(IoBuffer message) throws SSLException {
        return engine.receive(message.buf());
    }

    /** Encrypts an application write, or keeps it until the handshake is done. */
    synchronized void write(WriteRequest request) throws SSLException {
        engine.write(((IoBuffer) request.getMessage()).buf(), request);
    }

    /**
     * Encrypts and sends an application write without a MINA write request: null once all of it is in the socket,
     * else the future of the write MINA finishes (the socket was full, or MINA still holds an earlier record). For
     * the server's pushes, where the write request, its future and the walk down the filter chain cost as much as the
     * sealing (JFR, 1,000-client fan-out at 25 k deliveries/s). Only once the handshake is done.
     */
    WriteFuture push(IoBuffer data) throws SSLException {
        synchronized (this) {
            if (engine.secured()) {
                pushing = data;
                pushedThroughMina = null;
                try {
                    engine.write(data.buf(), PUSH);
                    return pushedThroughMina;
                } finally {
                    pushing = null;
                }
            }
        }
        // Handshake not done: the ordinary write, which the engine keeps until it is (in order with any other).
        return session.write(data);
    }

    /** Sends close_notify ahead of closing, when the session can still write. */
    synchronized void close() {
        engine.close();
    }

    /** Called by the engine, under this object's lock, with records in wire order. */
    @Override
    public void send(ByteBuffer records, Object write) {
        IoBuffer sealed = IoBuffer.wrap(records);
        if (write == PUSH) {
            if (!writtenDirectly(sealed)) {
                WriteRequest request = new DefaultWriteRequest(pushing, new DefaultWriteFuture(session));
                pushedThroughMina = request.getFuture();
                inMina.incrementAndGet();
                next.filterWrite(session, new Sealed(sealed, request, this));
            }
            return;
        }
        WriteRequest request = (WriteRequest) write;
        if (request != null && writtenDirectly(sealed)) {
            request.getFuture().setWritten();
        } else {
            inMina.incrementAndGet();
            next.filterWrite(session, new Sealed(sealed, request, this));
        }
    }

    /**
     * Writes records to the socket on this thread when MINA holds nothing of this connection's, sparing the hand-off
     * to the I/O thread (its wake-up, write request and future, and the event back up the chain). False, with the
     * unwritten rest left in {@code sealed}, when MINA must take over: something of ours is still queued there, or
     * the socket's buffer is full. (Handshake records always go through MINA: they are few, and off the hot path.)
     */
    private boolean writtenDirectly(IoBuffer sealed) {
        if (inMina.get() > 0 || !(session instanceof NioSession nio) || session.isClosing()) {
            return false;
        }
        try {
            nio.getChannel().write(sealed.buf());
        } catch (IOException e) {
            return false;
        }
        return !sealed.hasRemaining();
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
