package org.parley.client.core.internal.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.parley.client.core.ParleyException;
import org.parley.client.core.ServerAddress;
import org.parley.client.core.internal.net.LinkEvents;
import org.parley.client.core.internal.net.ServerLink;
import org.parley.client.core.internal.net.Transport;
import org.parley.client.core.internal.trust.TrustGate;
import org.parley.client.core.internal.trust.UnknownServerException;

/**
 * Connects; if the server's certificate is new, asks the user on a worker thread (the prompt may block on a dialog)
 * and, after a "yes", connects again - the second handshake then finds the certificate in known-servers. A
 * certificate that changed between the two attempts fails as changed; nothing is ever accepted unseen.
 */
final class TrustedConnector {
    private final Transport transport;
    private final TrustGate trust;
    private final Executor worker;
    private final Executor loop;

    TrustedConnector(Transport transport, TrustGate trust, Executor worker, Executor loop) {
        this.transport = transport;
        this.trust = trust;
        this.worker = worker;
        this.loop = loop;
    }

    /** Completes on the session thread. */
    CompletableFuture<ServerLink> connect(ServerAddress server, ServerAddress.Node node, LinkEvents events) {
        return transport.connect(server, node, events).exceptionallyCompose(failure -> {
            if (!(ParleyException.unwrap(failure) instanceof UnknownServerException unknown)) {
                return CompletableFuture.failedFuture(failure);
            }
            return CompletableFuture.runAsync(() -> trust.askAndRemember(unknown.identity()), worker)
                    .thenComposeAsync(ignored -> transport.connect(server, node, events), loop);
        });
    }
}
