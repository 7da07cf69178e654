package org.parley.client.core.internal.trust;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.parley.client.core.ServerAddress;
import org.parley.client.core.internal.util.AtomicFile;

/**
 * The known-servers file, like SSH's known_hosts: one line {@code host:port SHA-256} per server whose self-signed
 * certificate the user accepted. Re-read on every lookup so an edit by hand (removing a re-keyed server) takes effect
 * without a restart. Thread-safe.
 */
public final class KnownServers {
    public static final String FILE_NAME = "known_servers";

    private final Path file;

    public KnownServers(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<String> lookup(ServerAddress server) {
        return Optional.ofNullable(read().get(server.toString()));
    }

    public synchronized void remember(ServerAddress server, String sha256) {
        Map<String, String> all = read();
        all.put(server.toString(), Fingerprints.normalize(sha256));
        write(all);
    }

    public synchronized void forget(ServerAddress server) {
        Map<String, String> all = read();
        if (all.remove(server.toString()) != null) {
            write(all);
        }
    }

    private Map<String, String> read() {
        Map<String, String> entries = new TreeMap<>();
        byte[] bytes = AtomicFile.readIfExists(file);
        if (bytes == null) {
            return entries;
        }
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length >= 2) {
                entries.put(parts[0], parts[1]);
            }
        }
        return entries;
    }

    private void write(Map<String, String> entries) {
        StringBuilder out = new StringBuilder("# Parley known servers: host:port SHA-256 of the accepted certificate\n");
        entries.forEach((server, fingerprint) -> out.append(server).append(' ').append(fingerprint).append('\n'));
        AtomicFile.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
