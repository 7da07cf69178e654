package org.parley.bench.net;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ECDSA P-256 verification for the generator that keeps each server public key it has seen in Bouncy Castle's form,
 * so the key's precomputed multiples are computed once, not in every handshake. JSSE parses the server's certificate
 * afresh for each connection; handed that new JDK key, Bouncy Castle converts it and precomputes its tables again,
 * which was 42% of the generator's CPU in the reconnect storm even after the server's {@code BouncyCastleCurves}.
 * A real client verifies one handshake at a time on a machine of its own; twenty thousand of them in this process
 * should measure the server, not this. Put first in the generator's provider list; the keys are the one or two
 * servers' certificates a run talks to.
 */
public final class PinnedKeyVerification extends Provider {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "ParleyBenchPinnedKeyVerification";

    private PinnedKeyVerification() {
        super(NAME, "1", "SHA256withECDSA verification with server public keys cached in Bouncy Castle form");
        putService(new Service(this, "Signature", "SHA256withECDSA", Verifier.class.getName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return new Verifier();
            }
        });
    }

    public static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new PinnedKeyVerification(), 1);
        }
    }

    static final class Verifier extends SignatureSpi {
        private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
        private static final Map<ByteBuffer, PublicKey> KEYS = new ConcurrentHashMap<>();
        private final Signature signature;

        Verifier() {
            try {
                signature = Signature.getInstance("SHA256withECDSA", BOUNCY_CASTLE);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Bouncy Castle has no SHA256withECDSA", e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
            signature.initVerify(KEYS.computeIfAbsent(ByteBuffer.wrap(key.getEncoded()), Verifier::bouncyCastleKey));
        }

        private static PublicKey bouncyCastleKey(ByteBuffer encoded) {
            try {
                return KeyFactory.getInstance("EC", BOUNCY_CASTLE).generatePublic(new X509EncodedKeySpec(encoded.array()));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("not an EC public key", e);
            }
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            signature.initSign(key);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            signature.update(b);
        }

        @Override
        protected void engineUpdate(byte[] bytes, int offset, int length) throws SignatureException {
            signature.update(bytes, offset, length);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return signature.sign();
        }

        @Override
        protected boolean engineVerify(byte[] signatureBytes) throws SignatureException {
            return signature.verify(signatureBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}
