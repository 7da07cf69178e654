package org.parley.bench.scenario;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time spent by the server process and by this generator JVM since {@link #start}: on a shared 2-core
 * machine it tells whose work a slow scenario was waiting for.
 */
final class CpuClock {
    private final long serverPid;
    private final Duration serverStart;
    private final long generatorStart;

    private CpuClock(long serverPid) {
        this.serverPid = serverPid;
        this.serverStart = serverCpu(serverPid);
        this.generatorStart = generatorCpuNanos();
    }

    static CpuClock start(long serverPid) {
        return new CpuClock(serverPid);
    }

    double serverSeconds() {
        return serverCpu(serverPid).minus(serverStart).toMillis() / 1000.0;
    }

    double generatorSeconds() {
        return (generatorCpuNanos() - generatorStart) / 1e9;
    }

    /** utime + stime of /proc/PID/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
    private static Duration serverCpu(long pid) {
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
