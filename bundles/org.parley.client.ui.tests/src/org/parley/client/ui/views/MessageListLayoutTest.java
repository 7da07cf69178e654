package org.parley.client.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.internal.Messages;
import org.parley.protocol.ChatMessage;

/**
 * How a conversation reads, on a real tab with history of several days (made here, so the days are known): the
 * first message of each day says "Today", "Yesterday" or the date, a sender's run within five minutes names them
 * once, and web links in the selected message are links that open on a click.
 */
class MessageListLayoutTest {

    private static final String ROOM = "#layout";
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 12);
    private static final int TIME = 0;
    private static final int FROM = 1;

    @AfterEach
    void realClock() {
        MessageGroups.clock = Clock.systemDefaultZone();
    }

    @Test
    void daysAreSeparatedAndASendersRunNamesThemOnce() throws Exception {
        MessageGroups.clock = Clock.fixed(TODAY.atTime(12, 0).atZone(ZONE).toInstant(), ZONE);
        ChatView view = (ChatView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .showView(ChatView.ID);
        ConversationTab tab = view.openConversation(ROOM, true);
        try {
            List<ChatMessage> page = new ArrayList<>();
            page.add(message(1, "carol", TODAY.minusDays(3), 9, 0, "three days ago"));
            page.add(message(2, "bob", TODAY.minusDays(1), 10, 0, "yesterday"));
            page.add(message(3, "bob", TODAY.minusDays(1), 10, 3, "three minutes later"));
            page.add(message(4, "bob", TODAY.minusDays(1), 10, 20, "twenty minutes later"));
            page.add(message(5, "bob", TODAY, 9, 0, "today: https://example.com/a?b=1. and `code`"));
            tab.showOlder(page);
            pump();
            Table table = tab.table();

            String longAgo = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).format(TODAY.minusDays(3));
            assertTrue(table.getItem(0).getText(TIME).startsWith(longAgo + ", "), table.getItem(0).getText(TIME));
            assertTrue(table.getItem(1).getText(TIME).startsWith(Messages.Chat_Yesterday + ", "));
            assertTrue(!table.getItem(2).getText(TIME).contains(","), "not the first of its day: the time only");
            assertTrue(table.getItem(4).getText(TIME).startsWith(Messages.Chat_Today + ", "));

            assertEquals("bob", table.getItem(1).getText(FROM));
            assertEquals("", table.getItem(2).getText(FROM), "three minutes later: the same group");
            assertEquals("bob", table.getItem(3).getText(FROM), "twenty minutes later: a new group");
            assertEquals("bob", table.getItem(4).getText(FROM), "a new day: a new group");

            // The selected message in full: the web link is a link, without the sentence's full stop, and opens.
            table.setSelection(4);
            Event select = new Event();
            select.item = table.getItem(4);
            table.notifyListeners(SWT.Selection, select);
            StyledText detail = tab.detail();
            String text = detail.getText();
            int link = text.indexOf("https://");
            StyleRange range = detail.getStyleRangeAtOffset(link + 3);
            assertNotNull(range);
            assertEquals(SWT.UNDERLINE_LINK, range.underlineStyle);
            assertEquals("https://example.com/a?b=1", range.data);
            assertNull(detail.getStyleRangeAtOffset(text.indexOf(". and") + 1), "the full stop is not part of it");
            assertEquals(JFaceResources.getTextFont(), detail.getStyleRangeAtOffset(text.indexOf("`code`") + 1).font);

            List<String> opened = new ArrayList<>();
            tab.setLinkOpener(opened::add);
            Point at = detail.getLocationAtOffset(link + 3);
            Event click = new Event();
            click.button = 1;
            click.x = at.x + 1;
            click.y = at.y + 1;
            detail.notifyListeners(SWT.MouseUp, click);
            assertEquals(List.of("https://example.com/a?b=1"), opened);
        } finally {
            view.closeConversation(ROOM);
        }
    }

    private static ChatMessage message(long id, String from, LocalDate day, int hour, int minute, String text) {
        return new ChatMessage(id, from, ROOM, text, LocalDateTime.of(day, java.time.LocalTime.of(hour, minute))
                .atZone(ZONE).toInstant());
    }

    private static void pump() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // let the table fill in its rows
        }
    }
}
