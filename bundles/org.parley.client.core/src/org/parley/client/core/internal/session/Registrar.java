package org.parley.client.core.internal.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import org.parley.client.core.ServerAddress;
import org.parley.client.core.internal.net.LinkEvents;
import org.parley.protocol.Request;

/**
 * Creates accounts, each on a short-lived connection of its own (any node that answers): the session, if there is one,
 * is neither used nor affected.
 */
final class Registrar {
    private final TrustedConnector connector;
    private final ScheduledExecutorService loop;

    Registrar(TrustedConnector connector, ScheduledExecutorService loop) {
        this.connector = connector;
        this.loop = loop;
    }

    /** Completes (on the session thread) once the server has created the account. */
    CompletableFuture<Void> register(ServerAddress address, String name, String password) {
        return SessionMachine.onLoop(loop, () -> NodeFailover.tryNodes(address, 0, loop, () -> true,
                (index, n) -> connector.connect(address, n, LinkEvents.IGNORE)
                        .thenCompose(l -> l.request(id -> new Request.Register(id, name, password))
                                .whenComplete((ok, e) -> l.close())))
                .thenApply(ok -> null));
    }
}
