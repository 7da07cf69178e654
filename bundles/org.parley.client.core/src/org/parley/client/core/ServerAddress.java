package org.parley.client.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a Parley server listens: one node, or the nodes of a cluster ({@code host1:7443,host2:7443}) that share one
 * store and one certificate. The whole list is the server's identity: the key of its entry in the known-servers file
 * (one pin for every node) and of its accounts' state ({@code user@} + {@link #toString()}). The client tries the
 * nodes in turn (docs/client-core.md, "Failover").
 *
 * @param nodes at least one, none twice, in the order typed (the order the client tries them in at login)
 */
public record ServerAddress(List<Node> nodes) {

    public static final int DEFAULT_PORT = 7443;
    /** Separates the nodes of a cluster in the typed form. */
    public static final String SEPARATOR = ",";

    /** One node: a host and a port. */
    public record Node(String host, int port) {
        public Node {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host is empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /** Parses {@code host}, {@code host:port} or {@code [ipv6]:port}; {@code defaultPort} when there is none. */
        public static Node parse(String text, int defaultPort) {
            String s = text.trim();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty address");
            }
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in " + s);
                }
                String rest = s.substring(close + 1);
                if (!rest.isEmpty() && !rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + rest + "' after ']' in " + s + " (expected :port)");
                }
                return new Node(s.substring(1, close), rest.isEmpty() ? defaultPort : port(rest.substring(1), s));
            }
            int colon = s.lastIndexOf(':');
            if (colon == 0) {
                throw new IllegalArgumentException("no host before ':' in " + s);
            }
            if (colon > 0 && s.indexOf(':') == colon) {
                return new Node(s.substring(0, colon), port(s.substring(colon + 1), s));
            }
            if (s.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("space in " + s);
            }
            return new Node(s, defaultPort);
        }

        private static int port(String digits, String whole) {
            try {
                int port = Integer.parseInt(digits);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException("port '" + digits + "' in " + whole + " is not a number from 1 to 65535");
        }

        @Override
        public String toString() {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    public ServerAddress {
        Objects.requireNonNull(nodes, "nodes");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no server address");
        }
        Set<Node> seen = new HashSet<>();
        for (Node node : nodes) {
            if (!seen.add(node)) {
                throw new IllegalArgumentException(node + " is listed twice");
            }
        }
    }

    /** A single node. */
    public ServerAddress(String host, int port) {
        this(List.of(new Node(host, port)));
    }

    /** Parses one node ({@code host}, {@code host:port}, {@code [ipv6]:port}) or several separated by commas. */
    public static ServerAddress parse(String text) {
        return parse(text, DEFAULT_PORT);
    }

    /**
     * Like {@link #parse(String)}, with {@code defaultPort} for nodes typed without one. A malformed node fails the
     * whole list with an {@link IllegalArgumentException} that names it and says what is wrong, in plain words.
     */
    public static ServerAddress parse(String text, int defaultPort) {
        String[] parts = text.split(SEPARATOR, -1);
        List<Node> nodes = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            try {
                nodes.add(Node.parse(parts[i], defaultPort));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(parts.length == 1 ? e.getMessage()
                        : "server " + (i + 1) + " of " + parts.length + " in '" + text.trim() + "': " + e.getMessage());
            }
        }
        return new ServerAddress(nodes);
    }

    /** The first node's host: for a single node, the server's host. */
    public String host() {
        return nodes.get(0).host();
    }

    /** The first node's port. */
    public int port() {
        return nodes.get(0).port();
    }

    /** {@code host:port}, or the nodes joined by commas, no spaces: the normalised form used as a key. */
    @Override
    public String toString() {
        return String.join(SEPARATOR, nodes.stream().map(Node::toString).toList());
    }
}
