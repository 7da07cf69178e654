package org.parley.server.util;

import java.io.IOException;
import java.nio.file.FileSystemException;

/** Operator-facing text for a failed file operation. */
public final class FileErrors {

    private FileErrors() {
    }

    /** The JDK's file exceptions carry the path as their message and the reason ("Not a directory") apart. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
