package org.parley.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;
import org.parley.testing.tls.PinnedCertificateTrustManager;

/** Certificate generation and loading, and the protocol/suite policy as seen by real handshakes. */
class TlsContextTest {
    @TempDir
    Path dir;

    @Test
    void generatedKeystoreIsOwnerOnlyAndReused() throws Exception {
        TlsContext first = TlsContext.open(dir, null, null);
        assertTrue(first.generated());
        for (String file : new String[] {TlsContext.GENERATED_KEYSTORE, TlsContext.GENERATED_PASSWORD}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))), file);
        }
        TlsContext second = TlsContext.open(dir, null, null);
        assertFalse(second.generated());
        assertEquals(first.fingerprint(), second.fingerprint());
        assertTrue(first.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), first.fingerprint());
    }

    @Test
    void aConfiguredKeystoreNeedsItsPassword() throws Exception {
        Path keystore = dir.resolve("real.p12");
        SelfSignedCertificate.generate(keystore, "s3cret-pass".toCharArray());
        TlsContext loaded = TlsContext.open(dir.resolve("data"), keystore, "s3cret-pass".toCharArray());
        assertFalse(loaded.generated());
        assertFalse(Files.exists(dir.resolve("data").resolve(TlsContext.GENERATED_KEYSTORE)));
        assertThrows(GeneralSecurityException.class, () -> TlsContext.open(dir, keystore, null));
        assertThrows(IOException.class, () -> TlsContext.open(dir, keystore, "wrong".toCharArray()));
    }

    @Test
    void onlyTls12And13WithStrongSuitesAreAccepted() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            for (String protocol : TlsPolicy.PROTOCOLS) {
                TestClient c = TestClient.connect(server.server().address(), server.fingerprint(), protocol);
                assertEquals(protocol, c.socket().getSession().getProtocol());
                assertTrue(TlsPolicy.SUITES.contains(c.socket().getSession().getCipherSuite()));
                c.await(ServerMessage.Welcome.class);
                assertEquals(new ServerMessage.Pong("p"), c.request(new Request.Ping("p")));
                c.close();
            }
            try (SSLSocket weak = (SSLSocket) PinnedCertificateTrustManager.clientContext(server.fingerprint(), "TLS").getSocketFactory()
                    .createSocket(server.server().address().getAddress(), server.server().address().getPort())) {
                weak.setEnabledProtocols(new String[] {"TLSv1.2"});
                weak.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"});
                SSLException refused = assertThrows(SSLException.class, weak::startHandshake, "CBC suites are refused");
                // The server's alert says why, rather than a connection cut before it was sent.
                assertTrue(refused.getMessage().contains("handshake_failure"), refused.getMessage());
            }
        }
    }

    @Test
    void aClientPinningAnotherCertificateRefusesTheServer() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            // The pin of a genuinely different certificate: editing a byte of the real fingerprint would, once in
            // 256 runs, "edit" it into itself.
            String other = TlsContext.open(dir.resolve("another-server"), null, null).fingerprint();
            assertNotEquals(server.fingerprint(), other);
            assertThrows(SSLException.class, () -> TestClient.connect(server.server().address(), other));
        }
    }
    @Test
    void configuredRsaAndP384KeystoresServeBothProtocols() throws Exception {
        // What CA-issued certificates usually are, in PKCS12 files written by the JDK (as keytool does). The server
        // reads keystores with Bouncy Castle; these handshakes' signatures stay the JDK's.
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
        rsa.initialize(2048);
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC", "SunEC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        servesBothProtocols(rsa.generateKeyPair(), "SHA256withRSA", "TLS_ECDHE_RSA_");
        servesBothProtocols(p384.generateKeyPair(), "SHA384withECDSA", "TLS_ECDHE_ECDSA_");
    }

    private void servesBothProtocols(KeyPair pair, String certificateSignature, String tls12SuitePrefix) throws Exception {
        Path keystore = Files.createTempFile(dir, "configured", ".p12");
        char[] password = "configured-pass".toCharArray();
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder(certificateSignature).build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12", "SUN");
        store.load(null, null);
        store.setKeyEntry("server", pair.getPrivate(), password, new Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, password);
        }

        try (TestServer server = TestServer.start(Files.createTempDirectory(dir, "data"),
                c -> c.keystore(keystore).keystorePassword(password.clone()))) {
            assertEquals(TlsContext.fingerprint(certificate), server.fingerprint());
            for (String protocol : TlsPolicy.PROTOCOLS) {
                TestClient c = TestClient.connect(server.server().address(), server.fingerprint(), protocol);
                String suite = c.socket().getSession().getCipherSuite();
                assertEquals(protocol, c.socket().getSession().getProtocol());
                assertTrue(suite.startsWith(protocol.equals("TLSv1.2") ? tls12SuitePrefix : "TLS_AES_"), suite);
                c.await(ServerMessage.Welcome.class);
                assertEquals(new ServerMessage.Pong("p"), c.request(new Request.Ping("p")));
                c.close();
            }
        }
    }
}
