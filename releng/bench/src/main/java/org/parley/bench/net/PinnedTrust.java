package org.parley.bench.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, the one the benchmark's server was started with, and nothing else:
 * the generator never trusts all certificates, for either server.
 */
public final class PinnedTrust extends X509ExtendedTrustManager {
    private final X509Certificate pinned;

    private PinnedTrust(X509Certificate pinned) {
        this.pinned = pinned;
    }

    /** A client TLS context pinned to {@code certificate}. */
    public static SSLContext context(X509Certificate certificate) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedTrust(certificate)}, new SecureRandom());
            return context;
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

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0 || !Arrays.equals(chain[0].getEncoded(), pinned.getEncoded())) {
            throw new CertificateException("server certificate is not the pinned one");
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
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the load generator is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
