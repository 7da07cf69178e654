package org.parley.protocol.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

/**
 * Client-side trust in exactly one server certificate, named by its {@link CertificateFingerprint}: how a client
 * that already knows the fingerprint pins a self-signed Parley server. Anything else, a valid CA-signed
 * certificate included, is refused; there is no way to make it trust everything.
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
