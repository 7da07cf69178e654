package org.parley.client.ui.views;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;
import org.parley.client.core.OutboxEntry;
import org.parley.client.ui.internal.Messages;

/** The four columns of a conversation: time, sender, text, and the outbox mark of the user's unsent messages. */
final class MessageColumns {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT);

    private MessageColumns() {
    }

    /** @param self who "I" am, for the sender column of messages still in the outbox */
    static void create(TableViewer viewer, Supplier<String> self) {
        Function<Object, String> hover = row -> messageTooltip(row, self.get());
        column(viewer, Messages.Chat_Column_Time, 110, row -> time(MessageText.time(row)), hover);
        column(viewer, Messages.Chat_Column_From, 110, row -> MessageText.from(row, self.get()), hover);
        column(viewer, Messages.Chat_Column_Text, 480, row -> MessageText.row(MessageText.text(row)), hover);
        column(viewer, Messages.Chat_Column_State, 120, MessageColumns::mark, hover);
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

    private static void column(TableViewer viewer, String title, int width, Function<Object, String> text,
            Function<Object, String> tooltip) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
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
            public String getToolTipText(Object element) {
                return tooltip.apply(element);
            }
        });
    }

    private static String time(Instant instant) {
        var local = instant.atZone(ZoneId.systemDefault());
        return (local.toLocalDate().equals(LocalDate.now()) ? TIME : DATE_TIME).format(local);
    }
}
