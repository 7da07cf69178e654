package org.parley.ide.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.ILog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Writes what an Eclipse IDE with Parley installed shows and runs (window title, perspective, visible views, and the
 * state and location of the Parley bundles and their libraries) to the file named by the system property
 * {@value #PROPERTY}, so the install tests can check a real IDE from a script. Parley's own application writes a
 * similar report, but an IDE does not run it.
 */
public final class InstallReport implements IStartup {

    static final String PROPERTY = "parley.installReport";

    /** The libraries the Parley feature brings along, whose absence would only show when a view is used. */
    private static final Set<String> LIBRARIES = Set.of("org.apache.mina.core", "com.google.gson", "slf4j.api");

    /** Early startup can run before the first window has its page; the views need a few event loops more. */
    private static final int ATTEMPTS = 120;
    private static final int RETRY_MILLIS = 500;

    @Override
    public void earlyStartup() {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isBlank()) {
            return;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> writeWhenShowing(display, Path.of(target), ATTEMPTS));
    }

    private void writeWhenShowing(Display display, Path target, int attemptsLeft) {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        boolean showing = window != null && window.getActivePage() != null
                && window.getActivePage().getPerspective() != null;
        if (!showing && attemptsLeft > 0) {
            display.timerExec(RETRY_MILLIS, () -> writeWhenShowing(display, target, attemptsLeft - 1));
            return;
        }
        write(target, describe(window));
    }

    private List<String> describe(IWorkbenchWindow window) {
        List<String> lines = new ArrayList<>();
        if (window != null) {
            lines.add("title=" + window.getShell().getText());
            IWorkbenchPage page = window.getActivePage();
            if (page != null && page.getPerspective() != null) {
                lines.add("perspective=" + page.getPerspective().getId());
                for (IViewReference view : page.getViewReferences()) {
                    IViewPart part = view.getView(false);
                    if (part != null && page.isPartVisible(part)) {
                        lines.add("view=" + view.getId());
                    }
                }
            }
        }
        Bundle self = FrameworkUtil.getBundle(InstallReport.class);
        for (Bundle bundle : self.getBundleContext().getBundles()) {
            String name = bundle.getSymbolicName();
            if (bundle != self && name != null && (name.startsWith("org.parley.") || LIBRARIES.contains(name))) {
                lines.add("bundle=" + name + " " + state(bundle) + " " + bundle.getLocation());
            }
        }
        return lines;
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

    /** The test polls for the file, so it must never see it half written. */
    private static void write(Path target, List<String> lines) {
        try {
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.write(partial, lines, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            ILog.of(InstallReport.class).error("cannot write the install report to " + target, e);
        }
    }
}
