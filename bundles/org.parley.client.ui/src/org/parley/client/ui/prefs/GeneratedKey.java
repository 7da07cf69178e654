package org.parley.client.ui.prefs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The master password Parley generates for its credential store where no desktop keyring runs: 32 random bytes,
 * Base64, in a file only its owner may read (0600). Made once per user (the file lives in the user's Parley folder)
 * and never replaced: it is written to a uniquely named temporary file, forced to disk, then hard-linked to its
 * name, which fails if the name exists. So a crash mid-write leaves at most a stray temporary file, never a short
 * key, and of two processes creating it at once the second reads the first one's key instead of replacing it.
 */
final class GeneratedKey {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int BYTES = 32;
    private static final int ENCODED_LENGTH = 44;

    private GeneratedKey() {
    }

    /** The key in {@code file}, made first if there is none. */
    static char[] readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        return read(file);
    }

    private static void create(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            byte[] random = new byte[BYTES];
            new SecureRandom().nextBytes(random);
            byte[] text = (Base64.getEncoder().encodeToString(random) + "\n").getBytes(StandardCharsets.US_ASCII);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text));
                channel.force(true);
            }
            try {
                Files.createLink(file, temp);
                forceFolder(folder);
            } catch (FileAlreadyExistsException e) {
                // Another Parley of this user made it first: its key is the one, ours was never used.
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static char[] read(Path file) throws IOException {
        if (!OWNER_ONLY.equals(Files.getPosixFilePermissions(file))) {
            // Copied around or restored from a backup with other modes: the key is only as safe as the file.
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (text.length() != ENCODED_LENGTH) {
            throw new IOException(file + " holds " + text.length() + " characters, not a key of " + ENCODED_LENGTH
                    + "; delete it to have a new one made (remembered passwords are then forgotten)");
        }
        return text.toCharArray();
    }

    /** The new name is durable only once the folder's entry is on disk. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a folder; the file's own content is already on disk.
        }
    }
}
