package org.parley.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big and how long each scenario runs. {@link #quick()} is the CI sanity run (well under two minutes,
 * small counts); {@link #full()} is the measurement for people, meant for a quiet machine.
 *
 * @param fanOutSizes     room sizes of the fan-out comparison
 * @param senders         bots that send in a fan-out step
 * @param step            how long a step offers load
 * @param drain           how long a step may wait for its last deliveries
 * @param startRate       first offered rate of the peak search, deliveries/s
 * @param rateFactor      growth of the offered rate between steps
 * @param maxSteps        bound of the peak search
 * @param rounds          peak searches per server and room size, interleaved (Parley, InspIRCd, Parley, ...): one
 *                        search is cut short by one hiccup of a shared machine, so the report gives their median and
 *                        spread (0: no search, only the fixed rates)
 * @param fixedRates      offered deliveries/s at which both servers' latency and CPU are measured side by side
 * @param fixedRateSizes  room sizes measured at the fixed rates
 * @param scaleSessions   session counts at which memory is measured (ascending); a stage is only started while
 *                        the scenario has run for less than {@code seatTimeout}, and is bounded by it
 * @param reconnectClients clients in the reconnect storm
 * @param sessionsPerUser sessions sharing one account where thousands are needed (scale, reconnect): under protocol 2
 *                        every login was announced to every session (O(N²) for N distinct users); kept so that these
 *                        scenarios compare with earlier runs
 * @param loginUsers      accounts logging in at once in the login storm (real Argon2id hashing)
 * @param loginChatClients clients chatting (one sending) during the login storm
 * @param seatTimeout     bound on seating one room or connecting one batch
 * @param cluster         sizes of the cluster scenario
 */
public record Plan(String mode, List<Integer> fanOutSizes, int senders, Duration step, Duration drain, double startRate,
        double rateFactor, int maxSteps, int rounds, List<Double> fixedRates, List<Integer> fixedRateSizes, List<Integer> scaleSessions,
        int reconnectClients, int sessionsPerUser, int loginUsers, int loginChatClients, Duration seatTimeout,
        ClusterPlan cluster) {

    /**
     * The cluster scenario (issue 12).
     *
     * @param room         members of the room whose fan-out is measured on one node and, in the same run, spread over
     *                     {@code roomNodes} nodes
     * @param roomNodes    nodes of that cluster
     * @param sessions     logged-in sessions of distinct accounts held across {@code sessionNodes} nodes
     * @param sessionNodes nodes holding them, each logged into by a generator process of its own; neither may hold
     *                     more than {@link #FD_LIMITED_SESSIONS}
     */
    public record ClusterPlan(int room, int roomNodes, int sessions, int sessionNodes) {
        public ClusterPlan {
            if (sessions < 1) {
                throw new IllegalArgumentException("at least 1 session, not " + sessions);
            }
            if (sessionNodes < 1) {
                throw new IllegalArgumentException("at least 1 node, not " + sessionNodes);
            }
            int perNode = perNode(sessions, sessionNodes);
            if (perNode > FD_LIMITED_SESSIONS) {
                throw new IllegalArgumentException(sessions + " sessions on " + sessionNodes + " nodes is " + perNode
                        + " per node and per generator, above the " + FD_LIMITED_SESSIONS + " one process can hold here");
            }
        }

        /** Sessions each node and its generator hold (the last node fewer where they do not divide evenly). */
        public int sessionsPerNode() {
            return perNode(sessions, sessionNodes);
        }

        private static int perNode(int sessions, int nodes) {
            return (sessions + nodes - 1) / nodes;
        }
    }

    /**
     * Stands in for the targets' 20,000 sessions: this sandbox's hard limit is 20,000 descriptors per process
     * (not raisable without CAP_SYS_RESOURCE), and both the server and the generator need a few beyond their
     * sockets.
     */
    public static final int FD_LIMITED_SESSIONS = 19_900;

    /** The limits every plan keeps, whether named or changed by an option; a message names the value refused. */
    public Plan {
        if (fanOutSizes.isEmpty()) {
            throw new IllegalArgumentException("at least one room size");
        }
        for (int size : fanOutSizes) {
            // Room.run offers deliveries/s to the N-1 other members: a room needs a sender and a receiver.
            if (size < 2) {
                throw new IllegalArgumentException("a room has at least 2 clients (a sender and a receiver), not " + size);
            }
        }
        if (step.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a step lasts at least 1 s, not " + step.toSeconds() + " s");
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("0 or more peak searches, not " + rounds);
        }
        for (double rate : fixedRates) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("a rate is deliveries per second above 0, not " + rate);
            }
        }
        // One generator process holds every client of the storm.
        if (reconnectClients < 1 || reconnectClients > FD_LIMITED_SESSIONS) {
            throw new IllegalArgumentException("1 to " + FD_LIMITED_SESSIONS + " clients (what one process can hold here), not "
                    + reconnectClients);
        }
    }

    public static Plan quick() {
        return new Plan("quick", List.of(50), 5, Duration.ofSeconds(1), Duration.ofSeconds(10), 2_000, 2.0, 2, 1,
                List.of(2_000.0), List.of(50), List.of(50, 100), 30, 3, 4, 10, Duration.ofSeconds(60),
                new ClusterPlan(50, 3, 300, 2));
    }

    public static Plan full() {
        return new Plan("full", List.of(100, 1_000, 5_000), 10, Duration.ofSeconds(4), Duration.ofSeconds(15), 25_000, 1.5,
                13, 3, List.of(25_000.0, 50_000.0, 100_000.0, 200_000.0), List.of(100, 1_000), List.of(1_000, 2_000, 5_000, 10_000, FD_LIMITED_SESSIONS),
                FD_LIMITED_SESSIONS, 100, 200, 100, Duration.ofMinutes(3),
                // 100,000 sessions need six nodes and six generators here: five would hold 20,000 each, past the limit.
                new ClusterPlan(1_000, 3, 100_000, 6));
    }

    /**
     * The account of session {@code i} of {@code sessions} when {@code sessionsPerUser} share an account.
     * Consecutive sessions use different accounts, so that concurrent logins never queue on one account's
     * login throttle (which charges every attempt up front, and which the benchmark leaves in place).
     */
    public static int account(int i, int sessions, int sessionsPerUser) {
        return i % Math.max(1, sessions / sessionsPerUser);
    }

    /** The same plan with other fan-out room sizes (for profiling one size); the fixed rates are measured at them. */
    public Plan withFanOutSizes(List<Integer> sizes) {
        return new Plan(mode, sizes, senders, step, drain, startRate, rateFactor, maxSteps, rounds, fixedRates, sizes,
                scaleSessions, reconnectClients, sessionsPerUser, loginUsers, loginChatClients, seatTimeout, cluster);
    }

    /** The same plan with other peak-search rounds (0: fixed rates only) and fixed rates. */
    public Plan withRounds(int searches, List<Double> rates) {
        return new Plan(mode, fanOutSizes, senders, step, drain, startRate, rateFactor, maxSteps, searches, rates, fixedRateSizes,
                scaleSessions, reconnectClients, sessionsPerUser, loginUsers, loginChatClients, seatTimeout, cluster);
    }

    /** The same plan with steps of another length (longer steady load for profiling). */
    public Plan withStep(Duration length) {
        return new Plan(mode, fanOutSizes, senders, length, drain, startRate, rateFactor, maxSteps, rounds, fixedRates, fixedRateSizes,
                scaleSessions, reconnectClients, sessionsPerUser, loginUsers, loginChatClients, seatTimeout, cluster);
    }

    /** The same plan with another reconnect storm size (for profiling). */
    public Plan withReconnectClients(int clients) {
        return new Plan(mode, fanOutSizes, senders, step, drain, startRate, rateFactor, maxSteps, rounds, fixedRates, fixedRateSizes,
                scaleSessions, clients, sessionsPerUser, loginUsers, loginChatClients, seatTimeout, cluster);
    }

    /** The same plan with another count of cluster sessions and nodes holding them. */
    public Plan withClusterSessions(int sessions, int nodes) {
        return new Plan(mode, fanOutSizes, senders, step, drain, startRate, rateFactor, maxSteps, rounds, fixedRates, fixedRateSizes,
                scaleSessions, reconnectClients, sessionsPerUser, loginUsers, loginChatClients, seatTimeout,
                new ClusterPlan(cluster.room(), cluster.roomNodes(), sessions, nodes));
    }

    public static Plan named(String mode) {
        return switch (mode) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException("mode is quick or full, not " + mode);
        };
    }
}
