package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.parley.server.ServerConfig;

import picocli.CommandLine;

/** {@code --min-free-space}: sizes with binary suffixes, 0 to turn the watermark off, the default otherwise. */
class StorageOptionsTest {

    private static ServerConfig parse(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.storage.applyTo(new ServerConfig());
    }

    @Test
    void withoutTheOptionTheDefaultStays() {
        assertEquals(64L << 20, parse().minFreeSpaceBytes());
        assertEquals(new ServerConfig().minFreeSpaceBytes(), parse().minFreeSpaceBytes());
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertEquals(0, parse("--min-free-space", "0").minFreeSpaceBytes());
        assertEquals(4096, parse("--min-free-space", "4096").minFreeSpaceBytes());
        assertEquals(512L << 10, parse("--min-free-space", "512K").minFreeSpaceBytes());
        assertEquals(64L << 20, parse("--min-free-space", "64m").minFreeSpaceBytes());
        assertEquals(2L << 30, parse("--min-free-space", "2GiB").minFreeSpaceBytes());
    }

    @Test
    void nonsenseIsRefusedNamingTheValue() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--min-free-space", "lots"));
        assertEquals(true, e.getMessage().contains("'lots' is not a size"), e.getMessage());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--min-free-space", "-1M"));
    }
}
