package org.parley.client.core;

import java.nio.file.Path;

/**
 * Where a user's Parley client state lives: {@code ~/.parley} (the JVM's {@code user.home}), or the directory named
 * by the system property {@value #PROPERTY} (tests, or a user who wants it elsewhere). Per user, never in the install
 * folder, so two clients started from one unpacked product share nothing but this folder, and it is written so that
 * two processes never lose each other's entries (see {@code docs/client-ui.md}, "How client state is stored").
 */
public final class ParleyHome {
    /** Overrides the default {@code ~/.parley}. */
    public static final String PROPERTY = "parley.client.stateDir";
    /** The folder name under the user's home. */
    public static final String FOLDER = ".parley";

    private ParleyHome() {
    }

    public static Path directory() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), FOLDER);
    }
}
