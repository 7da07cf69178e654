package org.parley.client.core;

import java.util.Objects;

/** Where a Parley server listens. Also the key of its entry in the known-servers file. */
public record ServerAddress(String host, int port) {

    public static final int DEFAULT_PORT = 7443;

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code host}, {@code host:port} or {@code [ipv6]:port}. */
    public static ServerAddress parse(String text) {
        String s = text.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in " + text);
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            return new ServerAddress(host, rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : DEFAULT_PORT);
        }
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(':') == colon) {
            return new ServerAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        }
        return new ServerAddress(s, DEFAULT_PORT);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
