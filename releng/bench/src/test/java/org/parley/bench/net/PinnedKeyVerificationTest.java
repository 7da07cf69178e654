package org.parley.bench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Verification through the cache gives the JDK's answers, for every key and every freshly parsed copy of one. */
class PinnedKeyVerificationTest {
    private static final byte[] TRANSCRIPT = "server CertificateVerify content".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void install() {
        PinnedKeyVerification.install();
    }

    @Test
    void acceptsTheServersSignatureOnEveryFreshCopyOfItsKey() throws Exception {
        KeyPair server = jdkPair();
        byte[] signature = jdkSign(server, TRANSCRIPT);
        for (int handshake = 0; handshake < 3; handshake++) {
            // As JSSE does per connection: a new JDK key object parsed from the same bytes.
            PublicKey fresh = KeyFactory.getInstance("EC", "SunEC").generatePublic(new X509EncodedKeySpec(server.getPublic().getEncoded()));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(fresh);
            verifier.update(TRANSCRIPT);
            assertTrue(verifier.verify(signature));
            assertEquals(PinnedKeyVerification.NAME, verifier.getProvider().getName());
        }
    }

    @Test
    void refusesOtherBytesAndAnotherServersSignature() throws Exception {
        KeyPair server = jdkPair();
        KeyPair impostor = jdkPair();
        Signature verifier = Signature.getInstance("SHA256withECDSA");

        verifier.initVerify(server.getPublic());
        verifier.update("something else".getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(jdkSign(server, TRANSCRIPT)));

        verifier.initVerify(server.getPublic());
        verifier.update(TRANSCRIPT);
        assertFalse(verifier.verify(jdkSign(impostor, TRANSCRIPT)), "a cached key is never another server's");

        verifier.initVerify(impostor.getPublic());
        verifier.update(TRANSCRIPT);
        assertTrue(verifier.verify(jdkSign(impostor, TRANSCRIPT)));
    }

    private static KeyPair jdkPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] jdkSign(KeyPair pair, byte[] content) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA", "SunEC");
        signer.initSign(pair.getPrivate());
        signer.update(content);
        return signer.sign();
    }
}
