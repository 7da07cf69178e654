package org.parley.server.bus;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the bus between a cluster's nodes lives, from {@code --bus redis://HOST[:PORT]}. No password or database
 * number yet: the bus carries only ids and names (never message text), and Redis is expected on a private network.
 */
public record BusTarget(String host, int port) {
    public static final String SCHEME = "redis";
    public static final int DEFAULT_PORT = 6379;

    /** Parses the URL; an {@link IllegalArgumentException} says what is wrong with it in one line. */
    public static BusTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL like redis://HOST:PORT");
        }
        if (!SCHEME.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not a URL like redis://HOST:PORT");
        }
        if (uri.getRawUserInfo() != null || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + url + "': give HOST and PORT only (redis://HOST:PORT)");
        }
        return new BusTarget(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
    }

    /** The URL, for log lines and messages. */
    public String location() {
        return SCHEME + "://" + host + ":" + port;
    }
}
