package org.parley.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's TLS filter on a real acceptor (RSA certificate) accepts a JDK client offering any one of X25519, P-256 and P-384, and
 * refuses one that offers only groups outside Mozilla's intermediate profile, with TLS 1.3 and 1.2 alike.
 */
class NamedGroupsTest {
    private static final List<String> REFUSED =
            List.of("secp521r1", "x448", "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192");

    @TempDir
    Path dir;
    private BytesServer server;

    /**
     * With an RSA certificate: JSSE ties each ECDSA signature scheme to its curve's group, so a client allowed only
     * X25519 could not check a P-256 signature; RSA signatures leave the groups free to test.
     */
    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair pair = rsa.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "rsa-pass".toCharArray();
        store.setKeyEntry("server", pair.getPrivate(), password, new Certificate[] {certificate});
        Path keystore = dir.resolve("rsa.p12");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, password);
        }
        server = new BytesServer(TlsContext.open(dir, keystore, password));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void eachAllowedGroupAloneIsAccepted(String protocol) throws Exception {
        for (String group : TlsPolicy.GROUPS) {
            try (SSLSocket client = clientOffering(protocol, List.of(group))) {
                DataOutputStream out = new DataOutputStream(client.getOutputStream());
                out.writeInt(100);
                out.flush();
                byte[] received = new byte[100];
                new DataInputStream(client.getInputStream()).readFully(received);
                assertArrayEquals(BytesServer.pattern(100), received, group + " over " + protocol);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aClientOfferingOnlyOtherGroupsIsRefused(String protocol) throws Exception {
        try (SSLSocket client = clientOffering(protocol, REFUSED)) {
            // Java 17 answers TLS 1.3 without a common group with unexpected_message, TLS 1.2 with handshake_failure.
            assertThrows(SSLException.class, client::startHandshake, protocol);
        }
    }

    /** A JDK client that offers only {@code groups} (per socket, through the same kind of constraints). */
    private SSLSocket clientOffering(String protocol, List<String> groups) throws Exception {
        SSLSocket socket = LargeWriteTest.connect(server);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        parameters.setAlgorithmConstraints(new NamedGroups(groups));
        socket.setSSLParameters(parameters);
        return socket;
    }
}
