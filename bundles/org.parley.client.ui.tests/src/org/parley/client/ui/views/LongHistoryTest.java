package org.parley.client.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;

/**
 * A conversation with 100,000 messages stays smooth: history arrives in pages of 200 (as scrolling up fetches it)
 * and the virtual table only ever materialises the rows on screen.
 */
class LongHistoryTest {

    private static final int TOTAL = 100_000;
    private static final int LIVE = 200;
    private static final String ROOM = "#long-history";

    /**
     * What keeps 100,000 rows smooth is that the table is virtual: rows are filled in only when they come on screen.
     * That is asserted by counting the rows the table asks to have filled ({@code SWT.SetData}); how long things take
     * is printed for people, not asserted (speed goals live in releng/bench, and a shared build machine makes any
     * time bound a coin toss).
     */
    @Test
    void hundredThousandMessagesStaySmooth() throws Exception {
        ChatView view = (ChatView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .showView(ChatView.ID);
        ConversationTab tab = view.openConversation(ROOM, true);
        try {
            Table table = tab.table();
            assertTrue((table.getStyle() & SWT.VIRTUAL) != 0, "the conversation table is virtual");
            int[] filled = {0};
            table.addListener(SWT.SetData, e -> filled[0]++);

            long start = System.nanoTime();
            int pages = 0;
            int mostFilledByOnePage = 0;
            for (int end = TOTAL; end > 0; end -= HistoryLoader.PAGE) {
                int before = filled[0];
                tab.showOlder(page(end - HistoryLoader.PAGE, end));
                pump();
                pages++;
                mostFilledByOnePage = Math.max(mostFilledByOnePage, filled[0] - before);
            }
            long loadMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(TOTAL, table.getItemCount());
            assertTrue(filled[0] > 0, "the rows on screen were filled in");
            // A screenful is a few dozen rows; filling a whole page of history (200) or everything would not be virtual.
            assertTrue(mostFilledByOnePage < HistoryLoader.PAGE,
                    "a page of older messages fills in only the rows on screen: " + mostFilledByOnePage + " rows");

            long jumpStart = System.nanoTime();
            int beforeJumps = filled[0];
            table.setTopIndex(TOTAL - 1);
            pump();
            assertEquals("message 99999", table.getItem(TOTAL - 1).getText(2));
            table.setTopIndex(TOTAL / 2);
            pump();
            assertEquals("message 50000", table.getItem(TOTAL / 2).getText(2));
            long jumpMillis = (System.nanoTime() - jumpStart) / 1_000_000;
            assertTrue(filled[0] - beforeJumps < 2 * HistoryLoader.PAGE,
                    "jumping through 100,000 rows fills in two screenfuls, not the rows in between: " + (filled[0] - beforeJumps));

            long liveStart = System.nanoTime();
            for (ChatMessage live : page(TOTAL, TOTAL + LIVE)) {
                tab.messageReceived(live);
                pump();
            }
            long liveMillis = (System.nanoTime() - liveStart) / 1_000_000;
            assertEquals(TOTAL + LIVE, table.getItemCount());
            assertEquals("message " + (TOTAL + LIVE - 1), table.getItem(TOTAL + LIVE - 1).getText(2));

            System.out.printf("100k history: %d pages loaded in %d ms, %d rows filled in (at most %d for one page),"
                    + " jumps in %d ms, %d live messages in %d ms%n", pages, loadMillis, filled[0], mostFilledByOnePage,
                    jumpMillis, LIVE, liveMillis);
        } finally {
            view.closeConversation(ROOM);
        }
    }

    private static List<ChatMessage> page(int fromId, int toId) {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        List<ChatMessage> page = new ArrayList<>();
        for (int id = Math.max(0, fromId); id < toId; id++) {
            page.add(new ChatMessage(id, "user" + id % 7, ROOM, "message " + id, base.plusSeconds(id)));
        }
        return page;
    }

    private static void pump() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // Drain pending paints and SetData requests, as a user's idle UI would.
        }
    }
}
