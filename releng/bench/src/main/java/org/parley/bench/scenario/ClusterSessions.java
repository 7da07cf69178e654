package org.parley.bench.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.parley.bench.Plan;
import org.parley.bench.net.LineConnector;
import org.parley.bench.parley.ClusterTarget;
import org.parley.bench.parley.ParleyBot;
import org.parley.bench.parley.ParleyServer;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.testing.launch.ChildProcess;
import org.parley.testing.launch.LocalCluster;
import org.parley.testing.launch.RestartableServer;

/**
 * Many logged-in TLS sessions of distinct accounts across the nodes of a cluster (issue 12): PostgreSQL, Redis and
 * {@link Plan.ClusterPlan#sessionNodes()} nodes, each node with one {@link SessionHolder} process of its own logging
 * its share in at once. Measures the time until every session is logged in, each node's live heap and RSS per
 * session, and then whether presence is right across the cluster: an observer on node 1 pages through {@code users}
 * until every account is listed online, then the last node's holder closes its sessions and the observer waits until
 * exactly those accounts are gone.
 */
public final class ClusterSessions {
    /** How long presence may take to settle before the check counts as failed. */
    private static final Duration PRESENCE_BOUND = Duration.ofMinutes(2);
    private static final int PAGE = 500;

    /** One node: its sessions, and its memory idle and holding them. */
    public record Node(String name, int sessions, long idleHeapKiB, long idleRssKiB, long heapKiB, long rssKiB) {
        public double heapKiBPerSession() {
            return sessions == 0 ? 0 : (heapKiB - idleHeapKiB) / (double) sessions;
        }

        public double rssKiBPerSession() {
            return sessions == 0 ? 0 : (rssKiB - idleRssKiB) / (double) sessions;
        }
    }

    /** One generator process: the sessions it was asked for, those logged in, how long it took and its RSS. */
    public record Generator(int asked, int loggedIn, double seconds, long rssKiB, String failure) {
    }

    /**
     * @param loginSeconds       from starting the generators until the last one had logged in all of its sessions
     * @param onlineSeconds      after that, until {@code users} on node 1 listed every account
     * @param online             accounts listed online at the end of that wait
     * @param closed             sessions the last node's generator then closed
     * @param offlineSeconds     until {@code users} no longer listed those accounts and still listed all others
     * @param presenceCorrect    both waits ended with exactly the expected accounts online
     */
    public record Result(int sessions, List<Node> nodes, List<Generator> generators, int loggedIn, double loginSeconds,
            double onlineSeconds, int online, int closed, double offlineSeconds, boolean presenceCorrect) {
        public double loginsPerSecond() {
            return loginSeconds == 0 ? 0 : loggedIn / loginSeconds;
        }
    }

    private final ScenarioContext context;
    /** Each generator's standard output, read line by line as it reports. */
    private final Map<Process, BufferedReader> readers = new HashMap<>();

    public ClusterSessions(ScenarioContext context) {
        this.context = context;
    }

    /** The account of session {@code i}: one each. */
    public static String account(int i) {
        return "member" + i;
    }

