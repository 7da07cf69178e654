package org.parley.server.tls;

import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;

/** TLS 1.3 and 1.2 only, AEAD suites with forward secrecy only; applied to the server's {@link TlsFilter}. */
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

    private TlsPolicy() {
    }

    /** The strong suites this JVM supports, in preference order. */
    public static String[] suites(SSLContext context) {
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        return SUITES.stream().filter(supported::contains).toArray(String[]::new);
    }

    public static TlsFilter filter(SSLContext context) {
        return new TlsFilter(context, PROTOCOLS.toArray(String[]::new), suites(context));
    }
}
