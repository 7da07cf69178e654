package org.parley.client.ui.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A desktop keyring of the tests' own: a private D-Bus session bus (dbus-daemon) with Debian's gnome-keyring-daemon
 * on it, its login keyring unlocked with a password fed on stdin, as PAM does at a desktop login. The test JVM was
 * started with DBUS_SESSION_BUS_ADDRESS naming this bus's socket (the pom's keyring execution; a JVM cannot change
 * its own environment, and libsecret reads it when it first connects, which is after this starts). Keyring files
 * live under the given folder, never the user's.
 */
final class KeyringSession implements AutoCloseable {

    private static final String UNLOCK_PASSWORD = "parley-test-keyring";

    /** The shell holding dbus-daemon; kept referenced so its stdin pipe stays open until the JVM exits. */
    @SuppressWarnings("unused")
    private final Process bus;
    private final Process keyring;

    private KeyringSession(Process bus, Process keyring) {
        this.bus = bus;
        this.keyring = keyring;
    }

    /** Starts both daemons and returns once the Secret Service answers on the bus. */
    static KeyringSession start(Path folder) throws IOException, InterruptedException {
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || !address.startsWith("unix:path=")) {
            throw new IllegalStateException("the keyring tests need DBUS_SESSION_BUS_ADDRESS=unix:path=<socket> "
                    + "set for the test JVM (see the keyring execution in the pom), not " + address);
        }
        Path socket = Path.of(address.substring("unix:path=".length()));
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null) {
            Files.createDirectories(Path.of(runtime), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        // GIO ends its process with SIGTERM when the session bus it is connected to goes away (exit-on-close), so the
        // bus must outlive this JVM: a shell holds it and stops it when its stdin, a pipe from this JVM, closes,
        // which is when the JVM exits.
        Process bus = new ProcessBuilder("sh", "-c", "dbus-daemon --session --nofork --address=\"$1\" "
                + "--print-address=1 & bus=$!; read -r _; kill $bus; wait $bus", "sh", address)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // dbus-daemon prints its address once it listens: the event to wait for.
        String printed = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (printed == null) {
            bus.getOutputStream().close(); // the shell stops the bus
            throw new IOException("dbus-daemon exited before listening on " + address);
        }
        ProcessBuilder daemon = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock",
                "--components=secrets").redirectErrorStream(true)
                .redirectOutput(folder.resolve("gnome-keyring.log").toFile());
        daemon.environment().put("XDG_DATA_HOME", folder.resolve("data").toString());
        daemon.environment().put("HOME", folder.resolve("home").toString());
        Process keyring = daemon.start();
        try (OutputStream stdin = keyring.getOutputStream()) {
            stdin.write(UNLOCK_PASSWORD.getBytes(StandardCharsets.UTF_8));
        }
        KeyringSession session = new KeyringSession(bus, keyring);
        // Returns when the Secret Service's name is owned on the bus (bounded by its own timeout).
        Process wait = new ProcessBuilder(List.of("gdbus", "wait", "--session", "--timeout", "30",
                "org.freedesktop.secrets")).inheritIO().start();
        if (!wait.waitFor(40, TimeUnit.SECONDS) || wait.exitValue() != 0) {
            session.close();
            bus.getOutputStream().close(); // the shell stops the bus
            throw new IOException("gnome-keyring-daemon did not offer org.freedesktop.secrets on " + address
                    + "; see " + folder.resolve("gnome-keyring.log"));
        }
        return session;
    }

    /** Stops the keyring; the bus stops when this JVM exits (see {@link #start}). */
    @Override
    public void close() throws InterruptedException {
        keyring.destroy();
        if (!keyring.waitFor(10, TimeUnit.SECONDS)) {
            keyring.destroyForcibly();
        }
    }
}
