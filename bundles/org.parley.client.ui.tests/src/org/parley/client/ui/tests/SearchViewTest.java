package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.parley.client.core.OutboxEntry;
import org.parley.client.ui.handlers.SearchHandler;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.views.ConversationTab;
import org.parley.client.ui.views.SearchView;
import org.parley.protocol.Limits;

/**
 * The Search view against a real server: results newest first, older pages on request, and a result opening its
 * conversation at the message, loading older history until it is there; plain-words errors.
 */
class SearchViewTest extends ParleyUiTestBase {

    private static final int CONVERSATION = 0;
    private static final int FROM = 1;
    private static final int TIME = 2;
    private static final int TEXT = 3;
    /** More than the first page a newly opened tab loads, so the oldest match is not loaded when it is selected. */
    private static final int FILLER = Limits.DEFAULT_HISTORY_LIMIT + 10;

    @Test
    void aResultOpensItsConversationAtTheMessageLoadingOlderHistory() throws Exception {
        registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        String room = "#search" + System.nanoTime() % 100000;
        bob.client.join(room).get(30, TimeUnit.SECONDS);
        client().join(room).get(30, TimeUnit.SECONDS);
        bob.client.send(room, "The Release notes are in the wiki");
        for (int i = 0; i < FILLER; i++) {
            bob.client.send(room, "filler " + i + ": releases, noted");
        }
        for (int i = 0; i < SearchView.PAGE; i++) {
            bob.client.send(room, "release notes draft " + i);
        }
        ui.waitUntil("bob's messages are stored", () -> bob.client.outbox().stream()
                .allMatch(e -> e.status() == OutboxEntry.Status.SENT), java.time.Duration.ofSeconds(90));
        // The room's tab filled up live; closed, it reopens with only its newest page.
        ui.waitUntil("the room's tab is open", () -> chatView().tabs().containsKey(room));
        chatView().closeConversation(room);

        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class)
                .executeCommand(SearchHandler.COMMAND, null);
        Text query = ui.waitFor(TestIds.SEARCH_QUERY, Text.class);
        query.setText("release NOTES");
        query.notifyListeners(SWT.DefaultSelection, new Event());

        Table results = ui.find(TestIds.SEARCH_RESULTS, Table.class);
        Button more = ui.find(TestIds.SEARCH_MORE, Button.class);
        ui.waitUntil("a first page of results", () -> results.getItemCount() == SearchView.PAGE && more.isEnabled(),
                UiRobot.TIMEOUT, () -> "status: " + UiRobot.text(ui.find(TestIds.SEARCH_STATUS,
                        org.eclipse.swt.widgets.Label.class)));
        assertEquals("release notes draft " + (SearchView.PAGE - 1), results.getItem(0).getText(TEXT), "newest first");
        assertEquals(room, results.getItem(0).getText(CONVERSATION));
        assertEquals(bob.name, results.getItem(0).getText(FROM));

        ui.click(more);
        ui.waitUntil("the older match is listed", () -> results.getItemCount() == SearchView.PAGE + 1);
        assertFalse(more.isEnabled(), "no older matches");
        int oldest = SearchView.PAGE;
        assertEquals("The Release notes are in the wiki", results.getItem(oldest).getText(TEXT));
        long id = ((org.parley.client.core.SearchPage.Result) results.getItem(oldest).getData()).message().id();

        results.setSelection(oldest);
        results.notifyListeners(SWT.Selection, itemEvent(results, oldest));

