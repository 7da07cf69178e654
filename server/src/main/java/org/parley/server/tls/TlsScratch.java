package org.parley.server.tls;

import java.nio.ByteBuffer;

/**
 * Byte buffers for {@link TlsEngine}: each thread's two reusable engine-sized buffers, and growing an output buffer.
 *
 * <p>Why per thread: the engine insists on a whole packet (about 17 KiB) of room for every wrap and unwrap, even for
 * a 200-byte message. Allocating and zeroing those per call (as MINA's SslFilter does, two per write) showed in every
 * profile; reused per thread, only the bytes actually produced are copied into a buffer of their own size.
 */
final class TlsScratch {
    static final int SEALING = 0;
    static final int OPENING = 1;
    private static final ThreadLocal<ByteBuffer[]> BUFFERS = ThreadLocal.withInitial(() -> new ByteBuffer[2]);

    private TlsScratch() {
    }

    /**
     * This thread's buffer {@code slot}, cleared, with exactly {@code size} bytes of room: the engine sees the room
     * it asked for, so a size that has grown since it was read shows up as an overflow, never as a silent fit.
     */
    static ByteBuffer room(int slot, int size) {
        ByteBuffer[] buffers = BUFFERS.get();
        ByteBuffer buffer = buffers[slot];
        if (buffer == null || buffer.capacity() < size) {
            buffer = ByteBuffer.allocate(size);
            buffers[slot] = buffer;
        }
        return buffer.clear().limit(size);
    }

    /**
     * Appends what {@code produced} holds (written from 0 to its position) to {@code out} (null: nothing yet), clears
     * {@code produced}, and returns the buffer to go on with: {@code out}, or a larger copy of it.
     */
    static ByteBuffer append(ByteBuffer out, ByteBuffer produced) {
        produced.flip();
        if (!produced.hasRemaining()) {
            produced.clear();
            return out;
        }
        if (out == null) {
            out = ByteBuffer.allocate(produced.remaining());
        } else if (out.remaining() < produced.remaining()) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + produced.remaining()));
            out = larger.put(out.flip());
        }
        out.put(produced);
        produced.clear();
        return out;
    }

    /** The bytes of {@code from}, from its position to its limit, in a buffer of their own (ready to read). */
    static ByteBuffer copy(ByteBuffer from) {
        return ByteBuffer.allocate(from.remaining()).put(from).flip();
    }
}
