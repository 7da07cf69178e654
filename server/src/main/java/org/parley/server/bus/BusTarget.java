package org.parley.server.bus;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the bus between a cluster's nodes lives, from {@code --bus redis://[[USER]:PASSWORD@]HOST[:PORT]} or
 * {@code rediss://…} (TLS). Redis's own conventions: no user is Redis's {@code default} user; the password may also
 * come from a file or the environment ({@link #withPassword}); {@link #location()} never shows it.
 *
 * @param tls        {@code rediss://}: TLS, the server's certificate checked against {@code trustedCas} and its name
 * @param user       the Redis ACL user, or null for the {@code default} user
 * @param password   null: no AUTH
 * @param trustedCas PEM file of the certificates to trust for TLS ({@code --bus-ca}), or null for the JVM's own CAs
 */
public record BusTarget(String host, int port, boolean tls, String user, char[] password, Path trustedCas) {
    public static final String SCHEME = "redis";
    public static final String TLS_SCHEME = "rediss";
    public static final int DEFAULT_PORT = 6379;
    private static final String SHAPE = "redis://[[USER]:PASSWORD@]HOST[:PORT] or rediss://… for TLS";

    /** A Redis without password or TLS. */
    public BusTarget(String host, int port) {
        this(host, port, false, null, null, null);
    }

    /** Parses the URL; an {@link IllegalArgumentException} says what is wrong with it in one line, never the password. */
    public static BusTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + redact(url) + "' is not a URL like " + SHAPE);
        }
        String scheme = uri.getScheme();
        boolean tls = TLS_SCHEME.equalsIgnoreCase(scheme);
        if (!(tls || SCHEME.equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + redact(url) + "' is not a URL like " + SHAPE);
        }
        if ((uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + redact(url) + "': no database number or parameters; give " + SHAPE);
        }
        String user = null;
        char[] password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + redact(url) + "': a user needs a password (" + SHAPE + ")");
            }
            user = colon == 0 ? null : decode(userInfo.substring(0, colon));
            password = decode(userInfo.substring(colon + 1)).toCharArray();
        }
        return new BusTarget(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), tls, user, password, null);
    }

    /** This target with {@code fallback} as its password unless the URL gave one (the URL wins). */
    public BusTarget withPassword(char[] fallback) {
        return password != null || fallback == null ? this : new BusTarget(host, port, tls, user, fallback, trustedCas);
    }

    /** This target trusting the certificates in {@code pemFile} for TLS. */
    public BusTarget withTrustedCas(Path pemFile) {
        return new BusTarget(host, port, tls, user, password, pemFile);
    }

    /** The URL without the password, for log lines and messages. */
    public String location() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls ? TLS_SCHEME : SCHEME) + "://" + (user == null ? "" : user + "@") + h + ":" + port;
    }

    @Override
    public String toString() {
        return location();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url.replaceFirst("(://[^/@:]*:)[^/@]*@", "$1***@");
    }
}
