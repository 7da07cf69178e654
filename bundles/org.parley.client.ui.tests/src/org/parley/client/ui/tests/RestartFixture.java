package org.parley.client.ui.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.parley.client.core.ParleyHome;
import org.parley.client.core.ServerAddress;

/**
 * What the two halves of the restart test share across their two workbench starts (two JVMs, the pom's
 * {@code restart-*} executions): the server the build started before both ({@code parley.restart.dir}/server.log
 * says its port) and the account the first half remembered (a file in the client state both use).
 */
final class RestartFixture {

    private static final Pattern LISTENING = Pattern.compile("Parley server listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Path dir = Path.of(System.getProperty("parley.restart.dir"));

    /** The server's address once its log says it listens (it starts alongside the first workbench). */
    ServerAddress server(UiRobot ui) {
        Path log = dir.resolve("server.log");
        ui.waitUntil("the restart server listens (" + log + ")", () -> port(log) > 0, Duration.ofSeconds(60));
        return new ServerAddress("127.0.0.1", port(log));
    }

    private static int port(Path log) {
        try {
            if (!Files.exists(log)) {
                return 0;
            }
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    void rememberUser(String user) throws IOException {
        Files.createDirectories(ParleyHome.directory());
        Files.writeString(ParleyHome.directory().resolve("restart-test-user"), user);
    }

    String rememberedUser() throws IOException {
        return Files.readString(ParleyHome.directory().resolve("restart-test-user")).trim();
    }
}
