package org.parley.client.core.internal.trust;

import java.net.Socket;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.parley.client.core.ServerAddress;
import org.parley.client.core.ServerIdentity;
import org.parley.protocol.tls.ServerCertificateTrustManager;

/**
 * Trust for one connection: CA-signed certificates (with host name verification) are accepted; otherwise only the
 * exact certificate remembered in {@link KnownServers}. An unknown certificate is rejected here too - the user is asked
 * afterwards, off the I/O thread, and the connection is retried (so a slow answer never stalls MINA or runs into a
 * server handshake timeout). There is deliberately no code path that accepts a certificate without one of these checks.
 */
public final class TofuTrustManager extends ServerCertificateTrustManager {

    private final ServerAddress server;
    private final KnownServers knownServers;
    private final X509ExtendedTrustManager ca;
    private volatile TrustVerdict verdict;

    public TofuTrustManager(ServerAddress server, KnownServers knownServers, X509ExtendedTrustManager ca) {
        this.server = server;
        this.knownServers = knownServers;
        this.ca = ca;
    }

    /** The JDK's PKIX trust manager over {@code trustStore} (null: the default cacerts). */
    public static X509ExtendedTrustManager caTrustManager(KeyStore trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager available");
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new IllegalStateException("cannot load the CA trust store", e);
        }
    }

    /** The decision of the last handshake, or null if none got as far as the certificate. */
    public TrustVerdict verdict() {
        return verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            ca.checkServerTrusted(chain, authType, engine); // engine carries the host for endpoint identification
            verdict = new TrustVerdict.CaTrusted();
        } catch (CertificateException notCaTrusted) {
            checkKnown(chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            ca.checkServerTrusted(chain, authType, socket);
            verdict = new TrustVerdict.CaTrusted();
        } catch (CertificateException notCaTrusted) {
            checkKnown(chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // Without an engine there is no host to verify, so a CA signature alone proves nothing here.
        checkKnown(chain);
    }

    private void checkKnown(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("server sent no certificate");
        }
        ServerIdentity presented = Fingerprints.identity(server, chain[0]);
        Optional<String> known = knownServers.lookup(server);
        if (known.isEmpty()) {
            verdict = new TrustVerdict.Unknown(presented);
            throw new CertificateException("unknown server certificate " + presented.sha256());
        }
        if (!known.get().equals(presented.sha256())) {
            verdict = new TrustVerdict.Changed(presented, known.get());
            throw new CertificateException("server certificate changed from " + known.get() + " to " + presented.sha256());
        }
        verdict = new TrustVerdict.Known(presented);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return ca.getAcceptedIssuers();
    }
}
