package org.parley.server.tls;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Algorithm constraints, set on each server engine, that refuse every TLS key-exchange group but the ones given:
 * how Java 17 limits one engine's groups. ({@code SSLParameters.setNamedGroups} only exists from Java 20; the
 * {@code jdk.tls.namedGroups} system property is read once per JVM, at JSSE's first use, and so binds every TLS
 * client and server in the process, not just this one.)
 *
 * <p>JSSE asks the engine's constraints about each group by its bare name ({@code "x448"}, {@code "ffdhe2048"}),
 * in addition to its own {@code jdk.tls.disabledAlgorithms}, both for the groups it offers or accepts and for
 * signature schemes tied to a curve (so a P-521 key cannot sign either). It asks about other things too (suite and
 * protocol names, {@code "EC"}, {@code "XDH"}, keys); this object lets all of those pass, to the JDK's own checks.
 */
final class NamedGroups implements AlgorithmConstraints {
    /** The names of TLS groups the JDK knows (RFC 8422 curves, RFC 7919 groups, RFC 7748 curves). */
    private static final Pattern GROUP = Pattern.compile("(secp|sect|brainpool|ffdhe|x25519|x448|arbitrary_explicit).*");

    private final Set<String> allowed;

    NamedGroups(List<String> allowed) {
        this.allowed = Set.copyOf(allowed.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        String name = algorithm.toLowerCase(Locale.ROOT);
        return !GROUP.matcher(name).matches() || allowed.contains(name);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        return true;
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
        return permits(primitives, algorithm, parameters);
    }
}
