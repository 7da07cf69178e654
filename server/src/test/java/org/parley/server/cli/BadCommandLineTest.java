package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ExitCode;

import picocli.CommandLine;

/** A wrong option or value costs the operator one line naming it and exit code 2: no usage wall, no trace. */
class BadCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void eachBadOptionIsOneLineNamingItAndExitTwo() {
        String data = dir.resolve("data").toString();
        List<List<String>> cases = List.of(
                List.of("--port", "99999", "--data-dir", data),
                List.of("--port", "-1", "--data-dir", data),
                List.of("--min-free-space", "lots", "--data-dir", data),
                List.of("--flood-rate", "fast", "--data-dir", data),
                List.of("--irc-port", "70000", "--data-dir", data),
                List.of("--no-such-option"));
        for (List<String> args : cases) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = Main.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            commandLine.setOut(new PrintWriter(new StringWriter(), true));

            int code = commandLine.execute(args.toArray(String[]::new));

            String text = err.toString();
            assertEquals(ExitCode.USAGE.code(), code, args + ": " + text);
            assertEquals(1, text.lines().count(), args + ": one line, got: " + text);
            assertTrue(text.startsWith("parley-server: ") && text.contains(args.get(0)), args + ": " + text);
        }
    }
}
