package org.parley.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

import javax.crypto.KeyAgreement;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/** The handshake operations served by Bouncy Castle interoperate with the JDK's own, and TLS works over them. */
class BouncyCastleCurvesTest {
    private static final byte[] TRANSCRIPT = "a TLS 1.3 CertificateVerify input".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        BouncyCastleCurves.install();
        BouncyCastleCurves.install();
    }

    @Test
    void isFirstAndInstalledOnce() {
        assertEquals(BouncyCastleCurves.NAME, Security.getProviders()[0].getName());
        long copies = Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals(BouncyCastleCurves.NAME)).count();
        assertEquals(1, copies);
    }

    @Test
    void signaturesOfTheServerKeyAreMadeHereAndVerifiedByTheJdk() throws Exception {
        TlsContext tls = TlsContext.open(dir, null, null);
        KeyStore store = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            char[] password = Files.readString(dir.resolve(TlsContext.GENERATED_PASSWORD)).trim().toCharArray();
            store.load(in, password);
            PrivateKey key = (PrivateKey) store.getKey(store.aliases().nextElement(), password);

            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(TRANSCRIPT);
            byte[] signature = signer.sign();
            assertEquals(BouncyCastleCurves.NAME, signer.getProvider().getName());

            Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
            jdk.initVerify(tls.certificate().getPublicKey());
            jdk.update(TRANSCRIPT);
            assertTrue(jdk.verify(signature), "the JDK accepts a Bouncy Castle signature");
        }
    }

    @Test
    void jdkSignaturesVerifyHere() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdk.initSign(pair.getPrivate());
        jdk.update(TRANSCRIPT);
        byte[] signature = jdk.sign();

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(TRANSCRIPT);
        assertTrue(verifier.verify(signature));
        assertEquals(BouncyCastleCurves.NAME, verifier.getProvider().getName());
        verifier.initVerify(pair.getPublic());
        verifier.update("something else".getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(signature), "a signature over other bytes is refused");
    }

    @Test
    void x25519AgreesWithTheJdkBothWays() throws Exception {
        // The calls JSSE makes for an x25519 key share: generator and agreement by the name "XDH".
        KeyPairGenerator here = KeyPairGenerator.getInstance("XDH");
        here.initialize(NamedParameterSpec.X25519);
        KeyPair ours = here.generateKeyPair();
        assertEquals(BouncyCastleCurves.NAME, here.getProvider().getName());
        KeyPairGenerator jdk = KeyPairGenerator.getInstance("XDH", "SunEC");
        jdk.initialize(NamedParameterSpec.X25519);
        KeyPair theirs = jdk.generateKeyPair();

        byte[] ourSecret = agree("XDH", null, ours.getPrivate(), theirs.getPublic());
        byte[] theirSecret = agree("XDH", "SunEC", theirs.getPrivate(), ours.getPublic());
        assertEquals(32, ourSecret.length);
        assertArrayEquals(theirSecret, ourSecret);
    }

    @Test
    void aRealHandshakeRunsOverThem() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            TestClient client = TestClient.connect(server.server().address(), server.fingerprint(), "TLSv1.3");
            client.await(ServerMessage.Welcome.class);
            assertEquals(new ServerMessage.Pong("p"), client.request(new Request.Ping("p")));
            client.close();
        }
    }

    private static byte[] agree(String algorithm, String provider, PrivateKey mine, PublicKey peer) throws Exception {
        KeyAgreement agreement = provider == null ? KeyAgreement.getInstance(algorithm) : KeyAgreement.getInstance(algorithm, provider);
        agreement.init(mine);
        agreement.doPhase(peer, true);
        if (provider == null) {
            assertEquals(BouncyCastleCurves.NAME, agreement.getProvider().getName());
        }
        return agreement.generateSecret();
    }
}
