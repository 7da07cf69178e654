package org.parley.testing.launch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of the server's startup contract (printed by {@code org.parley.server.cli.Main}, described in
 * server/README.md): first {@code TLS certificate SHA-256 fingerprint: AB:CD:…}, then
 * {@code Parley server listening on HOST:PORT}. Feed it the server's output lines in order; {@link #accept} returns
 * the startup once the listening line has come.
 */
public final class StartupLine {
    private static final Pattern LISTENING = Pattern.compile("^Parley server listening on ([0-9A-Fa-f.:]+):(\\d+)$");
    private static final Pattern FINGERPRINT = Pattern.compile("^TLS certificate SHA-256 fingerprint: ([0-9A-F:]{95})$");

    /** What a started server announced: where it listens and the fingerprint of the certificate it serves. */
    public record Startup(String host, int port, String fingerprint) {
    }

    private String fingerprint;

    /** @return the startup when {@code line} is the listening line, else null */
    public Startup accept(String line) {
        Matcher f = FINGERPRINT.matcher(line);
        if (f.matches()) {
            fingerprint = f.group(1);
            return null;
        }
        Matcher l = LISTENING.matcher(line);
        return l.matches() ? new Startup(l.group(1), Integer.parseInt(l.group(2)), fingerprint) : null;
    }
}
