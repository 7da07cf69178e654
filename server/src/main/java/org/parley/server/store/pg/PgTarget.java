package org.parley.server.store.pg;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL store lives, from {@code --store postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB}. The password
 * may also come from a file or the environment ({@link #withPassword}); {@link #location()} never shows it.
 */
public record PgTarget(String host, int port, String database, String user, char[] password) {
    public static final String SCHEME = "postgresql";
    public static final int DEFAULT_PORT = 5432;
    /** Without a user in the URL: PostgreSQL's own convention, the database user named like the database. */
    public static final String DEFAULT_USER = "parley";

    /** Parses the URL; an {@link IllegalArgumentException} says what is wrong with it in one line. */
    public static PgTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + redact(url) + "' is not a URL like postgresql://HOST:PORT/DB");
        }
        if (!SCHEME.equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("'" + redact(url) + "' is not a URL like postgresql://HOST:PORT/DB");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + redact(url) + "' names no host (postgresql://HOST:PORT/DB)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("'" + redact(url) + "' names no database (postgresql://HOST:PORT/DB)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + redact(url) + "': parameters are not supported; give HOST, PORT and DB only");
        }
        String user = DEFAULT_USER;
        char[] password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1)).toCharArray();
        }
        return new PgTarget(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL as given, with a password replaced by {@code ***}, for messages. */
    static String redact(String url) {
        return url.replaceFirst("(://[^/@:]*:)[^/@]*@", "$1***@");
    }

    /** This target with {@code fallback} as its password unless the URL gave one (the URL wins). */
    public PgTarget withPassword(char[] fallback) {
        return password != null || fallback == null ? this : new PgTarget(host, port, database, user, fallback);
    }

    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + database;
    }

    /** For log lines and operators: the URL without the password. */
    public String location() {
        return SCHEME + "://" + user + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return location();
    }
}
