package org.parley.client.ui.views;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.parley.client.core.OutboxEntry;
import org.parley.client.ui.internal.TestIds;
import org.parley.protocol.ChatMessage;

/**
 * The message table of one conversation: a virtual table over its {@link MessageRows} (only visible rows are ever
 * materialised, so 100,000 messages stay smooth) that follows new rows while the user is at the bottom.
 */
final class MessageTable {

    private final MessageRows rows = new MessageRows();
    private final TableViewer viewer;
    private final Table table;
    /** What a change of the selection shows: {@link #select} runs it, as the viewer does not for a selection in code. */
    private Runnable selectionChanged = () -> {
    };

    /** @param self who "I" am, for the columns (see {@link MessageColumns#create}) */
    MessageTable(Composite parent, String conversation, Supplier<String> self) {
        // A composite of its own: TableColumnLayout sizes the columns to the table's width as the view resizes.
        Composite holder = new Composite(parent, SWT.NONE);
        TableColumnLayout layout = new TableColumnLayout();
        holder.setLayout(layout);
        viewer = new TableViewer(holder, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.MULTI | SWT.BORDER);
        table = TestIds.tag(viewer.getTable(), TestIds.CHAT_MESSAGES + conversation);
        table.setHeaderVisible(true);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new ILazyContentProvider() {
            @Override
            public void updateElement(int index) {
                if (index < rows.size()) {
                    viewer.replace(rows.get(index), index);
                }
            }

            @Override
            public void inputChanged(Viewer v, Object oldInput, Object newInput) {
                // The rows object never changes; only its size does.
            }
        });
        MessageColumns.create(viewer, self, rows, layout);
        MessageToolTip.install(viewer);
        viewer.setInput(rows);
    }

    TableViewer viewer() {
        return viewer;
    }

    Table table() {
        return table;
    }

    MessageRows rows() {
        return rows;
    }

    /** Runs {@code shown} whenever the selection changes, by the user or by {@link #select}. */
    void onSelectionChanged(Runnable shown) {
        selectionChanged = shown;
        viewer.addSelectionChangedListener(e -> shown.run());
    }

    List<?> selectedRows() {
        return viewer.getStructuredSelection().toList();
    }

    /** The id of the message selected in the table (the first one), or null. */
    Long selectedId() {
        return viewer.getStructuredSelection().getFirstElement() instanceof ChatMessage m ? m.id() : null;
    }

    /** Selects a row and scrolls it to the middle of the table. */
    void select(int row) {
        viewer.replace(rows.get(row), row);
        table.setSelection(row);
        table.setTopIndex(Math.max(0, row - visibleRows() / 2));
        selectionChanged.run();
    }

    /** A live message, at its place by id; the table follows it if the user was at the bottom. */
    void add(ChatMessage message) {
        boolean follow = isAtBottom();
        int row = rows.add(message);
        if (row >= 0) {
            refresh(row, follow);
        }
    }

    /** An outbox change: the user's own new message is always scrolled to, other changes only at the bottom. */
    void outboxChanged(OutboxEntry entry) {
        boolean follow = isAtBottom();
        int first = rows.outboxChanged(entry);
        refresh(first, follow || entry.status() == OutboxEntry.Status.PENDING);
    }

    private boolean isAtBottom() {
        return table.getTopIndex() + visibleRows() >= table.getItemCount() - 1;
    }

    /** How many rows fit on screen; at least one, even before the table has a size. */
    private int visibleRows() {
        return Math.max(1, table.getClientArea().height / Math.max(1, table.getItemHeight()));
    }

    /**
     * Shows the rows from {@code firstChanged} on anew. Live messages land at the end, so only the last rows are
     * cleared: clearing all 100,000 rows for each new message is what would make a long history sluggish.
     */
    void refresh(int firstChanged, boolean scrollToEnd) {
        int size = rows.size();
        viewer.setItemCount(size);
        if (firstChanged < size) {
            table.clear(firstChanged, size - 1);
        }
        if (scrollToEnd && rows.size() > 0) {
            table.showItem(table.getItem(rows.size() - 1));
        }
    }
}
