package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.launch.RunCluster;

/**
 * {@code releng/run-cluster} as a user runs it (the launcher, PostgreSQL, Redis and two nodes as processes): a node
 * killed with SIGKILL is reported and the other goes on, as a cluster should; SIGTERM then stops everything.
 */
class RunClusterTest {
    private static final Pattern NODE = Pattern.compile("^node-(\\d)\\s+\\S+\\s+\\(pid (\\d+),.*");

    @Test
    @Timeout(180)
    void aKilledNodeIsReportedAndTheOthersGoOn() throws Exception {
        String classPath = System.getProperty("java.class.path");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classPath, RunCluster.class.getName(), "--classpath", classPath, "--nodes", "2").redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            List<Long> nodes = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.equals("Ctrl+C stops everything.")) {
                Matcher m = NODE.matcher(line);
                if (m.matches()) {
                    nodes.add(Long.parseLong(m.group(2)));
                }
            }
            assertNotNull(line, "the launcher printed its addresses and waits");
            assertEquals(2, nodes.size());

            ProcessHandle.of(nodes.get(0)).orElseThrow().destroyForcibly();
            String report = out.readLine();
            assertTrue(report.startsWith("node-1 (pid " + nodes.get(0)) && report.endsWith("1 of 2 nodes go on (clients fail"
                    + " over to them)"), report);
            assertTrue(launcher.isAlive(), "the cluster goes on without node 1");
            assertTrue(ProcessHandle.of(nodes.get(1)).map(ProcessHandle::isAlive).orElse(false), "node 2 still runs");

            launcher.destroy(); // SIGTERM, as Ctrl+C's stop
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
            assertFalse(ProcessHandle.of(nodes.get(1)).map(ProcessHandle::isAlive).orElse(false), "node 2 stopped with it");
        }
    }
}
