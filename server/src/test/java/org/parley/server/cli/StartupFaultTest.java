package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ExitCode;
import org.parley.server.ParleyServer;
import org.parley.server.store.Database;
import org.parley.server.store.Migrations;
import org.parley.server.testing.CommandProcess;
import org.parley.server.tls.SelfSignedCertificate;
import org.parley.server.tls.TlsContext;

/**
 * Every startup fault, through the real command line in its own process: the operator gets its own exit
 * code and exactly one line on stderr naming the problem, no stack trace, and nothing on disk is replaced.
 */
class StartupFaultTest {
    @TempDir
    Path dir;

    /** Owner-only, as the server makes it: tightening a looser one would add a WARN line to stderr. */
    private Path data() throws Exception {
        Path data = dir.resolve("data");
        if (!Files.exists(data)) {
            Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return data;
    }

    private static void assertFault(ExitCode expected, String mentions, CommandProcess.Result run) {
        assertEquals(expected.code(), run.exit(), run.toString());
        assertEquals(1, run.stderr().size(), "exactly one line on stderr: " + run);
        String line = run.stderr().get(0);
        assertTrue(line.startsWith("parley-server: ") && line.contains(mentions), run.toString());
        assertTrue(run.stdout().stream().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), run.toString());
    }

    private CommandProcess.Result start(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1", "--port", "0", "--data-dir", data().toString(),
                "--hash-cost", "64,1,1"));
        args.addAll(Arrays.asList(options));
        return CommandProcess.run(args.toArray(String[]::new));
    }

    private Path database() throws Exception {
        return data().resolve(ParleyServer.DATABASE_FILE);
    }

    @Test
    void aZeroLengthDatabaseIsRefusedAndLeftAlone() throws Exception {
        Files.createFile(database());
        assertFault(ExitCode.DATABASE_EMPTY, database() + " is empty", start());
        assertEquals(0, Files.size(database()), "not replaced by a fresh, empty database");
    }

    @Test
    void aDamagedInteriorPageIsFoundAtStart() throws Exception {
        try (Database db = Database.open(database())) {
            db.write(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO messages(conv, sender_key, sender, recipient,"
                        + " text, ts) VALUES('#general', 'alice', 'alice', '#general', ?, 0)")) {
                    for (int i = 0; i < 3000; i++) {
                        s.setString(1, "message " + i + " " + "x".repeat(300));
                        s.executeUpdate();
                    }
                }
                return null;
            }).join();
        }
        long page;
        try (Connection c = Database.connect(database()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'internal'")) {
            assertTrue(rs.next(), "the messages table has an interior page");
            page = rs.getLong(1);
        }
        try (RandomAccessFile file = new RandomAccessFile(database().toFile(), "rw")) {
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0xA5);
            file.seek((page - 1) * 4096);
            file.write(garbage);
        }
        assertFault(ExitCode.DATABASE_DAMAGED, database() + " is damaged", start());
    }

    @Test
    void aSchemaNewerThanTheServerIsRefused() throws Exception {
        try (Connection c = Database.connect(database()); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Migrations.LATEST + 1));
        }
        assertFault(ExitCode.SCHEMA_TOO_NEW, "newer than this server", start());
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandProcess.Result run = CommandProcess.run("--bind", "127.0.0.1", "--port",
                    String.valueOf(taken.getLocalPort()), "--data-dir", data().toString());
            assertFault(ExitCode.CANNOT_LISTEN, "cannot listen on 127.0.0.1:" + taken.getLocalPort(), run);
        }
    }

    @Test
    void aTruncatedKeystoreIsOneLine() throws Exception {
        Path keystore = dir.resolve("operator.p12");
        SelfSignedCertificate.generate(keystore, "secret".toCharArray());
        byte[] bytes = Files.readAllBytes(keystore);
        Files.write(keystore, Arrays.copyOf(bytes, bytes.length / 2));
        assertFault(ExitCode.KEYSTORE_UNREADABLE, keystore.toString(),
                start("--keystore", keystore.toString(), "--keystore-password=secret"));
    }

    @Test
    void aMissingKeystoreIsOneLine() throws Exception {
        Path keystore = dir.resolve("nowhere.p12");
        assertFault(ExitCode.KEYSTORE_UNREADABLE, keystore.toString(),
                start("--keystore", keystore.toString(), "--keystore-password=secret"));
    }

    @Test
    void aWrongKeystorePasswordIsOneLine() throws Exception {
        Path keystore = dir.resolve("operator.p12");
        SelfSignedCertificate.generate(keystore, "secret".toCharArray());
        assertFault(ExitCode.KEYSTORE_PASSWORD_WRONG, "wrong password",
                start("--keystore", keystore.toString(), "--keystore-password=guess"));
    }

    @Test
    void aKeystoreWithoutItsPasswordIsOneLine() throws Exception {
        Path keystore = dir.resolve("operator.p12");
        SelfSignedCertificate.generate(keystore, "secret".toCharArray());
        assertFault(ExitCode.KEYSTORE_PASSWORD_MISSING, "needs its password", start("--keystore", keystore.toString()));
    }

    @Test
    void aKeystoreWithoutAPrivateKeyIsOneLine() throws Exception {
        Path full = dir.resolve("full.p12");
        SelfSignedCertificate.generate(full, "secret".toCharArray());
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(full)) {
            source.load(in, "secret".toCharArray());
        }
        KeyStore certificateOnly = KeyStore.getInstance("PKCS12");
        certificateOnly.load(null, null);
        certificateOnly.setCertificateEntry("cert", source.getCertificate(source.aliases().nextElement()));
        Path keystore = dir.resolve("certificate-only.p12");
        try (var out = Files.newOutputStream(keystore)) {
            certificateOnly.store(out, "secret".toCharArray());
        }
        assertFault(ExitCode.KEYSTORE_NO_KEY, "no private key",
                start("--keystore", keystore.toString(), "--keystore-password=secret"));
    }

    @Test
    void theGeneratedKeystoresMissingPasswordFileIsOneLine() throws Exception {
        TlsContext.open(data(), null, null);
        Path passwordFile = data().resolve(TlsContext.GENERATED_KEYSTORE + ".password");
        Files.delete(passwordFile);
        assertFault(ExitCode.KEYSTORE_PASSWORD_MISSING, passwordFile.toString(), start());
        assertTrue(Files.exists(data().resolve(TlsContext.GENERATED_KEYSTORE)), "the certificate is not replaced");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneLine() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        CommandProcess.Result run = CommandProcess.run("--bind", "127.0.0.1", "--port", "0",
                "--data-dir", file.resolve("data").toString());
        assertFault(ExitCode.DATA_DIR_UNUSABLE, file.resolve("data").toString(), run);
    }
}
