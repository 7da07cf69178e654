package org.parley.client.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    @Test
    void hundredThousandMessagesStaySmooth() throws Exception {
        ChatView view = (ChatView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .showView(ChatView.ID);
        ConversationTab tab = view.openConversation(ROOM, true);
        try {
            Table table = tab.table();
            long start = System.nanoTime();
            long slowestPage = 0;
            for (int end = TOTAL; end > 0; end -= ConversationTab.PAGE) {
                long pageStart = System.nanoTime();
                tab.showOlder(page(end - ConversationTab.PAGE, end));
                slowestPage = Math.max(slowestPage, System.nanoTime() - pageStart);
                pump();
            }
            long loadMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(TOTAL, table.getItemCount());

            long jumpStart = System.nanoTime();
            table.setTopIndex(TOTAL - 1);
            pump();
            assertEquals("message 99999", table.getItem(TOTAL - 1).getText(2));
            table.setTopIndex(TOTAL / 2);
            pump();
            assertEquals("message 50000", table.getItem(TOTAL / 2).getText(2));
            long jumpMillis = (System.nanoTime() - jumpStart) / 1_000_000;

            long liveStart = System.nanoTime();
            for (ChatMessage live : page(TOTAL, TOTAL + LIVE)) {
                tab.messageReceived(live);
                pump();
            }
            long liveMillis = (System.nanoTime() - liveStart) / 1_000_000;
            assertEquals(TOTAL + LIVE, table.getItemCount());
            assertEquals("message " + (TOTAL + LIVE - 1), table.getItem(TOTAL + LIVE - 1).getText(2));

            System.out.printf("100k history: loaded in %d ms (slowest page %d ms), jumps in %d ms, %d live messages"
                    + " in %d ms%n", loadMillis, slowestPage / 1_000_000, jumpMillis, LIVE, liveMillis);
            assertTrue(liveMillis / LIVE < 100, "a new message below 100,000 others shows at once: " + liveMillis
                    / LIVE + " ms each");
            // Averages, with a generous ceiling for one page: the build machine is shared and a GC may land anywhere.
            long pages = TOTAL / ConversationTab.PAGE;
            assertTrue(loadMillis / pages < 200, "a page of older messages shows at once: " + loadMillis / pages + " ms");
            assertTrue(slowestPage / 1_000_000 < 2000, "no page stalls the UI: " + slowestPage / 1_000_000 + " ms");
            assertTrue(jumpMillis < 1000, "jumping through 100,000 rows is immediate: " + jumpMillis + " ms");
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
