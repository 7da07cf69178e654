package org.parley.protocol.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The fingerprint by which a Parley server's certificate is pinned (protocol.md §1): SHA-256 of the DER encoding,
 * upper-case hex, colon separated — the form {@code keytool} and {@code openssl x509 -fingerprint -sha256} print.
 * The server prints it and clients compare it, so both take it from here.
 */
public final class CertificateFingerprint {
    private CertificateFingerprint() {
    }

    public static String sha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }
}
