package org.parley.testing.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

import org.parley.protocol.tls.CertificateFingerprint;
import org.parley.protocol.tls.ServerCertificateTrustManager;

/**
 * Client-side trust in exactly one server certificate, named by its {@link CertificateFingerprint}: how the server's
 * tests and the benchmark's generator, which read the fingerprint from the server's startup line or data directory,
 * pin a self-signed Parley server. Anything else, a valid CA-signed certificate included, is refused. Test support
 * only: the shipped client pins through its known-servers file ({@code TofuTrustManager}).
 */
public final class PinnedCertificateTrustManager extends ServerCertificateTrustManager {
    private final String fingerprint;

    public PinnedCertificateTrustManager(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    /** A client TLS context ({@code protocol} as for {@link SSLContext#getInstance}) pinned to {@code fingerprint}. */
    public static SSLContext clientContext(String fingerprint, String protocol) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, new TrustManager[] {new PinnedCertificateTrustManager(fingerprint)}, new SecureRandom());
        return context;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no server certificate");
        }
        String actual = CertificateFingerprint.sha256(chain[0]);
        if (!actual.equals(fingerprint)) {
            throw new CertificateException("server certificate " + actual + " is not the pinned " + fingerprint);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
