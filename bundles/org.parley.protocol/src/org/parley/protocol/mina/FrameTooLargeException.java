package org.parley.protocol.mina;

import org.apache.mina.filter.codec.ProtocolDecoderException;

/** A peer sent a frame over the session's limit; the connection cannot be resynchronised and is closed. */
public final class FrameTooLargeException extends ProtocolDecoderException {
    private static final long serialVersionUID = 1L;

    private final int limit;

    public FrameTooLargeException(int limit) {
        super("frame exceeds " + limit + " bytes");
        this.limit = limit;
    }

    /** Only the limit: MINA's codec filter attaches a hex dump of the peer's bytes, which no reply may echo. */
    @Override
    public String getMessage() {
        return "frame exceeds " + limit + " bytes";
    }

    public int limit() {
        return limit;
    }
}
