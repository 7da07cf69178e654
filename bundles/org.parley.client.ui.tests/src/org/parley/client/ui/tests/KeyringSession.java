package org.parley.client.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The desktop keyring of the keyring test runs: {@code keyring-session.sh} (a private dbus-daemon with an unlocked
 * gnome-keyring-daemon on it), which the build starts before these test runtimes and whose socket their
 * DBUS_SESSION_BUS_ADDRESS names (a JVM cannot change its own environment; libsecret reads it at its first
 * connection, after this returns). Keyring files live in the build directory, never the user's.
 */
final class KeyringSession {

    private static final String PREFIX = "unix:path=";

    private KeyringSession() {
    }

    /** Returns once the Secret Service answers on the bus; fails naming what is missing otherwise. */
    static void awaitReady(UiRobot ui) throws IOException, InterruptedException {
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || !address.startsWith(PREFIX)) {
            throw new IllegalStateException("the keyring tests need DBUS_SESSION_BUS_ADDRESS=unix:path=<socket> "
                    + "set for the test JVM (the pom's keyring executions), not " + address);
        }
        Path socket = Path.of(address.substring(PREFIX.length()));
        ui.waitUntil("the test session bus listens on " + socket, () -> Files.exists(socket), Duration.ofSeconds(60));
        // gdbus returns when the Secret Service's name is owned on the bus (bounded by its own timeout).
        Process wait = new ProcessBuilder(List.of("gdbus", "wait", "--session", "--timeout", "30",
                "org.freedesktop.secrets")).inheritIO().start();
        if (!wait.waitFor(40, TimeUnit.SECONDS) || wait.exitValue() != 0) {
            wait.destroyForcibly();
            throw new IOException("no gnome-keyring-daemon offers org.freedesktop.secrets on " + address + "; see "
                    + socket.resolveSibling("gnome-keyring.log"));
        }
    }
}
