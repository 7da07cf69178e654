package org.parley.server.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLException;

/**
 * One in-memory TLS connection: a {@link TlsEngine} as the server makes it, a {@link PeerEngine} client, and what
 * the engine gave its sink, in order (the bytes on {@link #wire}, the tokens of the writes they completed).
 */
final class EnginePair {
    final List<Object> writesDone = new ArrayList<>();
    final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    final TlsEngine server;
    final PeerEngine client;
    boolean securedSeen;

    EnginePair(TlsFilter filter, String fingerprint, String protocol) throws Exception {
        server = new TlsEngine(filter.newEngine(), (records, write) -> {
            wire.write(records.array(), records.arrayOffset() + records.position(), records.remaining());
            if (write != null) {
                writesDone.add(write);
            }
        });
        client = new PeerEngine(fingerprint, protocol);
    }

    /** Passes flights both ways until neither side has anything more to say. */
    EnginePair handshake() throws Exception {
        for (int round = 0; round < 20; round++) {
            byte[] toServer = client.flight();
            securedSeen |= serverReceives(toServer).securedNow();
            byte[] toClient = takeWire();
            client.feed(toClient);
            if (toServer.length == 0 && toClient.length == 0) {
                return this;
            }
        }
        throw new AssertionError("handshake did not settle");
    }

    TlsEngine.Received serverReceives(byte[] bytes) throws SSLException {
        return server.receive(ByteBuffer.wrap(bytes));
    }

    byte[] takeWire() {
        byte[] bytes = wire.toByteArray();
        wire.reset();
        return bytes;
    }

    /** The server writes {@code data}; returns what the client decrypts of everything sent so far. */
    byte[] serverSends(byte[] data, Object token) throws SSLException {
        server.write(ByteBuffer.wrap(data), token);
        client.feed(takeWire());
        return client.takeReceived();
    }
}
