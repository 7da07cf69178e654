package org.parley.client.core.internal.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.parley.client.core.CertificateRejectedException;
import org.parley.client.core.ParleyException;
import org.parley.client.core.ServerAddress;
import org.parley.client.core.ServerUnreachableException;
import org.parley.protocol.ErrorCode;

/**
 * Tries the nodes of a server in turn, from a given one round the list, until one answers. A single node is tried
 * once, exactly as before clusters. Every node of a cluster shares the store and the certificate, so whichever
 * answers can resume the session and every node is held to the same pin (a different certificate is refused as
 * changed, and ends the try: another node cannot make an impostor trustworthy).
 */
final class NodeFailover {
    private static final System.Logger LOG = System.getLogger(NodeFailover.class.getName());

    /** One try at one node; {@code index} is its position in {@link ServerAddress#nodes()}. */
    interface Attempt<T> {
        CompletableFuture<T> at(int index, ServerAddress.Node node);
    }

    private NodeFailover() {
    }

    /**
     * Runs {@code attempt} at node {@code first}, then the next ones (wrapping round) while the failure is one
     * another node may not have and {@code wanted} still holds. Completes on {@code loop} with the first success, or
     * the failure of the last node tried (for several unreachable nodes: one failure naming each).
     */
    static <T> CompletableFuture<T> tryNodes(ServerAddress server, int first, Executor loop, BooleanSupplier wanted,
            Attempt<T> attempt) {
        return tryFrom(server, Math.floorMod(first, server.nodes().size()), 0, loop, wanted, attempt, new StringBuilder());
    }

    private static <T> CompletableFuture<T> tryFrom(ServerAddress server, int first, int tried, Executor loop,
            BooleanSupplier wanted, Attempt<T> attempt, StringBuilder failures) {
        List<ServerAddress.Node> nodes = server.nodes();
        int index = (first + tried) % nodes.size();
        ServerAddress.Node node = nodes.get(index);
        return attempt.at(index, node).exceptionallyComposeAsync(failure -> {
            ParleyException problem = ParleyException.unwrap(failure);
            failures.append(failures.length() == 0 ? "" : "; ").append(node).append(": ").append(problem.getMessage());
            if (!wanted.getAsBoolean() || !anotherNodeMayAnswer(problem)) {
                return CompletableFuture.failedFuture(failure);
            }
            if (tried + 1 == nodes.size()) {
                return CompletableFuture.failedFuture(nodes.size() == 1 || !(problem instanceof ServerUnreachableException)
                        ? failure
                        : new ServerUnreachableException("no node of " + server + " answered (" + failures + ")", problem));
            }
            LOG.log(System.Logger.Level.INFO, "{0} did not answer ({1}); trying {2}", node, problem.getMessage(),
                    nodes.get((index + 1) % nodes.size()));
            return tryFrom(server, first, tried + 1, loop, wanted, attempt, failures);
        }, loop);
    }

    /**
     * Whether the next node may succeed where this one failed: a node that cannot be reached, drops the link, does
     * not answer or cannot reach the store, yes. A refused certificate (all nodes present the same one) or a refusal
     * of the request itself (a wrong password, a spent resume token: the store is shared), no.
     */
    static boolean anotherNodeMayAnswer(ParleyException problem) {
        if (problem instanceof CertificateRejectedException) {
            return false;
        }
        return problem.code() == null || problem.code() == ErrorCode.UNAVAILABLE || problem.code() == ErrorCode.INTERNAL;
    }
}
