package org.parley.bench.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;

import javax.net.ssl.SSLContext;

import org.parley.protocol.tls.CertificateFingerprint;
import org.parley.testing.tls.PinnedCertificateTrustManager;

/**
 * The generator trusts exactly one server certificate, the one the benchmark's server was started with, and
 * nothing else, for either server: this finds that certificate and pins it (with
 * the test support's {@link PinnedCertificateTrustManager}, as the server's tests do).
 */
public final class PinnedTrust {
    private PinnedTrust() {
    }

    /** A client TLS context pinned to {@code certificate}. */
    public static SSLContext context(X509Certificate certificate) {
        try {
            return PinnedCertificateTrustManager.clientContext(CertificateFingerprint.sha256(certificate), "TLS");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    /** The certificate of the first key entry of a PKCS12 keystore (Parley's generated {@code server.p12}). */
    public static X509Certificate fromKeystore(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no key entry with an X.509 certificate in " + keystore);
    }

    /** Parley's generated keystore in a data directory, opened with the password file beside it. */
    public static X509Certificate fromParleyDataDir(Path dataDir) throws IOException, GeneralSecurityException {
        char[] password = Files.readString(dataDir.resolve("server.p12.password"), StandardCharsets.UTF_8).trim().toCharArray();
        return fromKeystore(dataDir.resolve("server.p12"), password);
    }

    /** A PEM certificate file (the one InspIRCd is configured with). */
    public static X509Certificate fromPem(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
