package org.parley.testing.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Parley as a cluster on this machine: a throw-away {@link LocalPostgres} with the database {@code parley}, a {@link LocalRedis},
 * and nodes on 127.0.0.1 ports of their own ({@link RestartableServer}s) on that store and bus, all presenting one
 * certificate. Used by the client's failover tests and by {@code releng/run-cluster} ({@link RunCluster}).
 *
 * <p>One certificate: node 1 generates its keystore ({@code server.p12} and its password file) in its data directory
 * as a single server does; the other nodes get copies in theirs before they start, which is what the operator does
 * with {@code --keystore} on real machines, without a password to hand around here.
 */
public final class LocalCluster implements AutoCloseable {
    public static final String DATABASE = "parley";
    private static final List<String> KEYSTORE_FILES = List.of("server.p12", "server.p12.password");

    private final Path dir;
    private final LocalPostgres postgres;
    private final LocalRedis redis;
    private final List<RestartableServer> nodes = new ArrayList<>();

    private LocalCluster(Path dir, LocalPostgres postgres, LocalRedis redis) {
        this.dir = dir;
        this.postgres = postgres;
        this.redis = redis;
    }

    /**
     * Starts PostgreSQL, Redis and {@code count} nodes under {@code dir} (empty, existing); on a failure everything
     * started so far is stopped again.
     *
     * @param durable      fsync on (an operator trying things) or off (tests that never check crash durability)
     * @param nodeOptions  further command-line options of every node
     */
    public static LocalCluster start(Path dir, ServerLauncher launcher, int count, boolean durable,
            List<String> nodeOptions) throws Exception {
        return start(dir, launcher, count, durable, nodeOptions, List.of());
    }

    /** @param redisWrapper a command Redis runs under, e.g. {@code setsid} (the nodes': the launcher's) */
    public static LocalCluster start(Path dir, ServerLauncher launcher, int count, boolean durable,
            List<String> nodeOptions, List<String> redisWrapper) throws Exception {
        LocalPostgres postgres = LocalPostgres.start(!durable);
        LocalRedis redis = null;
        LocalCluster cluster = null;
        try {
            postgres.createDatabase(DATABASE);
            redis = LocalRedis.start(redisWrapper);
            cluster = new LocalCluster(dir, postgres, redis);
            for (int i = 1; i <= count; i++) {
                cluster.startNode(i, launcher, nodeOptions);
            }
            return cluster;
        } catch (Exception | Error e) {
            if (cluster != null) {
                cluster.close();
            } else {
                if (redis != null) {
                    redis.stop();
                }
                postgres.close();
            }
            throw e;
        }
    }

    private void startNode(int number, ServerLauncher launcher, List<String> nodeOptions) throws Exception {
        Path data = Files.createDirectories(dir.resolve("node-" + number));
        if (!nodes.isEmpty()) {
            Path first = dir.resolve("node-1");
            for (String file : KEYSTORE_FILES) {
                Files.copy(first.resolve(file), data.resolve(file));
            }
        }
        List<String> options = new ArrayList<>(List.of("--store", postgres.url(DATABASE), "--bus", redis.url(),
                "--node-id", "node-" + number));
        options.addAll(nodeOptions);
        nodes.add(RestartableServer.start(launcher, data, dir, 0, options));
    }

    public List<RestartableServer> nodes() {
        return List.copyOf(nodes);
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalRedis redis() {
        return redis;
    }

    /** What a client is given: every node as {@code host:port}, separated by commas. */
    public String clientAddress() {
        return nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(","));
    }

    /** Stops the nodes (SIGTERM), then Redis, then PostgreSQL (its data deleted); {@code dir} stays (the logs). */
    @Override
    public void close() {
        nodes.forEach(RestartableServer::close);
        try {
            redis.stop();
        } catch (Exception e) {
            System.err.println("stopping Redis on port " + redis.port() + " failed: " + e.getMessage());
        }
        postgres.close();
    }

    /** For messages: where the logs are. */
    public Path dir() {
        return dir;
    }
}
