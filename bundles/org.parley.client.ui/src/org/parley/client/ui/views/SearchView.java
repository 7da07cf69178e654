package org.parley.client.ui.views;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StyledCellLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.ViewerCell;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.SearchPage;
import org.parley.client.ui.internal.FriendlyErrors;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.Plurals;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.UiListeners;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.protocol.Limits;
import org.parley.protocol.SearchWords;

/**
 * Full-text search over the user's conversations (the server's {@code search}, docs/protocol.md 6.14): a query
 * field, results newest first with the conversation, sender, time and the hit highlighted, older pages on request.
 * Selecting a result shows the conversation at that message in the Chat view; double-click or Enter also moves the
 * focus there.
 */
public class SearchView extends ViewPart {

    public static final String ID = "org.parley.client.ui.views.search";
    /** Results per request: the protocol's default page. */
    public static final int PAGE = Limits.DEFAULT_SEARCH_LIMIT;
    /** A cell's margins on either side of its text (GTK's are 6 px in all; some room to spare). */
    private static final int CELL_MARGINS = 16;

    private ParleyClient client;
    private Text query;
    private Label status;
    private TableViewer viewer;
    private Button more;
    private final List<SearchPage.Result> results = new ArrayList<>();
    /** The words of the query whose results are shown, for highlighting and for the next page. */
    private String shownQuery;
    private List<String> shownWords = List.of();
    /** Bumped by every new search, so a late reply to an older one is dropped. */
    private int generation;

