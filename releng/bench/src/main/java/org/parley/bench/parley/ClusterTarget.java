package org.parley.bench.parley;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.mina.filter.codec.textline.LineDelimiter;
import org.parley.bench.load.ChatBot;
import org.parley.bench.load.ChatTarget;
import org.parley.bench.load.Deliveries;
import org.parley.bench.net.LineConnector;
import org.parley.bench.net.PinnedTrust;
import org.parley.testing.launch.LocalCluster;
import org.parley.testing.launch.RestartableServer;

/**
 * Parley as a cluster on this machine (a fresh PostgreSQL with fsync on, Redis, N nodes: {@link LocalCluster}, the
 * code of the tests and of {@code releng/run-cluster}) with its bots in room {@link ParleyTarget#ROOM}: bot i connects
 * to node i mod N, so the room's members, and its senders, are spread evenly over the nodes.
 */
public final class ClusterTarget implements ChatTarget {
    private final LocalCluster cluster;
    private final LineConnector connector;

    private ClusterTarget(LocalCluster cluster, LineConnector connector) {
        this.cluster = cluster;
        this.connector = connector;
    }

    /** Starts PostgreSQL, Redis and {@code nodes} nodes under {@code dir}, with the benchmark's lifted limits. */
    public static ClusterTarget start(Path jar, Path dir, int nodes, int ioThreads, int sourceAddresses) throws Exception {
        LocalCluster cluster = LocalCluster.start(dir, ParleyServer.launcher(jar), nodes, true, ParleyServer.benchOptions(false));
        try {
            return new ClusterTarget(cluster, connector(cluster, ioThreads, sourceAddresses));
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Connections to the cluster's nodes in turn, trusting exactly the certificate they share. */
    public static LineConnector connector(LocalCluster cluster, int ioThreads, int sourceAddresses) throws Exception {
        List<InetSocketAddress> nodes = cluster.nodes().stream().map(n -> new InetSocketAddress(n.host(), n.port())).toList();
        return new LineConnector(PinnedTrust.context(PinnedTrust.fromParleyDataDir(cluster.dir().resolve("node-1"))), nodes,
                LineDelimiter.UNIX, ioThreads, sourceAddresses);
    }

    /** The server side of a cluster: its nodes, PostgreSQL (with its backends, the postmaster's children) and Redis. */
    public static List<Long> pids(LocalCluster cluster) {
        List<Long> pids = new ArrayList<>(cluster.nodes().stream().map(n -> n.process().pid()).toList());
        cluster.postgres().postmaster().ifPresent(p -> pids.add(p.pid()));
        pids.add(cluster.redis().process().pid());
        return pids;
    }

    @Override
    public String name() {
        return "Parley, " + cluster.nodes().size() + " nodes";
    }

    @Override
    public CompletableFuture<ChatBot> seat(int index, Deliveries sink) {
        return ParleyTarget.seat(connector, index, sink);
    }

    @Override
    public List<Long> pids() {
        return pids(cluster);
    }

    @Override
    public void close() {
        connector.close();
        cluster.close();
    }

    /** For reports: the nodes' processes. */
    public List<RestartableServer> nodes() {
        return cluster.nodes();
    }
}