        ui.waitUntil("the room's tab shows the message selected", () -> {
            ConversationTab tab = chatView().tabs().get(room);
            return tab != null && Long.valueOf(id).equals(tab.selectedId());
        }, UiRobot.TIMEOUT, () -> "tabs: " + chatView().tabs().keySet());
        ConversationTab tab = chatView().tabs().get(room);
        CTabFolder folder = ui.find(TestIds.CHAT_FOLDER, CTabFolder.class);
        assertEquals(TestIds.CHAT_TAB + room, folder.getSelection().getData(TestIds.KEY), "the room's tab is in front");
        Table messages = tab.table();
        int row = messages.getSelectionIndex();
        assertTrue(messages.getItemCount() > Limits.DEFAULT_HISTORY_LIMIT, "older history was loaded");
        int visible = messages.getClientArea().height / messages.getItemHeight();
        assertTrue(row >= messages.getTopIndex() && row < messages.getTopIndex() + Math.max(1, visible),
                "the message is on screen: row " + row + ", top " + messages.getTopIndex());
        assertEquals("The Release notes are in the wiki", tab.detail().getText(), "and shown in full below");
    }

    @Test
    void problemsAreSaidInPlainWords() {
        SearchView view = showSearch();
        org.eclipse.swt.widgets.Label status = ui.find(TestIds.SEARCH_STATUS, org.eclipse.swt.widgets.Label.class);

        search(view, "deploy");
        assertEquals(Messages.Search_NotConnected, status.getText(), "logged out");

        registerThroughUi("carol");
        search(view, "\"*\" -- ()");
        assertEquals(Messages.Search_NoWords, status.getText(), "no word to search for");

        search(view, "a".repeat(Limits.MAX_SEARCH_QUERY_CHARS + 1));
        assertEquals(NLS.bind(Messages.Search_TooLong, Limits.MAX_SEARCH_QUERY_CHARS + 1,
                Limits.MAX_SEARCH_QUERY_CHARS), status.getText());

        search(view, "nothing-matches-this-" + System.nanoTime());
        ui.waitUntil("the server's empty answer is shown", () -> status.getText().startsWith(
                NLS.bind(Messages.Search_None, "").strip()), UiRobot.TIMEOUT, () -> "status: " + status.getText());
        assertEquals(0, ui.find(TestIds.SEARCH_RESULTS, Table.class).getItemCount());
    }

    @Test
    void aSingleMatchIsCountedInTheSingular() {
        SearchView view = showSearch();
        String word = oneStoredMatch("dora");
        org.eclipse.swt.widgets.Label status = ui.find(TestIds.SEARCH_STATUS, org.eclipse.swt.widgets.Label.class);

        search(view, word);
        ui.waitUntil("one match is counted", () -> ui.find(TestIds.SEARCH_RESULTS, Table.class).getItemCount() == 1
                && !status.getText().equals(Messages.Search_Searching), UiRobot.TIMEOUT,
                () -> "status: " + status.getText());
        assertEquals("1 message found, newest first.", status.getText());
    }

    @Test
    void aResultsTimeIsShownWhole() {
        SearchView view = showSearch();
        String word = oneStoredMatch("erin");
        Table results = ui.find(TestIds.SEARCH_RESULTS, Table.class);

        search(view, word);
        ui.waitUntil("the match is listed", () -> results.getItemCount() == 1);
        // The date, the time and AM/PM in full: the column is as wide as the text, plus the cell's margins.
        GC gc = new GC(results);
        int text = gc.textExtent(results.getItem(0).getText(TIME)).x;
        gc.dispose();
        assertTrue(results.getColumn(TIME).getWidth() >= text + 12,
                "column " + results.getColumn(TIME).getWidth() + " px, text " + text + " px");
    }

    /** Registers {@code user}, who says a word nobody else has said; returns it once the server has stored it. */
    private String oneStoredMatch(String user) {
        registerThroughUi(user);
        String word = "once" + System.nanoTime();
        client().send(Limits.GENERAL_ROOM, "said " + word + " here");
        ui.waitUntil("the message is stored", () -> client().outbox().stream()
                .allMatch(e -> e.status() == OutboxEntry.Status.SENT));
        return word;
    }

    private SearchView showSearch() {
        try {
            return (SearchView) page().showView(SearchView.ID);
        } catch (org.eclipse.ui.PartInitException e) {
            throw new AssertionError(e);
        }
    }

    private void search(SearchView view, String text) {
        view.query().setText(text);
        ui.click(ui.find(TestIds.SEARCH_BUTTON, Button.class));
    }

    private static Event itemEvent(Table table, int row) {
        Event event = new Event();
        event.item = table.getItem(row);
        return event;
    }
}