    @Override
    public void createPartControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 4).applyTo(body);
        query = TestIds.tag(new Text(body, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER),
                TestIds.SEARCH_QUERY);
        query.setMessage(Messages.Search_Hint);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(query);
        query.addListener(SWT.DefaultSelection, e -> {
            if (e.detail != SWT.ICON_CANCEL) {
                search();
            }
        });
        Button go = TestIds.tag(new Button(body, SWT.PUSH), TestIds.SEARCH_BUTTON);
        go.setText(Messages.Search_Button);
        go.addListener(SWT.Selection, e -> search());

        status = TestIds.tag(new Label(body, SWT.WRAP), TestIds.SEARCH_STATUS);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(200, SWT.DEFAULT).applyTo(status);

        viewer = new TableViewer(body, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        Table table = TestIds.tag(viewer.getTable(), TestIds.SEARCH_RESULTS);
        table.setHeaderVisible(true);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(table);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        MessageColumns.column(viewer, Messages.Search_Column_Conversation, 120,
                ColumnLabelProvider.createTextProvider(r -> ((SearchPage.Result) r).conversation()));
        MessageColumns.column(viewer, Messages.Chat_Column_From, 110,
                ColumnLabelProvider.createTextProvider(r -> ((SearchPage.Result) r).message().from()));
        MessageColumns.column(viewer, Messages.Chat_Column_Time, fullTimeWidth(table), ColumnLabelProvider.createTextProvider(
                r -> MessageText.fullTime(((SearchPage.Result) r).message().ts())));
        MessageColumns.column(viewer, Messages.Chat_Column_Text, 520, new StyledCellLabelProvider() {
            @Override
            public void update(ViewerCell cell) {
                SearchSnippet snippet = SearchSnippet.of(((SearchPage.Result) cell.getElement()).message().text(),
                        shownWords);
                cell.setText(snippet.text());
                List<StyleRange> ranges = new ArrayList<>();
                for (int[] hit : snippet.hits()) {
                    StyleRange range = new StyleRange(hit[0], hit[1], null,
                            cell.getControl().getDisplay().getSystemColor(SWT.COLOR_YELLOW));
                    range.fontStyle = SWT.BOLD;
                    ranges.add(range);
                }
                cell.setStyleRanges(ranges.toArray(StyleRange[]::new));
                super.update(cell);
            }
        });
        viewer.setInput(results);
        viewer.addSelectionChangedListener(e -> open((IStructuredSelection) e.getSelection(), false));
        viewer.addOpenListener(e -> open((IStructuredSelection) e.getSelection(), true));

        more = TestIds.tag(new Button(body, SWT.PUSH), TestIds.SEARCH_MORE);
        more.setText(Messages.Search_More);
        more.setEnabled(false);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(more);
        more.addListener(SWT.Selection, e -> older());

        WorkbenchClient.whenAvailable(body, this::bind);
    }

    /**
     * Wide enough for any full time in the table's font and the user's locale (the widest month, a two-digit day and
     * hour), plus the cell's margins: a fixed width cut "7:02:32 PM" to "7:02:32 P".
     */
    private static int fullTimeWidth(Table table) {
        GC gc = new GC(table);
        try {
            int widest = 0;
            for (int month = 1; month <= 12; month++) {
                Instant sample = ZonedDateTime.of(2026, month, 28, 12, 59, 59, 0, ZoneId.systemDefault()).toInstant();
                widest = Math.max(widest, gc.textExtent(MessageText.fullTime(sample)).x);
            }
            return widest + CELL_MARGINS;
        } finally {
            gc.dispose();
        }
    }

    private void bind(ParleyClient offered) {
        client = offered;
        UiListeners.listen(client, query, new ParleyListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                if (state == ConnectionState.OFFLINE) {
                    clear(""); // another user may log in next: never show them this one's messages
                }
            }
        });
    }

    /** Runs the query in the field as a new search: the first page of results, newest first. */
    public void search() {
        String text = query.getText().strip();
        String problem = problem(text);
        if (problem != null) {
            clear(problem);
            return;
        }
        clear(Messages.Search_Searching);
        shownQuery = text;
        shownWords = SearchWords.of(text);
        request(null);
    }

    /** Why the query cannot be sent, in plain words, or null when it can. */
    private String problem(String text) {
        if (client == null || client.user().isEmpty()) {
            return Messages.Search_NotConnected;
        }
        if (SearchWords.of(text).isEmpty()) {
            return Messages.Search_NoWords;
        }
        int length = text.codePointCount(0, text.length());
        if (length > Limits.MAX_SEARCH_QUERY_CHARS) {
            return NLS.bind(Messages.Search_TooLong, length, Limits.MAX_SEARCH_QUERY_CHARS);
        }
        return null;
    }

    private void older() {
        if (!results.isEmpty() && shownQuery != null) {
            more.setEnabled(false);
            request(results.get(results.size() - 1).message().id());
        }
    }

    private void request(Long before) {
        int asked = ++generation;
        client.search(shownQuery, null, before, PAGE).whenCompleteAsync((page, failure) -> {
            if (asked != generation) {
                return;
            }
            if (failure != null) {
                status.setText(NLS.bind(Messages.Search_Failed, FriendlyErrors.message(failure)));
                more.setEnabled(before != null);
                return;
            }
            results.addAll(page.results());
            viewer.refresh();
            more.setEnabled(page.more());
            status.setText(results.isEmpty() ? NLS.bind(Messages.Search_None, String.join(" ", shownWords))
                    : page.more() ? NLS.bind(Messages.Search_CountMore, results.size())
                    : Plurals.bind(Messages.Search_Count, results.size()));
            status.getParent().layout(true);
        }, UiListeners.uiThread(query));
    }

    private void clear(String message) {
        generation++;
        results.clear();
        shownQuery = null;
        viewer.refresh();
        more.setEnabled(false);
        status.setText(message);
        status.getParent().layout(true);
    }

    /** Shows the selected result's message in its conversation; with {@code activate} the Chat view takes the focus. */
    private void open(IStructuredSelection selection, boolean activate) {
        if (selection.getFirstElement() instanceof SearchPage.Result result) {
            try {
                ChatView.reveal(getSite().getPage(), result.conversation(), result.message().id(), activate);
            } catch (PartInitException e) {
                status.setText(NLS.bind(Messages.Search_Failed, e.getMessage()));
            }
        }
    }

    /** The query field, for tests. */
    public Text query() {
        return query;
    }

    /** The results shown, newest first. */
    public List<SearchPage.Result> results() {
        return results;
    }

    @Override
    public void setFocus() {
        query.setFocus();
    }
}
