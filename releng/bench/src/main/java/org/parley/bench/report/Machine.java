package org.parley.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the numbers were measured on: CPU, memory, Java, the InspIRCd version and the load average (taken at
 * the start and at the end of the run, since a machine shared with builds gives different numbers).
 */
public final class Machine {
    private Machine() {
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The description written to machine.txt. */
    public static String describe(String phase) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(phase).append(' ').append(Instant.now()).append('\n');
        out.append("load average (1/5/15 min): ").append(loadAverage()).append('\n');
        out.append("cores available to Java: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        out.append("\n$ lscpu\n").append(run(List.of("lscpu")));
        out.append("\n$ free -g\n").append(run(List.of("free", "-g")));
        out.append("\n$ java -version\n").append(run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")));
        out.append("\n$ inspircd --version\n").append(run(List.of("/usr/sbin/inspircd", "--version")));
        out.append("\n$ uname -a\n").append(run(List.of("uname", "-a")));
        return out.toString();
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "(not available: " + e.getMessage() + ")\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)\n";
        }
    }
}
