package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.server.ExitCode;
import org.parley.server.testing.CommandProcess;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestPostgres;
import org.parley.server.testing.TestServer;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * {@code users list} and {@code users delete} on a cluster's PostgreSQL store ({@code --store}): listing works while
 * nodes run, deleting is refused in one line while any node is connected (nodes keep accounts in memory) and works
 * once they are stopped; an empty or foreign database is refused as for a node.
 */
class PgUsersCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsWhileNodesRunAndDeletesOnlyOnceTheyHaveStopped() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        String database = pg.createDatabase();
        String url = pg.url(database);
        try (LaunchedServer node = MainProcess.start(dir.resolve("data"), dir.resolve("node.log"), Map.of(),
                "--store", url, "--node-id", "n1", "--hash-cost", "64,1,1")) {
            for (String user : List.of("alice", "bob")) {
                TestClient client = MainProcess.connect(node);
                TestServer.register(client, user);
                ok(client.request(new Request.Login(client.nextId(), user, TestServer.PASSWORD)));
                client.close();
            }
            assertEquals(new CommandProcess.Result(0, List.of("alice", "bob"), List.of()),
                    CommandProcess.run("users", "list", "--store", url));

            CommandProcess.Result refused = CommandProcess.run("users", "delete", "bob", "--store", url);
            assertEquals(ExitCode.DATABASE_IN_USE.code(), refused.exit(), refused.toString());
            assertEquals(1, refused.stderr().size(), refused.toString());
            assertTrue(refused.stderr().get(0).contains("nodes n1 are connected to"), refused.toString());
            assertTrue(refused.stderr().get(0).contains("stop them first"), refused.toString());
            assertTrue(!refused.stderr().get(0).contains(TestPostgres.PASSWORD), "never the password");
            assertEquals(143, MainProcess.terminate(node));
        }
        awaitNoNode(pg, database);

        assertEquals(new CommandProcess.Result(0, List.of("deleted bob"), List.of()),
                CommandProcess.run("users", "delete", "bob", "--store", url));
        assertEquals(new CommandProcess.Result(0, List.of("alice"), List.of()),
                CommandProcess.run("users", "list", "--store", url));
        CommandProcess.Result nobody = CommandProcess.run("users", "delete", "bob", "--store", url);
        assertEquals(ExitCode.NO_SUCH_USER.code(), nobody.exit(), nobody.toString());
    }

    @Test
    void anEmptyOrForeignDatabaseIsRefusedInOneLine() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        String empty = pg.createDatabase();
        CommandProcess.Result none = CommandProcess.run("users", "list", "--store", pg.url(empty));
        assertEquals(ExitCode.NO_DATABASE.code(), none.exit(), none.toString());
        assertEquals(1, none.stderr().size(), none.toString());
        assertTrue(none.stderr().get(0).contains("holds no Parley data; check --store"), none.toString());

        String foreign = pg.createDatabase();
        pg.execute(foreign, "CREATE TABLE invoices (id int)");
        CommandProcess.Result other = CommandProcess.run("users", "delete", "x", "--store", pg.url(foreign));
        assertEquals(ExitCode.STORE_FOREIGN.code(), other.exit(), other.toString());
        assertEquals(1, other.stderr().size(), other.toString());
        try (Connection c = pg.connect(empty); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"); ResultSet rs = s.executeQuery()) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the empty database was left untouched");
        }
    }

    /** A node's backends end just after its process: until pg_stat_activity no longer lists them (bounded). */
    private static void awaitNoNode(TestPostgres pg, String database) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        try (Connection c = pg.connect(database); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'parley n1'")) {
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("node n1's connections outlived it by 20 s");
                }
                Thread.onSpinWait();
            }
        }
    }
}
