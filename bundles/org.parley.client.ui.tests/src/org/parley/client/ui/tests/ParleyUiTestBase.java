package org.parley.client.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.client.ui.views.ChatView;
import org.parley.client.ui.views.ConversationsView;
import org.parley.client.ui.views.LoginDialog;
import org.parley.client.ui.views.OnlineUsersView;
import org.parley.testing.ServerFixture;

/**
 * One real server per test class; the workbench's own client (the one the views use) logs in through the login
 * dialog. Every test ends logged out with its headless people gone and the dialog closed, so the next one starts
 * from a clean window.
 */
abstract class ParleyUiTestBase {

    static final String PASSWORD = "correct-horse-42";
    private static final AtomicInteger NAMES = new AtomicInteger();

    static Path tmp;
    static ServerFixture server;
    static TrustResponder trust;

    final UiRobot ui = new UiRobot();
    final List<HeadlessUser> people = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        tmp = Files.createTempDirectory("parley-ui-test");
        server = ServerFixture.start(tmp.resolve("server"));
        // A port may be reused by a later server with another certificate: start each class as a new server.
        client().forgetServer(server.address());
        trust = TrustResponder.install(Display.getCurrent());
    }

    @AfterAll
    static void stopServer() throws Exception {
        trust.stop();
        server.close();
    }

    @BeforeEach
    void showViews() throws PartInitException {
        page().showView(ChatView.ID);
        page().showView(OnlineUsersView.ID);
        page().showView(ConversationsView.ID);
        openLoginDialog();
    }

    @AfterEach
    void logOutAndReset() {
        people.forEach(HeadlessUser::close);
        people.clear();
        client().logout();
        ui.waitUntil("the UI client is logged out", () -> client().state() == ConnectionState.OFFLINE);
        ui.waitUntil("the chat tabs are closed", () -> chatView().tabs().isEmpty());
        trust.accept(true);
        LoginDialog.current().ifPresent(LoginDialog::close);
    }

    /** The login dialog, as Parley > Log In... opens it (the open one if there is one). */
    static LoginDialog openLoginDialog() {
        return LoginDialog.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell());
    }

    /** The workbench's client: the core's service, as the views get it (waiting for DS to offer it, bounded). */
    static ParleyClient client() {
        new UiRobot().waitUntil("the core offers the workbench's client", () -> WorkbenchClient.current().isPresent());
        return WorkbenchClient.current().orElseThrow();
    }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    static ChatView chatView() {
        return (ChatView) page().findView(ChatView.ID);
    }

    /** Usernames unique per run: the server's per-account login throttle must never see one twice too often. */
    static String uniqueName(String prefix) {
        return prefix + NAMES.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** Another person, registered and online through a headless client. */
    HeadlessUser person(String prefix) throws Exception {
        String name = uniqueName(prefix);
        HeadlessUser user = HeadlessUser.register(server.address(), name, PASSWORD, tmp.resolve("people").resolve(name));
        people.add(user);
        return user;
    }

    /** An account that exists on the server but is not logged in anywhere. */
    String account(String prefix) throws Exception {
        try (HeadlessUser user = HeadlessUser.register(server.address(), uniqueName(prefix), PASSWORD,
                tmp.resolve("accounts").resolve(prefix + NAMES.incrementAndGet()))) {
            user.client.logout().get(10, TimeUnit.SECONDS);
            return user.name;
        }
    }

    void fillLogin(String user, String password) {
        openLoginDialog();
        ui.type(TestIds.LOGIN_HOST, server.address().host());
        ui.type(TestIds.LOGIN_PORT, Integer.toString(server.address().port()));
        ui.type(TestIds.LOGIN_USERNAME, user);
        ui.type(TestIds.LOGIN_PASSWORD, password);
    }

    /** Logs the UI in through the login dialog, as a user would, and waits until it is online. */
    void logInThroughUi(String user) {
        fillLogin(user, PASSWORD);
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
        waitUntilLoggedIn(user);
    }

    /** Online as {@code user}, and the login dialog has taken the login's answer: it got out of the way. */
    void waitUntilLoggedIn(String user) {
        ui.waitUntil("the UI is online as " + user + " and the login dialog closed",
                () -> client().state() == ConnectionState.ONLINE && user.equals(client().user().orElse(null))
                        && LoginDialog.current().isEmpty(),
                UiRobot.TIMEOUT, () -> LoginDialog.current().map(d -> "; the dialog says "
                        + label(TestIds.LOGIN_INFO).getText() + " / " + label(TestIds.LOGIN_ERROR).getText())
                        .orElse("; state " + client().state()));
    }

    /** Registers a fresh account through the login dialog (which then logs in) and returns its name. */
    String registerThroughUi(String prefix) {
        String user = uniqueName(prefix);
        fillLogin(user, PASSWORD);
        ui.click(ui.find(TestIds.LOGIN_REGISTER, Button.class));
        waitUntilLoggedIn(user);
        return user;
    }

    Label label(String id) {
        return ui.find(id, Label.class);
    }
}
