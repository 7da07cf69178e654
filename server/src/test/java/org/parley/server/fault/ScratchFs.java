package org.parley.server.fault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of the test's own, mounted under a temp directory, that the test can fill, break and free:
 * a tmpfs, or ext4 on a loop device (for what tmpfs cannot do: refuse writes to an open file, fail reads).
 * Mounting needs root (CI runs as root); without it the test fails with a line saying so instead of skipping.
 * {@link #close} always unmounts (lazily, so a server process still holding files cannot keep it mounted).
 */
final class ScratchFs implements AutoCloseable {
    private static final long COMMAND_SECONDS = 30;
    private static final int BLOCK = 4096;

    private final Path mountPoint;
    private final Path image;
    private String loopDevice;
    private boolean mounted;
    private long cutAt;

    private ScratchFs(Path mountPoint, Path image) {
        this.mountPoint = mountPoint;
        this.image = image;
    }

    /** A tmpfs of {@code bytes} at {@code dir/fs}. */
    static ScratchFs tmpfs(Path dir, long bytes) throws IOException {
        ScratchFs fs = new ScratchFs(Files.createDirectories(dir.resolve("fs")), null);
        fs.mounted = true;
        try {
            run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", fs.mountPoint.toString());
        } catch (IOException e) {
            fs.mounted = false;
            throw needsRoot(e);
        }
        return fs;
    }

    /** ext4 without a journal (so every block of it is a file's or the few metadata blocks at its start) on a loop device. */
    static ScratchFs ext4(Path dir, long bytes) throws IOException {
        ScratchFs fs = new ScratchFs(Files.createDirectories(dir.resolve("fs")), dir.resolve("fs.img"));
        try (var file = new java.io.RandomAccessFile(fs.image.toFile(), "rw")) {
            file.setLength(bytes);
        }
        try {
            run("mkfs.ext4", "-q", "-F", "-b", String.valueOf(BLOCK), "-O", "^has_journal", fs.image.toString());
            fs.loopDevice = run("losetup", "--find", "--show", fs.image.toString()).trim();
            fs.mounted = true;
            run("mount", fs.loopDevice, fs.mountPoint.toString());
        } catch (IOException e) {
            fs.close();
            throw needsRoot(e);
        }
        return fs;
    }

    private static IOException needsRoot(IOException e) {
        return new IOException("the fault tests mount a small file system of their own and need root for it"
                + " (CI runs as root); run them as root: " + e.getMessage(), e);
    }

    Path root() {
        return mountPoint;
    }

    /** Fills the file system with a file of zeros until it is full (ENOSPC). Returns the file. */
    Path fill() throws IOException {
        Path filler = mountPoint.resolve("filler");
        byte[] chunk = new byte[BLOCK];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return filler;
    }

    /** Fills the file system so that about {@code leaveBytes} stay free. */
    Path fillLeaving(long leaveBytes) throws IOException {
        Path filler = mountPoint.resolve("filler");
        long size = Math.max(0, Files.getFileStore(mountPoint).getUsableSpace() - leaveBytes);
        byte[] chunk = new byte[BLOCK];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk);
            }
        }
        return filler;
    }

    long usableSpace() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** Makes a file immutable (chattr +i): even root's writes to an already open descriptor fail (ext4). */
    void makeImmutable(Path file, boolean immutable) throws IOException {
        run("chattr", immutable ? "+i" : "-i", file.toString());
    }

    /** The first and last physical block of a file, from filefrag. */
    long[] physicalBlocks(Path file) throws IOException {
        long first = Long.MAX_VALUE;
        long last = -1;
        for (String line : run("filefrag", "-e", "-b" + BLOCK, file.toString()).split("\n")) {
            String[] cols = line.trim().split("[:.\\s]+");
            // "   0:        0..     976:       1549..      2525:    977: ..." -> 0 0 976 1549 2525 977
            if (cols.length >= 5 && cols[0].matches("\\d+") && cols[3].matches("\\d+") && cols[4].matches("\\d+")) {
                first = Math.min(first, Long.parseLong(cols[3]));
                last = Math.max(last, Long.parseLong(cols[4]));
            }
        }
        if (last < 0) {
            throw new IOException("filefrag found no blocks of " + file);
        }
        return new long[] {first, last};
    }

    /**
     * Shrinks the loop device to {@code blocks} blocks: every read or write of a block past that fails with EIO, as a
     * dying disk's would. The page cache of {@code cached} is dropped first, so reads reach the device. What is cut
     * off is kept aside for {@link #repair}.
     */
    void failBlocksFrom(long blocks, Path... cached) throws IOException {
        for (Path file : cached) {
            run("dd", "if=" + file, "iflag=nocache", "count=0", "status=none");
        }
        long cut = blocks * BLOCK;
        Path tail = image.resolveSibling(image.getFileName() + ".tail");
        try (var in = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE);
             var out = java.nio.channels.FileChannel.open(tail, java.nio.file.StandardOpenOption.CREATE,
                     java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = in.size();
            for (long done = 0; done < size - cut; ) {
                done += in.transferTo(cut + done, size - cut - done, out);
            }
            in.truncate(cut);
        }
        run("losetup", "--set-capacity", loopDevice);
        cutAt = cut;
    }

    /** Puts back what {@link #failBlocksFrom} cut off: the device reads and writes as before. */
    void repair() throws IOException {
        Path tail = image.resolveSibling(image.getFileName() + ".tail");
        try (var out = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE);
             var in = java.nio.channels.FileChannel.open(tail, java.nio.file.StandardOpenOption.READ)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                done += in.transferTo(done, size - done, out.position(cutAt + done));
            }
            out.force(true);
        }
        Files.delete(tail);
        run("losetup", "--set-capacity", loopDevice);
    }

    @Override
    public void close() throws IOException {
        List<String> problems = new ArrayList<>();
        if (mounted) {
            try {
                run("umount", "-l", mountPoint.toString());
                mounted = false;
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (loopDevice != null) {
            try {
                run("losetup", "-d", loopDevice);
                loopDevice = null;
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (image != null) {
            Files.deleteIfExists(image);
            Files.deleteIfExists(image.resolveSibling(image.getFileName() + ".tail"));
        }
        if (!problems.isEmpty()) {
            throw new IOException("cleaning up " + mountPoint + ": " + problems);
        }
    }

    /** Runs a command, bounded in time; returns its output, or fails with it. */
    static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + COMMAND_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output.trim());
        }
        return output;
    }
}
