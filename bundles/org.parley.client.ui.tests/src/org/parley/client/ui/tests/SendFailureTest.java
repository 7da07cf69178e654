package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.protocol.Limits;

/**
 * Issue 13, problem 6: a message that cannot be sent says why in plain words. Before, a refused message showed
 * "failed: NO_SUCH_USER: ..." and "Double-click to send again"; an over-long one was cut to the input's limit and the
 * rest silently dropped (or, typed through the API, "Something went wrong: java.lang.IllegalArgumentException").
 */
class SendFailureTest extends ParleyUiTestBase {
    private static final int STATE = 3;
    /** ParleyWindowAdvisor's initial size (the rcp bundle's; these tests run without it). */
    private static final Point PRODUCT_WINDOW = new Point(1200, 750);
    private static final String GENERAL = Limits.GENERAL_ROOM;

    /**
     * The state column ("sending...", "Not sent: ...") sits right of the text; at the product's first window size it
     * used to start beyond the table's right edge, out of sight until the user scrolled sideways.
     */
    @Test
    void theStateColumnIsInViewAtTheWindowsFirstSize() throws Exception {
        Shell window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        Point before = window.getSize();
        try {
            window.setSize(PRODUCT_WINDOW);
            registerThroughUi("carol");
            chatView().openConversation(GENERAL, true);
            Table table = ui.waitFor(TestIds.CHAT_MESSAGES + GENERAL, Table.class);
            ui.waitUntil("every column ends inside the table", () -> table.getClientArea().width > 0
                    && rightEdge(table) <= table.getClientArea().width, UiRobot.TIMEOUT,
                    () -> "columns end at " + rightEdge(table) + " px, table " + table.getClientArea().width + " px wide");
        } finally {
            window.setSize(before);
        }
    }

    private static int rightEdge(Table table) {
        int edge = 0;
        for (TableColumn column : table.getColumns()) {
            edge += column.getWidth();
        }
        return edge;
    }

    @Test
    void aRefusedPrivateMessageNamesTheMissingUser() throws Exception {
        registerThroughUi("alice");
        String name = uniqueName("nobody");
        String nobody = "@" + name;
        chatView().openConversation(nobody, true);
        Text input = ui.waitFor(TestIds.CHAT_INPUT + nobody, Text.class);
        Table table = ui.find(TestIds.CHAT_MESSAGES + nobody, Table.class);

        input.setText("anyone there?");
        ui.enter(input, false);

        String expected = NLS.bind(Messages.Chat_Failed, NLS.bind(Messages.Failure_NoSuchUser, name));
        ui.waitUntil("the message is marked with the reason", () -> table.getItemCount() == 1
                && table.getItem(0).getText(STATE).equals(expected), UiRobot.TIMEOUT,
                () -> "rows=" + UiRobot.column(table, STATE) + " expected " + expected);
        assertFalse(table.getItem(0).getText(STATE).contains("NO_SUCH_USER"), "no protocol code shown");
        Label problem = ui.find(TestIds.CHAT_PROBLEM + nobody, Label.class);
        assertTrue(problem.getVisible(), "the reason also shows under the input, where the user is looking");
        assertEquals(expected + " " + Messages.Chat_FailedHint, problem.getText());
    }

    @Test
    void aMessageOverTheLimitIsStoppedBeforeSendingAndKept() throws Exception {
        registerThroughUi("alice");
        Text input = ui.waitFor(TestIds.CHAT_INPUT + GENERAL, Text.class);
        Label problem = ui.find(TestIds.CHAT_PROBLEM + GENERAL, Label.class);
        String tooLong = "x".repeat(Limits.MAX_TEXT_CHARS + 1);

        input.setText(tooLong);
        assertEquals(tooLong, input.getText(), "the input takes all of it: nothing is cut silently");
        ui.enter(input, false);

        assertTrue(problem.getVisible(), "the reason is shown under the input");
        assertEquals(NLS.bind(Messages.Chat_TooLong, String.format("%,d", Limits.MAX_TEXT_CHARS + 1),
                String.format("%,d", Limits.MAX_TEXT_CHARS)), problem.getText());
        assertEquals(tooLong, input.getText(), "the text stays for the user to shorten");
        assertTrue(client().outbox().isEmpty(), "nothing was queued");

        input.setText(tooLong.substring(1));
        assertFalse(problem.getVisible(), "short enough: the complaint goes");
        ui.enter(input, false);
        assertEquals("", input.getText(), "4,000 characters are sent");
        assertEquals(1, client().outbox().size());
    }
}
