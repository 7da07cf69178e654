package org.parley.client.ui.views;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.CellLabelProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnPixelData;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.parley.client.core.OutboxEntry;
import org.parley.client.ui.internal.Messages;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Mentions;

/**
 * The four columns of a conversation: time, sender, text, and the outbox mark of the user's unsent messages. Rows
 * read as a conversation: the sender is named once per group ({@link MessageGroups}), the first row of a day says
 * which day under a separator line, the user's own messages and the messages mentioning the user have their own
 * background. Everything is computed per row on screen, from the row and the one before it, so the table stays
 * virtual.
 */
final class MessageColumns {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT);
    /** The text column's width when the view is narrow (the table scrolls sideways below it). */
    private static final int TEXT_MIN_WIDTH = 240;
    /** A message mentioning the user: warm, like a highlighter, and distinct from the user's own. */
    static final Color MENTION_BACKGROUND = new Color(255, 236, 179);
    /** The user's own messages: a quiet blue-grey. */
    static final Color OWN_BACKGROUND = new Color(232, 238, 247);

    private MessageColumns() {
    }

    /**
     * @param self who "I" am, for the sender column of messages still in the outbox, own rows and mentions
     * @param rows the rows, for the row before each one
     */
    static void create(TableViewer viewer, Supplier<String> self, MessageRows rows, TableColumnLayout layout) {
        Function<Object, String> hover = row -> messageTooltip(row, self.get());
        fixed(layout, column(viewer, Messages.Chat_Column_Time, 150, row -> time(rows.previous(row), row), hover, self));
        fixed(layout, column(viewer, Messages.Chat_Column_From, 110,
                row -> MessageGroups.continues(rows.previous(row), row, self.get()) ? "" : MessageText.from(row, self.get()),
                hover, self));
        // The text takes what the others leave, so the state column stays in view at any width the view has.
        layout.setColumnData(column(viewer, Messages.Chat_Column_Text, TEXT_MIN_WIDTH,
                row -> MessageText.row(MessageText.text(row)), hover, self), new ColumnWeightData(1, TEXT_MIN_WIDTH));
        fixed(layout, column(viewer, Messages.Chat_Column_State, 120, MessageColumns::mark, hover, self));
        daySeparators(viewer.getTable(), rows);
    }

    /** The column keeps its width (the user may still drag it). */
    private static void fixed(TableColumnLayout layout, TableColumn column) {
        layout.setColumnData(column, new ColumnPixelData(column.getWidth(), true));
    }

    static String mark(Object row) {
        return row instanceof OutboxEntry entry ? OutboxText.mark(entry) : "";
    }

    /** The hover over a message: sender, full time and the whole text; for an unsent one also why it waits. */
    static String messageTooltip(Object row, String self) {
        String tip = MessageText.tooltip(row, self);
        String outbox = row instanceof OutboxEntry e ? OutboxText.tooltip(e) : null;
        return outbox == null ? tip : tip + "\n\n" + outbox;
    }

    /** Whether a row mentions the user (docs/protocol.md 3.3), so it stands out. */
    static boolean mentionsMe(Object row, String self) {
        return row instanceof ChatMessage m && !self.isEmpty() && !m.from().equalsIgnoreCase(self)
                && Mentions.mentions(m.text(), self);
    }

    static boolean mine(Object row, String self) {
        return row instanceof OutboxEntry || (row instanceof ChatMessage m && !self.isEmpty() && m.from().equalsIgnoreCase(self));
    }

    /** The background a row has: mention, own message, or the table's. */
    static Color background(Object row, String self) {
        return mentionsMe(row, self) ? MENTION_BACKGROUND : mine(row, self) ? OWN_BACKGROUND : null;
    }

    /** A left-aligned column of {@code viewer}: the conversation's and the Search view's message columns. */
    static TableColumn column(TableViewer viewer, String title, int width, CellLabelProvider labels) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(labels);
        return column.getColumn();
    }

    private static TableColumn column(TableViewer viewer, String title, int width, Function<Object, String> text,
            Function<Object, String> tooltip, Supplier<String> self) {
        return column(viewer, title, width, new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }

            @Override
            public Color getForeground(Object element) {
                // Grey while the server has not confirmed, red when it refused.
                if (element instanceof OutboxEntry entry) {
                    return Display.getCurrent().getSystemColor(
                            entry.status() == OutboxEntry.Status.FAILED ? SWT.COLOR_RED : SWT.COLOR_DARK_GRAY);
                }
                return null;
            }

            @Override
            public Color getBackground(Object element) {
                return background(element, self.get());
            }

            @Override
            public String getToolTipText(Object element) {
                return tooltip.apply(element);
            }
        });
    }

    /** The Time column: the time; on the first row of a day also the day ("Today, 09:12"). */
    private static String time(Object previous, Object row) {
        Instant instant = MessageText.time(row);
        String time = TIME.format(instant.atZone(MessageGroups.clock.getZone()));
        return MessageGroups.startsDay(previous, row)
                ? NLS.bind(Messages.Chat_DayAndTime, MessageGroups.dayLabel(MessageGroups.day(row)), time) : time;
    }

    /** A line above the first row of each day, across the table: drawn only for rows being painted. */
    private static void daySeparators(Table table, MessageRows rows) {
        table.addListener(SWT.PaintItem, e -> {
            Object row = e.item.getData();
            if (row != null && MessageGroups.startsDay(rows.previous(row), row) && rows.previous(row) != null) {
                Rectangle cell = ((TableItem) e.item).getBounds(e.index);
                e.gc.setForeground(e.display.getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
                e.gc.drawLine(cell.x, cell.y, cell.x + cell.width, cell.y);
            }
        });
    }
}
