package org.parley.client.core.internal.trust;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.parley.client.core.ServerAddress;
import org.parley.client.core.internal.util.AtomicFile;
import org.parley.client.core.internal.util.ProcessLock;

/**
 * The known-servers file, like SSH's known_hosts: one line {@code host:port SHA-256} per server whose self-signed
 * certificate the user accepted. Re-read on every lookup so an edit by hand (removing a re-keyed server) takes effect
 * without a restart. Shared by every Parley process of the user: a change locks the file ({@link ProcessLock}), reads
 * it again, changes the one line and replaces the file atomically, so a pin another process added meanwhile is kept.
 */
public final class KnownServers {
    public static final String FILE_NAME = "known_servers";

    private final Path file;

    public KnownServers(Path stateDir) {
        this(stateDir, FILE_NAME);
    }

    private KnownServers(Path dir, String fileName) {
        this.file = dir.resolve(fileName);
    }

    public Path file() {
        return file;
    }

    public Optional<String> lookup(ServerAddress server) {
        return Optional.ofNullable(read().get(server.toString()));
    }

    /** Every pinned server ({@code host:port}) and its SHA-256 fingerprint, sorted by server. */
    public Map<String, String> all() {
        return read();
    }

    public void remember(ServerAddress server, String sha256) {
        String fingerprint = Fingerprints.normalize(sha256);
        ProcessLock.around(file, () -> {
            Map<String, String> all = read();
            all.put(server.toString(), fingerprint);
            write(all);
            return null;
        });
    }

    public void forget(ServerAddress server) {
        ProcessLock.around(file, () -> {
            Map<String, String> all = read();
            if (all.remove(server.toString()) != null) {
                write(all);
            }
            return null;
        });
    }

    /** Adds the pins of an older known-servers file that this one lacks (a pin here wins); see {@code LegacyState}. */
    public void mergeFrom(Path olderFile) {
        KnownServers older = new KnownServers(olderFile.getParent(), olderFile.getFileName().toString());
        ProcessLock.around(file, () -> {
            Map<String, String> all = read();
            older.read().forEach(all::putIfAbsent);
            write(all);
            return null;
        });
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
