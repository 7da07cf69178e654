package org.parley.protocol;

/**
 * A frame that cannot be accepted. Carries the code to answer with and, when the frame was readable
 * far enough, the request id so the error can be correlated by the peer.
 */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String requestId;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProtocolException(ErrorCode code, String message, String requestId) {
        super(message);
        this.code = code;
        this.requestId = requestId;
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code id} of the offending request, or null when it could not be read. */
    public String requestId() {
        return requestId;
    }

    public ProtocolException withRequestId(String id) {
        return new ProtocolException(code, getMessage(), id);
    }
}
