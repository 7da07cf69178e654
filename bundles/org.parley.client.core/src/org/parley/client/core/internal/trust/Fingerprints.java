package org.parley.client.core.internal.trust;

import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

import org.parley.client.core.ServerAddress;
import org.parley.client.core.ServerIdentity;
import org.parley.protocol.tls.CertificateFingerprint;

/** SHA-256 certificate fingerprints in the colon-separated upper-case hex that keytool and the server print. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String sha256(X509Certificate certificate) {
        return CertificateFingerprint.sha256(certificate);
    }

    /** Accepts fingerprints with or without colons, any case; returns the canonical form. */
    public static String normalize(String fingerprint) {
        String hex = fingerprint.replace(":", "").trim().toUpperCase(Locale.ROOT);
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }

    public static ServerIdentity identity(ServerAddress address, X509Certificate leaf) {
        return new ServerIdentity(address, sha256(leaf), leaf.getSubjectX500Principal().getName(),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }
}
