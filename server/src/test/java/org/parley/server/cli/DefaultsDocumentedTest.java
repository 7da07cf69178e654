package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.parley.server.ServerConfig;

/**
 * The server's defaults are written once, in ServerConfig (the command line's options name its constants); the
 * operator's documentation is prose and keeps a copy, so this fails when server/README.md's options table differs.
 */
class DefaultsDocumentedTest {

    @Test
    void theOptionsTableShowsServerConfigsDefaults() throws Exception {
        String readme = Files.readString(Path.of("README.md")); // the server module's own README
        assertRow(readme, "`--bind ADDR` | `" + ServerConfig.DEFAULT_BIND + "`");
        assertRow(readme, "`--port N` | `" + ServerConfig.DEFAULT_PORT + "`");
        assertRow(readme, "`--data-dir DIR` | `./" + ServerConfig.DEFAULT_DATA_DIR + "`");
        assertRow(readme, "`--irc-port N` | " + (new ServerConfig().ircPort() == ServerConfig.IRC_OFF ? "off" : "?"));
    }

    private static void assertRow(String readme, String row) {
        assertTrue(readme.contains("| " + row + " |"), "server/README.md options table has: " + row);
    }
}
