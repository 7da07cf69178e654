package org.parley.client.core;

/**
 * The server presented a certificate different from the one remembered for its host and port. Never accepted
 * silently: either the server was re-keyed (the user compares the new fingerprint with the operator's and confirms it,
 * {@link ParleyClient#trustServer}) or someone is intercepting the connection.
 */
public class CertificateChangedException extends CertificateRejectedException {
    private static final long serialVersionUID = 1L;

    private final String knownSha256;

    public CertificateChangedException(ServerIdentity presented, String knownSha256) {
        super(presented, "The certificate of " + presented.address() + " has CHANGED. Known SHA-256 fingerprint: "
                + knownSha256 + ", presented now: " + presented.sha256()
                + ". Someone may be intercepting the connection, or the server was re-keyed; refusing to connect."
                + " If the change is expected, forget the server and connect again.");
        this.knownSha256 = knownSha256;
    }

    public String knownSha256() {
        return knownSha256;
    }

    public String presentedSha256() {
        return identity().sha256();
    }
}
