package org.parley.server.cli;

import java.util.Locale;

import org.parley.server.ServerConfig;

import picocli.CommandLine.Option;

/** Storage options; unset ones keep the defaults of {@link ServerConfig}. */
final class StorageOptions {
    @Option(names = "--min-free-space", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Refuse new messages, accounts and rooms while the data directory's file system has less"
                    + " free, e.g. 64M, 1G; 0 turns it off (default: 64M).")
    Long minFreeSpace;

    ServerConfig applyTo(ServerConfig config) {
        if (minFreeSpace != null) {
            config.minFreeSpaceBytes(minFreeSpace);
        }
        return config;
    }

    /** A byte count with an optional binary suffix: 512K, 64M, 1G (also KiB/MiB/GiB; case-insensitive). */
    static final class ByteSize implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().toUpperCase(Locale.ROOT).replaceFirst("I?B$", "");
            int shift = v.endsWith("K") ? 10 : v.endsWith("M") ? 20 : v.endsWith("G") ? 30 : v.endsWith("T") ? 40 : 0;
            String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
            long number;
            try {
                number = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a size such as 64M or 1G");
            }
            if (number < 0 || number > (Long.MAX_VALUE >> shift)) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is out of range");
            }
            return number << shift;
        }
    }
}
