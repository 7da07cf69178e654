package org.parley.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of {@link TlsEngine}'s write path: a fuzzed sequence of application writes of any size
 * (empty to megabytes), interleaved with buffer sizes found stale (overflow retries) and, over TLS 1.3, key updates
 * asked for by the peer, and with the peer reading the wire cut at fuzzed points. The peer, a plain JDK engine, must
 * decrypt exactly the bytes written, in order, and each write must be reported done once, in order.
 *
 * <p>Plain {@code mvn verify} replays the committed inputs in {@code TlsEngineFuzzTestInputs}; {@code JAZZER_FUZZ=1}
 * fuzzes (server/README.md, "Fuzzing").
 */
class TlsEngineFuzzTest {
    /** Bounds one input's work: the fuzzer should try many sequences, not a few huge ones. */
    private static final int MAX_BYTES_PER_INPUT = 4 * 1024 * 1024;
    private static final int MAX_STEPS = 48;

    @TempDir
    static Path dir;
    private static TlsFilter filter;
    private static String fingerprint;

    @BeforeAll
    static void identity() throws Exception {
        TlsContext tls = TlsContext.open(dir, null, null);
        filter = TlsPolicy.filter(tls.sslContext());
        fingerprint = tls.fingerprint();
    }

    @FuzzTest(maxDuration = "5m")
    void sealedWritesArriveIntactAndInOrder(FuzzedDataProvider data) throws Exception {
        boolean tls13 = data.consumeBoolean();
        EnginePair pair = new EnginePair(filter, fingerprint, tls13 ? "TLSv1.3" : "TLSv1.2").handshake();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        List<Object> tokens = new ArrayList<>();
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            switch (data.consumeInt(0, 4)) {
                case 0, 1 -> {
                    // Mostly up to a few records, sometimes far beyond a socket buffer.
                    int size = data.consumeBoolean() ? data.consumeInt(0, 40_000) : data.consumeInt(0, 2_000_000);
                    if (written.size() + size > MAX_BYTES_PER_INPUT) {
                        continue;
                    }
                    byte[] bytes = pattern(size, tokens.size());
                    pair.server.write(ByteBuffer.wrap(bytes), tokens.size());
                    tokens.add(tokens.size());
                    written.writeBytes(bytes);
                }
                case 2 -> pair.server.assumeBufferSizes(data.consumeInt(1, 20_000), data.consumeInt(1, 20_000));
                case 3 -> {
                    if (tls13) {
                        // The peer asks for a key update; the server's answer goes out in line with its data.
                        deliver(pair, pair.takeWire(), delivered);
                        pair.client.engine.beginHandshake();
                        pair.serverReceives(pair.client.flight());
                    }
                }
                default -> {
                    byte[] wire = pair.takeWire();
                    int cut = data.consumeInt(0, wire.length);
                    deliver(pair, Arrays.copyOfRange(wire, 0, cut), delivered);
                    pair.wire.writeBytes(Arrays.copyOfRange(wire, cut, wire.length));
                }
            }
        }
        deliver(pair, pair.takeWire(), delivered);
        assertArrayEquals(written.toByteArray(), delivered.toByteArray());
        assertEquals(tokens, pair.writesDone);
    }

    private static void deliver(EnginePair pair, byte[] wire, ByteArrayOutputStream delivered) throws Exception {
        pair.client.feed(wire);
        delivered.writeBytes(pair.client.takeReceived());
    }

    /** Distinct bytes per write and position, so a lost, repeated or reordered record cannot go unnoticed. */
    private static byte[] pattern(int size, int write) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + write * 7 + (i >>> 14));
        }
        return bytes;
    }
}