    public Result run() throws Exception {
        Plan.ClusterPlan plan = context.plan().cluster();
        int perNode = plan.sessionsPerNode();
        Path dir = Files.createDirectories(context.work().resolve("cluster-sessions"));
        List<Process> generators = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(dir, ParleyServer.launcher(context.serverJar(), heap(perNode)), plan.sessionNodes(), true, ParleyServer.benchOptions(false))) {
            List<RestartableServer> nodes = cluster.nodes();
            long[] idleHeap = new long[nodes.size()];
            long[] idleRss = new long[nodes.size()];
            for (int n = 0; n < nodes.size(); n++) {
                idleHeap[n] = ParleyServer.heapUsedKiB(nodes.get(n).process().pid());
                idleRss[n] = nodes.get(n).process().rssKiB();
            }
            List<Integer> firsts = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            long begin = System.nanoTime();
            for (int n = 0; n < nodes.size(); n++) {
                int first = n * perNode;
                int count = Math.max(0, Math.min(perNode, plan.sessions() - first));
                firsts.add(first);
                counts.add(count);
                generators.add(startGenerator(dir, n, nodes.get(n), dir.resolve("node-1"), first, count));
            }
            List<Generator> generated = new ArrayList<>();
            int loggedIn = 0;
            for (int n = 0; n < generators.size(); n++) {
                String ready = readLine(generators.get(n), "READY");
                String[] f = ready.split(" ", 4);
                int done = Integer.parseInt(f[1]);
                loggedIn += done;
                generated.add(new Generator(counts.get(n), done, Long.parseLong(f[2]) / 1000.0, 0, f[3].equals("-") ? null : f[3]));
            }
            double loginSeconds = (System.nanoTime() - begin) / 1e9;
            FanOutSuite.log("cluster sessions: %d of %d logged in on %d nodes in %.1f s", loggedIn, plan.sessions(), nodes.size(),
                    loginSeconds);
            List<Node> memory = new ArrayList<>();
            for (int n = 0; n < nodes.size(); n++) {
                memory.add(new Node("node-" + (n + 1), generated.get(n).loggedIn(), idleHeap[n], idleRss[n],
                        ParleyServer.heapUsedKiB(nodes.get(n).process().pid()), nodes.get(n).process().rssKiB()));
                Generator g = generated.get(n);
                generated.set(n, new Generator(g.asked(), g.loggedIn(), g.seconds(), ChildProcess.rssKiB(generators.get(n).pid()), g.failure()));
            }
            memory.forEach(m -> FanOutSuite.log("cluster sessions: %s holds %d: heap %.1f KiB/session, RSS %.1f KiB/session",
                    m.name(), m.sessions(), m.heapKiBPerSession(), m.rssKiBPerSession()));
            return presence(cluster, plan.sessions(), firsts, counts, generators, memory, generated, loggedIn, loginSeconds);
        } finally {
            generators.forEach(Process::destroyForcibly);
        }
    }

    /**
     * The observer's two waits: everyone online, then the last node's accounts offline and nobody else (the observer
     * is on node 1, so the news travels between nodes).
     */
    private Result presence(LocalCluster cluster, int sessions, List<Integer> firsts, List<Integer> counts, List<Process> generators, List<Node> memory,
            List<Generator> generated, int loggedIn, double loginSeconds) throws Exception {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < sessions; i++) {
            all.add(account(i));
        }
        try (LineConnector connector = ClusterTarget.connector(cluster, context.ioThreads(), 0)) {
            ParleyBot observer = ParleyBot.connect(connector, null, null).thenCompose(b -> b.registerAndLogin("observer"))
                    .get(context.plan().seatTimeout().toSeconds(), TimeUnit.SECONDS);
            try {
                long start = System.nanoTime();
                Set<String> online = awaitOnline(observer, all);
                double onlineSeconds = (System.nanoTime() - start) / 1e9;
                boolean correct = online.equals(all);
                FanOutSuite.log("cluster sessions: %d of %d accounts online on node 1 after %.1f s", online.size(), sessions, onlineSeconds);

                int last = generators.size() - 1;
                Set<String> remaining = new HashSet<>(all);
                for (int i = firsts.get(last); i < firsts.get(last) + counts.get(last); i++) {
                    remaining.remove(account(i));
                }
                Writer toLast = new OutputStreamWriter(generators.get(last).getOutputStream(), StandardCharsets.UTF_8);
                toLast.write("close\n");
                toLast.flush();
                readLine(generators.get(last), "CLOSED");
                start = System.nanoTime();
                Set<String> after = awaitOnline(observer, remaining);
                double offlineSeconds = (System.nanoTime() - start) / 1e9;
                correct &= after.equals(remaining);
                FanOutSuite.log("cluster sessions: %d closed on node %d; %d accounts online on node 1 after %.1f s (expected %d)",
                        counts.get(last), last + 1, after.size(), offlineSeconds, remaining.size());
                return new Result(sessions, memory, generated, loggedIn, loginSeconds, onlineSeconds, online.size(), counts.get(last),
                        offlineSeconds, correct);
            } finally {
                observer.close();
            }
        }
    }

    /** Pages through {@code users} until the bench's accounts online are exactly {@code expected} or the bound runs out. */
    private static Set<String> awaitOnline(ParleyBot observer, Set<String> expected) throws Exception {
        long deadline = System.nanoTime() + PRESENCE_BOUND.toNanos();
        Set<String> online;
        do {
            online = onlineAccounts(observer);
            if (online.equals(expected)) {
                return online;
            }
            // Presence travels in 50 ms batches between nodes: a page walk is retried at that pace.
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return online;
    }

    private static Set<String> onlineAccounts(ParleyBot observer) throws Exception {
        Set<String> online = new HashSet<>();
        String after = null;
        while (true) {
            String from = after;
            ServerMessage reply = observer.request(id -> new Request.Users(id, from, PAGE)).get(30, TimeUnit.SECONDS);
            if (!(reply instanceof ServerMessage.Users page)) {
                throw new IllegalStateException("users: " + reply);
            }
            page.online().stream().filter(name -> name.startsWith("member")).forEach(online::add);
            if (!Boolean.TRUE.equals(page.more()) || page.online().isEmpty()) {
                return online;
            }
            after = page.online().get(page.online().size() - 1);
        }
    }

    private Process startGenerator(Path dir, int n, RestartableServer node, Path certificateDir, int first, int count)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(heap(count));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SessionHolder.class.getName(),
                node.host() + ":" + node.port(), certificateDir.toString(), Integer.toString(first), Integer.toString(count),
                Integer.toString(context.ioThreads()), Integer.toString(context.sourceAddresses()),
                Long.toString(loginBound(count).toSeconds())));
        return new ProcessBuilder(command).redirectError(dir.resolve("generator-" + (n + 1) + ".log").toFile()).start();
    }

    /**
     * Every generator logs its share in at once, a dozen JVMs warming up on two cores (20,000 sessions on two nodes took
     * 108 s on a quiet machine, JIT compilers a third of the CPU): three seating bounds, or 60 ms per session.
     */
    private Duration loginBound(int sessions) {
        Duration perSession = Duration.ofMillis(60L * sessions);
        Duration floor = context.plan().seatTimeout().multipliedBy(3);
        return perSession.compareTo(floor) > 0 ? perSession : floor;
    }

    /** A heap bound for a process holding {@code sessions} TLS sessions (nodes and generators alike; ~20 KiB each). */
    private static List<String> heap(int sessions) {
        return List.of("-Xmx" + (512 + sessions / 16) + "m");
    }

    /** The next line of a generator, which must start with {@code word} (its log has the reason when it does not). */
    private String readLine(Process generator, String word) throws IOException {
        BufferedReader out = readers.computeIfAbsent(generator,
                p -> new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        String line = out.readLine();
        if (line == null || !line.startsWith(word)) {
            throw new IOException("generator " + generator.pid() + " said " + line + " instead of " + word + "; see its log in "
                    + context.work().resolve("cluster-sessions"));
        }
        return line;
    }
}
