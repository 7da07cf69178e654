package org.parley.rcp;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import org.eclipse.osgi.service.datalocation.Location;

/**
 * One Parley process per workspace (the instance location, {@code ~/.parley/workspace} by default): the workbench
 * keeps its layout and preferences there and would silently overwrite another process's. The IDE's launcher does the
 * same check (IDEApplication); an RCP application must lock the location itself.
 */
final class WorkspaceLock {
    private WorkspaceLock() {
    }

    /** True if this process now holds the workspace (or there is none to hold). */
    static boolean acquire(Location workspace) throws IOException {
        return workspace == null || !workspace.isSet() || workspace.lock();
    }

    static String describe(Location workspace) {
        try {
            return Path.of(workspace.getURL().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return workspace.getURL().toString();
        }
    }
}
