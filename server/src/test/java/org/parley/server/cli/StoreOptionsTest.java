package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ExitCode;
import org.parley.server.ServerConfig;
import org.parley.server.StartupException;
import org.parley.server.bus.BusTarget;
import org.parley.server.store.pg.PgTarget;

import picocli.CommandLine;

/** {@code --store}, its password (URL, file, environment, in that order), {@code --node-id} and {@code --bus}. */
class StoreOptionsTest {
    @TempDir
    Path dir;

    private static ServerConfig parse(String environment, String... args) throws Exception {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.store.applyTo(new ServerConfig().port(7443), environment, null);
    }

    private static ServerConfig parseWithBusEnvironment(String busEnvironment, String... args) throws Exception {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.store.applyTo(new ServerConfig().port(7443), null, busEnvironment);
    }

    @Test
    void theBusPasswordComesFromTheUrlThenTheFileThenTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("bus-password"), "from-file\nignored\n");
        String[] store = {"--store", "postgresql://db.example/parley"};
        assertEquals("from-url", new String(parseWithBusEnvironment("from-env", store[0], store[1],
                "--bus", "redis://:from-url@r", "--bus-password-file", file.toString()).bus().password()));
        assertEquals("from-file", new String(parseWithBusEnvironment("from-env", store[0], store[1],
                "--bus", "redis://r", "--bus-password-file", file.toString()).bus().password()));
        assertEquals("from-env", new String(parseWithBusEnvironment("from-env", store[0], store[1],
                "--bus", "redis://r").bus().password()));
        assertNull(parseWithBusEnvironment(null, store[0], store[1], "--bus", "redis://r").bus().password());
        Path ca = dir.resolve("ca.pem");
        assertEquals(ca, parse(null, "--bus", "rediss://r", "--bus-ca", ca.toString()).bus().trustedCas());

        StartupException unreadable = assertThrows(StartupException.class, () -> parse(null, "--bus", "redis://r",
                "--bus-password-file", dir.resolve("missing").toString()));
        assertEquals(ExitCode.USAGE, unreadable.exitCode());
        assertTrue(unreadable.getMessage().startsWith("cannot read --bus-password-file "), unreadable.getMessage());
        StartupException alone = assertThrows(StartupException.class, () -> parse(null, "--bus-ca", ca.toString()));
        assertEquals("--bus-ca needs --bus", alone.getMessage());
    }

    @Test
    void withoutTheOptionsTheStoreIsSqliteAndTheNodeIsNamedByHostAndPort() throws Exception {
        ServerConfig config = parse("ignored");
        assertNull(config.store());
        assertTrue(config.nodeId().endsWith(":7443"), config.nodeId());
        assertEquals("b", parse(null, "--node-id", "b").nodeId());
    }

    @Test
    void theBusIsOffUnlessGivenAndItsUrlIsRedisHostPort() throws Exception {
        assertNull(parse(null).bus());
        assertEquals(new BusTarget("redis.example", 6380), parse(null, "--bus", "redis://redis.example:6380").bus());
        assertEquals(new BusTarget("redis.example", 6379), parse(null, "--bus", "redis://redis.example").bus());
        CommandLine.ParameterException wrong = assertThrows(CommandLine.ParameterException.class,
                () -> parse(null, "--bus", "redis.example:6379"));
        assertTrue(wrong.getMessage().contains("is not a URL like redis://"), wrong.getMessage());
    }

    @Test
    void theUrlNamesHostPortDatabaseAndUserWithDefaults() throws Exception {
        PgTarget full = parse(null, "--store", "postgresql://chat:p%40ss%3Aw%2Frd@db.example:6543/parley_prod").store();
        assertEquals(new PgTarget("db.example", 6543, "parley_prod", "chat", null).location(), full.location());
        assertArrayEquals("p@ss:w/rd".toCharArray(), full.password(), "percent-encoded in the URL");
        assertEquals("jdbc:postgresql://db.example:6543/parley_prod", full.jdbcUrl());
        assertEquals("postgresql://chat@db.example:6543/parley_prod", full.location(), "never the password");
        PgTarget bare = parse(null, "--store", "postgresql://db.example/parley").store();
        assertEquals("postgresql://parley@db.example:5432/parley", bare.location());
        assertNull(bare.password());
    }

    @Test
    void thePasswordComesFromTheUrlThenTheFileThenTheEnvironment() throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "from-file\nsecond line ignored\n");
        assertArrayEquals("from-url".toCharArray(), parse("from-env", "--store", "postgresql://u:from-url@h/db",
                "--store-password-file", file.toString()).store().password());
        assertArrayEquals("from-file".toCharArray(), parse("from-env", "--store", "postgresql://u@h/db",
                "--store-password-file", file.toString()).store().password());
        assertArrayEquals("from-env".toCharArray(), parse("from-env", "--store", "postgresql://u@h/db").store().password());
        assertNull(parse("", "--store", "postgresql://u@h/db").store().password(), "an empty variable is no password");
    }

    @Test
    void aBadUrlIsRefusedSayingWhatIsWrong() {
        assertRefused("is not a URL like postgresql://HOST:PORT/DB", "mysql://h/db");
        assertRefused("is not a URL like postgresql://HOST:PORT/DB", "h:5432/db");
        assertRefused("names no database", "postgresql://h:5432/");
        assertRefused("parameters are not supported", "postgresql://h/db?sslmode=disable");
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse(null, "--store", "postgresql://u:secret@h:5432"));
        assertTrue(!e.getMessage().contains("secret"), "the password is not repeated: " + e.getMessage());
    }

    private static void assertRefused(String says, String url) {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> parse(null, "--store", url));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }
}
