package org.parley.testing.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code releng/run-cluster}: a throw-away Parley cluster on this machine to try things with (PostgreSQL, Redis and
 * {@code --nodes N} nodes, default 3, through {@link LocalCluster}, the same code the failover tests use). Prints the
 * addresses, then waits; Ctrl+C (SIGINT) or SIGTERM stops everything, nodes first. A node that ends on its own (try
 * {@code kill -9} on one) is reported and the others go on, as a cluster is meant to: clients fail over to them. If
 * PostgreSQL or Redis ends, or the last node, it says which and stops the rest.
 *
 * <p>The children run under {@code setsid}: a Ctrl+C in the terminal reaches only this launcher, which then stops
 * them in order (nodes, Redis, PostgreSQL) rather than all at once, and a child that ends is then always news.
 *
 * <p>Arguments: {@code SERVER_JAR [--nodes N]}, or {@code --classpath CLASSPATH [--nodes N]} to run the server's main
 * class from a class path (the tests of this launcher).
 */
public final class RunCluster {
    private static final String USAGE = "usage: RunCluster SERVER_JAR|--classpath CLASSPATH [--nodes N]";
    private static volatile boolean stopping;

    private RunCluster() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = List.of(args);
        ServerLauncher server;
        if (rest.size() >= 2 && rest.get(0).equals("--classpath")) {
            server = ServerLauncher.classPath(rest.get(1));
            rest = rest.subList(2, rest.size());
        } else if (!rest.isEmpty() && Files.isRegularFile(Path.of(rest.get(0)))) {
            server = ServerLauncher.jar(Path.of(rest.get(0)));
            rest = rest.subList(1, rest.size());
        } else {
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        int count = 3;
        if (rest.size() == 2 && rest.get(0).equals("--nodes") && rest.get(1).matches("[1-9]")) {
            count = Integer.parseInt(rest.get(1));
        } else if (!rest.isEmpty()) {
            System.err.println(USAGE + "  (N from 1 to 9)");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("parley-cluster");
        System.out.println("Starting PostgreSQL, Redis and " + count + " nodes (logs in " + dir + ") ...");
        List<String> setsid = List.of("setsid");
        ServerLauncher launcher = server.withJvmOptions(List.of("-Xmx256m")).under(setsid);
        LocalCluster cluster = LocalCluster.start(dir, launcher, count, true, List.of(), setsid);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            System.out.println("Stopping the cluster ...");
            cluster.close();
            System.out.println("Stopped. Logs kept in " + dir);
            stopped.countDown();
        }, "run-cluster-stop"));

        List<RestartableServer> nodes = cluster.nodes();
        AtomicInteger running = new AtomicInteger(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            RestartableServer node = nodes.get(i);
            ChildProcess process = node.process();
            System.out.printf("node-%d     %s:%d  (pid %d, log %s)%n", i + 1, node.host(), node.port(), process.pid(),
                    process.log());
            String name = "node-" + (i + 1) + " (pid " + process.pid() + ", log " + process.log() + ")";
            process.exit().thenAccept(code -> {
                int left = running.decrementAndGet();
                if (stopping) {
                    return;
                }
                if (left > 0) {
                    System.err.println(name + " ended with exit code " + code + "; " + left + " of " + nodes.size()
                            + " nodes go on (clients fail over to them)");
                } else {
                    System.err.println(name + " ended with exit code " + code + ", the last node; stopping the cluster");
                    System.exit(1);
                }
            });
        }
        Process redis = cluster.redis().process();
        System.out.println("Redis      " + cluster.redis().url() + "  (pid " + redis.pid() + ")");
        watch("Redis (pid " + redis.pid() + ")", redis.onExit().thenApply(Process::exitValue));
        ProcessHandle postmaster = cluster.postgres().postmaster().orElseThrow();
        System.out.println("PostgreSQL " + cluster.postgres().urlWithoutPassword(LocalCluster.DATABASE) + "  (pid "
                + postmaster.pid() + ", password " + LocalPostgres.PASSWORD + ", log " + cluster.postgres().dir()
                .resolve("log") + ")");
        watch("PostgreSQL (pid " + postmaster.pid() + ")", postmaster.onExit().thenApply(p -> null));
        System.out.println("Certificate SHA-256 (every node): " + nodes.get(0).fingerprint());
        System.out.println();
        System.out.println("Client server address (paste into the Host field): " + cluster.clientAddress());
        System.out.println("Ctrl+C stops everything.");
        stopped.await();
    }

    /** When {@code ended} completes while nobody asked for a stop: says which process ended and stops the rest. */
    private static void watch(String what, CompletableFuture<Integer> ended) {
        ended.thenAccept(code -> {
            if (!stopping) {
                System.err.println(what + " ended" + (code == null ? "" : " with exit code " + code)
                        + "; stopping the cluster");
                System.exit(1);
            }
        });
    }
}
