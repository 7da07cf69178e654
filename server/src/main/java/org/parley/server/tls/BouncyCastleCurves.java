package org.parley.server.tls;

import java.security.Provider;
import java.security.Security;
import java.util.function.Supplier;

/**
 * A JCA provider, first in the JVM's list, that serves the two public-key operations of a TLS 1.3 handshake, ECDSA
 * P-256 signatures and X25519 key agreement, from Bouncy Castle's arithmetic; everything else (AES-GCM, hashes, key
 * factories, the TLS engine itself) stays with the JDK.
 *
 * <p>Why: Java 17's generic field arithmetic makes an ECDSA P-256 signature cost about 0.5 ms and a verification
 * 1 ms, and X25519 0.15 ms per step (this machine), against 0.08 ms and 0.06 ms with Bouncy Castle's
 * curve-specific code. In a reconnect storm every returning client is a full handshake, and these operations
 * were three quarters of the server's sampled CPU (releng/bench/FINDINGS.md, "Stop 11"). JSSE asks the JCA for
 * these algorithms by name, so putting a provider first is all it takes; keys of a kind Bouncy Castle cannot
 * handle (a hardware token's, say) fall through to the next provider, because the JCA picks the provider when the
 * key is known.
 */
public final class BouncyCastleCurves extends Provider {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "ParleyBouncyCastleCurves";

    private BouncyCastleCurves() {
        super(NAME, "1", "ECDSA P-256 signatures and X25519 (XDH) from Bouncy Castle, for TLS handshakes");
        serve("Signature", "SHA256withECDSA", org.bouncycastle.jcajce.provider.asymmetric.ec.SignatureSpi.ecDSA256::new);
        // JSSE names X25519 "XDH" with a NamedParameterSpec; Bouncy Castle's XDH services accept that spec and keys.
        serve("KeyPairGenerator", "XDH", org.bouncycastle.jcajce.provider.asymmetric.edec.KeyPairGeneratorSpi.XDH::new);
        serve("KeyAgreement", "XDH", org.bouncycastle.jcajce.provider.asymmetric.edec.KeyAgreementSpi.XDH::new);
    }

    /** Puts the provider first, once per JVM; later calls do nothing. */
    public static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new BouncyCastleCurves(), 1);
        }
    }

    private void serve(String type, String algorithm, Supplier<Object> spi) {
        putService(new Service(this, type, algorithm, spi.get().getClass().getName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return spi.get();
            }
        });
    }
}
