package org.parley.server.testing;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.parley.server.ServerConfig;
import org.parley.server.store.pg.PgTarget;

/**
 * Two in-process nodes of one cluster: node A, then node B (A creates the schema), on a new database of {@code pg}
 * and the given Redis; {@code more} adds settings to both.
 */
public record TwoNodes(TestServer a, TestServer b) implements AutoCloseable {

    public static TwoNodes start(TestPostgres pg, Path dir, TestRedis redis, Consumer<ServerConfig> more)
            throws Exception {
        String url = pg.url(pg.createDatabase());
        TestServer a = TestServer.start(dir.resolve("a"), c -> more.accept(node(c, url, "a", redis)));
        try {
            return new TwoNodes(a, TestServer.start(dir.resolve("b"), c -> more.accept(node(c, url, "b", redis))));
        } catch (Exception e) {
            a.close();
            throw e;
        }
    }

    private static ServerConfig node(ServerConfig c, String url, String id, TestRedis redis) {
        return c.store(PgTarget.parse(url)).nodeId(id).bus(redis.target());
    }

    @Override
    public void close() {
        b.close();
        a.close();
    }
}
