package org.parley.server.tls;

import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * TLS 1.3 and 1.2 only, AEAD suites with forward secrecy only, and the key-exchange groups of Mozilla's
 * "intermediate" profile; applied to the server's {@link TlsFilter}.
 */
public final class TlsPolicy {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    static final List<String> SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /**
     * Key-exchange groups, in the JDK's order of preference. Not offered: secp521r1, X448 and the finite-field
     * groups ffdhe2048-8192, which add nothing a client needs and cost far more per handshake (ffdhe8192 about four
     * times X25519).
     */
    static final List<String> GROUPS = List.of("x25519", "secp256r1", "secp384r1");

    private TlsPolicy() {
    }

    /** The strong suites this JVM supports, in preference order. */
    public static String[] suites(SSLContext context) {
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        return SUITES.stream().filter(supported::contains).toArray(String[]::new);
    }

    public static TlsFilter filter(SSLContext context) {
        return new TlsFilter(context, parameters(context));
    }

    /** Protocols, suites and groups for a server engine. */
    static SSLParameters parameters(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        parameters.setCipherSuites(suites(context));
        parameters.setAlgorithmConstraints(new NamedGroups(GROUPS));
        parameters.setNeedClientAuth(false);
        return parameters;
    }
}
