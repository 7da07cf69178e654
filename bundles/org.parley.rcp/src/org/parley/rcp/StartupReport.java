package org.parley.rcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.ILog;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.parley.client.ui.views.LoginDialog;

/**
 * Writes what the first window shows (title, whether the login dialog is open, perspective, visible views) to the file named by the system property
 * {@value #PROPERTY}, so the packaged product can be smoke-tested from a script without a UI robot.
 */
final class StartupReport {

    static final String PROPERTY = "parley.startupReport";

    private StartupReport() {
    }

    static void writeIfRequested(IWorkbench workbench) {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isBlank()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
        if (window != null) {
            lines.add("title=" + window.getShell().getText());
            lines.add("loginDialog=" + LoginDialog.current().isPresent());
            IWorkbenchPage page = window.getActivePage();
            if (page != null) {
                lines.add("perspective=" + page.getPerspective().getId());
                for (IViewReference view : page.getViewReferences()) {
                    IViewPart part = view.getView(false);
                    if (part != null && page.isPartVisible(part)) {
                        lines.add("view=" + view.getId());
                    }
                }
            }
        }
        try {
            Files.write(Path.of(target), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            ILog.of(StartupReport.class).error("cannot write the startup report to " + target, e);
        }
    }
}
