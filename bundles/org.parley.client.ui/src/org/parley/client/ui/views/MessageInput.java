package org.parley.client.ui.views;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.internal.FriendlyErrors;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;

/**
 * Where the user writes to a conversation: a multi-line input where Enter sends and Shift+Enter starts a new line,
 * with {@code @name} completion (names the window knows, and online names asked of the server: {@link MentionLookup}),
 * and the line under it saying why Enter did not send or why the server refused.
 */
final class MessageInput {

    private final String conversation;
    private final ParleyClient client;
    private final Text input;
    private final ContentProposalAdapter assist;
    private final Label problem;
    /** The names {@code @} completes from, shared by all tabs. */
    private final Set<String> users;
    private final Supplier<String> self;
    /** The refused message the line under the input talks about, if any. */
    private String failedKey;

    MessageInput(Composite parent, String conversation, ParleyClient client, Set<String> users, Supplier<String> self) {
        this.conversation = conversation;
        this.client = client;
        this.users = users;
        this.self = self;
        input = TestIds.tag(new Text(parent, SWT.MULTI | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL), TestIds.CHAT_INPUT + conversation);
        input.setMessage(Messages.Chat_InputHint);
        // No text limit on the widget: it would cut a long paste silently. send() says what is too long instead.
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, input.getLineHeight() * 3).applyTo(input);
        // Added before the assist's own key listener, so keyDown sees the popup still open when Enter picks a name.
        input.addListener(SWT.KeyDown, this::keyDown);
        assist = new ContentProposalAdapter(input, new TextContentAdapter(), new MentionProposals(this::mentionable),
                KeyStroke.getInstance(SWT.MOD1, ' '), new char[] {'@'});
        assist.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_INSERT);
        new MentionLookup(input, assist, client, users);
        problem = TestIds.tag(new Label(parent, SWT.WRAP), TestIds.CHAT_PROBLEM + conversation);
        problem.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_RED));
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).exclude(true).applyTo(problem);
        problem.setVisible(false);
        input.addListener(SWT.Modify, e -> {
            if (problem.isVisible() && OutboxText.tooLong(input.getText().strip()) == null) {
                showProblem(null); // shortened enough: the complaint goes
            }
        });
    }

    Text text() {
        return input;
    }

    ContentProposalAdapter assist() {
        return assist;
    }

    Label problem() {
        return problem;
    }

    /** The names {@code @} completes from: everyone known but the user. */
    private List<String> mentionable() {
        String me = self.get();
        return users.stream().filter(u -> !u.equalsIgnoreCase(me)).toList();
    }

    private void keyDown(Event e) {
        boolean enter = e.keyCode == SWT.CR || e.keyCode == SWT.KEYPAD_CR || e.character == SWT.CR;
        if (enter && (e.stateMask & SWT.SHIFT) == 0 && !assist.isProposalPopupOpen()) {
            e.doit = false; // the Text must not insert the line break
            send();
        }
    }

    /** Sends what is typed; the outbox reports it back as PENDING, then SENT or FAILED. */
    private void send() {
        String text = input.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        String tooLong = OutboxText.tooLong(text);
        if (tooLong != null) {
            showProblem(tooLong); // the text stays in the input for the user to shorten or split
            return;
        }
        try {
            client.send(conversation, text);
            input.setText("");
            showProblem(null);
        } catch (RuntimeException e) {
            // Not logged in: keep the text so nothing typed is lost.
            showProblem(NLS.bind(Messages.Chat_SendFailed, FriendlyErrors.message(e)));
        }
    }

    /** The State column may be scrolled out of sight in a narrow view: a refusal's reason also shows here. */
    void outboxChanged(OutboxEntry entry) {
        if (entry.status() == OutboxEntry.Status.FAILED) {
            failedKey = entry.key();
            showProblem(OutboxText.tooltip(entry).replace('\n', ' '));
        } else if (entry.key().equals(failedKey)) {
            failedKey = null;
            showProblem(null);
        }
    }

    /** The line under the input saying why Enter did not send; null hides it. */
    private void showProblem(String text) {
        problem.setText(text == null ? "" : text);
        problem.setVisible(text != null);
        ((GridData) problem.getLayoutData()).exclude = text == null;
        problem.getParent().layout(true);
    }
}
