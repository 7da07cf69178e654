package org.parley.client.core;

/**
 * The server's certificate is not trusted: no CA vouches for it and the user declined it (or no
 * {@link TrustPrompt} was set). Nothing was sent to the server.
 */
public class CertificateRejectedException extends ParleyException {
    private static final long serialVersionUID = 1L;

    private final transient ServerIdentity identity;

    public CertificateRejectedException(ServerIdentity identity, String message) {
        super(null, message, null, null);
        this.identity = identity;
    }

    /** The certificate that was refused. */
    public ServerIdentity identity() {
        return identity;
    }
}
