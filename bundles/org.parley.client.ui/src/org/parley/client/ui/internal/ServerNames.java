package org.parley.client.ui.internal;

import org.parley.client.core.ServerAddress;

/**
 * How the UI names a server and its nodes, one rule for the login form, the trust dialog and the status line: a
 * one-node server by its host alone (its port has a field of its own and is usually the default), a cluster's nodes
 * each with its port (they may differ only in the port).
 */
public final class ServerNames {

    private ServerNames() {
    }

    /** Whether {@code server} is a single node, named by its host alone. */
    public static boolean oneNode(ServerAddress server) {
        return server.nodes().size() == 1;
    }

    /** What the Host field shows for {@code server}: its host, or a cluster's whole list (each node with its port). */
    public static String host(ServerAddress server) {
        return oneNode(server) ? server.host() : server.toString();
    }

    /** A node of {@code server}, e.g. the one in use: its host for a one-node server, else {@code host:port}. */
    public static String node(ServerAddress server, ServerAddress.Node node) {
        return oneNode(server) ? node.host() : node.toString();
    }
}
