package org.parley.bench.scenario;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time spent by the server's processes and by this generator JVM since {@link #start}: on a shared 2-core
 * machine it tells whose work a slow scenario was waiting for. A cluster's server side is several processes (nodes,
 * PostgreSQL with a process per connection, Redis): their times, and their children's, add up.
 */
final class CpuClock {
    private final List<Long> serverPids;
    private final Duration serverStart;
    private final long generatorStart;

    private CpuClock(List<Long> serverPids) {
        this.serverPids = List.copyOf(serverPids);
        this.serverStart = serverCpu(this.serverPids);
        this.generatorStart = generatorCpuNanos();
    }

    static CpuClock start(List<Long> serverPids) {
        return new CpuClock(serverPids);
    }

    double serverSeconds() {
        return serverCpu(serverPids).minus(serverStart).toMillis() / 1000.0;
    }

    double generatorSeconds() {
        return (generatorCpuNanos() - generatorStart) / 1e9;
    }

    /** The processes and their living descendants (PostgreSQL's backends are the postmaster's children). */
    private static Duration serverCpu(List<Long> pids) {
        return pids.stream()
                .flatMap(pid -> Stream.concat(Stream.of(pid),
                        ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)))
                .distinct().map(CpuClock::processCpu).reduce(Duration.ZERO, Duration::plus);
    }

    /** utime + stime of /proc/PID/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
    private static Duration processCpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Duration.ofMillis(ticks * 10);
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
    }

    private static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
