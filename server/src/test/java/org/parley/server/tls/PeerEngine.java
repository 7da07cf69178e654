package org.parley.server.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

import org.parley.testing.tls.PinnedCertificateTrustManager;

/**
 * The other end of an in-memory TLS connection: a plain JDK client {@link SSLEngine} driven the simplest way, with
 * buffers far larger than any record, so that it shares no code or shortcut with {@link TlsEngine}.
 */
final class PeerEngine {
    private static final int ROOM = 1 << 20;

    final SSLEngine engine;
    private final ByteBuffer inbound = ByteBuffer.allocate(ROOM);
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    PeerEngine(String fingerprint, String protocol) throws Exception {
        SSLContext context = PinnedCertificateTrustManager.clientContext(fingerprint, "TLS");
        engine = context.createSSLEngine("localhost", 7443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        engine.beginHandshake();
    }

    /** Runs tasks and wraps whatever the engine has to say (handshake flights, alerts). */
    byte[] flight() throws SSLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int step = 0; step < 100; step++) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (status == HandshakeStatus.NEED_WRAP) {
                ByteBuffer net = ByteBuffer.allocate(ROOM);
                engine.wrap(ByteBuffer.allocate(0), net);
                out.write(net.array(), 0, net.position());
            } else {
                break;
            }
        }
        return out.toByteArray();
    }

    /** Encrypts application data into as many records as it takes. */
    byte[] seal(byte[] data) throws SSLException {
        ByteBuffer source = ByteBuffer.wrap(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            ByteBuffer net = ByteBuffer.allocate(ROOM);
            SSLEngineResult result = engine.wrap(source, net);
            if (result.getStatus() != Status.OK) {
                throw new SSLException("peer could not seal: " + result);
            }
            out.write(net.array(), 0, net.position());
        } while (source.hasRemaining());
        return out.toByteArray();
    }

    /** Takes bytes from the server, whole records or not; decrypted data collects in {@link #takeReceived}. */
    void feed(byte[] bytes) throws SSLException {
        // In slices, so that any amount fits the inbound buffer beside a partial record left from before.
        for (int offset = 0; offset < bytes.length || offset == 0; offset += ROOM / 2) {
            inbound.put(bytes, offset, Math.min(ROOM / 2, bytes.length - offset)).flip();
            try {
                unwrapAll();
            } finally {
                inbound.compact();
            }
            if (bytes.length == 0) {
                break;
            }
        }
    }

    private void unwrapAll() throws SSLException {
        while (inbound.hasRemaining()) {
            ByteBuffer app = ByteBuffer.allocate(ROOM);
            SSLEngineResult result = engine.unwrap(inbound, app);
            received.write(app.array(), 0, app.position());
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (result.getStatus() != Status.OK || result.bytesConsumed() == 0) {
                break;
            }
        }
    }

    /** The application data decrypted so far, since the last call. */
    byte[] takeReceived() {
        byte[] bytes = received.toByteArray();
        received.reset();
        return bytes;
    }

    private void runTasks() {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }
}
