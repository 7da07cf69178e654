package org.parley.client.ui.views;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Text;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.internal.AfterPause;
import org.parley.client.ui.internal.UiListeners;
import org.parley.protocol.NameRules;

/**
 * Completes {@code @name} beyond the names the window already knows: when typing pauses inside a mention, the online
 * users whose names start with what was typed are asked of the server ({@code users} with a {@code prefix}), added to
 * the names {@link MentionProposals} offers, and the list is refreshed, or opened if it had closed for want of a name.
 * Why: the window knows only senders it has shown, private partners and the first page of the online list fetched at
 * login, so on a server with more users online, or for someone who logged in since, {@code @} offered nobody.
 */
final class MentionLookup {
    /** How long typing may pause before the server is asked: one request per pause, not per key. */
    static final int DELAY_MS = 150;

    private final Text input;
    private final ContentProposalAdapter assist;
    private final ParleyClient client;
    private final Set<String> names;
    /** Prefixes asked (lower case), and whether the answer held every name starting so (UI thread only). */
    private final Map<String, Boolean> asked = new HashMap<>();

    MentionLookup(Text input, ContentProposalAdapter assist, ParleyClient client, Set<String> names) {
        this.input = input;
        this.assist = assist;
        this.client = client;
        this.names = names;
        AfterPause typed = new AfterPause(input, DELAY_MS,
                () -> lookUp(MentionProposals.prefix(input.getText(), input.getCaretPosition())));
        input.addListener(SWT.Modify, e -> typed.restart());
    }

    private void lookUp(String prefix) {
        if (prefix == null || prefix.isEmpty() || !NameRules.isUsernamePrefix(prefix)
                || client.state() != ConnectionState.ONLINE) {
            return;
        }
        String key = NameRules.key(prefix);
        if (known(key)) {
            return;
        }
        asked.put(key, false);
        int most = MentionProposals.MAX_PROPOSALS;
        client.onlineUsersStartingWith(prefix, null, most).whenCompleteAsync((page, failure) -> {
            if (input.isDisposed()) {
                return;
            }
            if (failure != null) {
                asked.remove(key); // the link dropped meanwhile: the next pause may ask again
            } else {
                asked.put(key, !page.more());
                if (names.addAll(page.users())) {
                    show(page.users());
                }
            }
        }, UiListeners.uiThread(input));
    }

    /**
     * Refreshes an open list; opens it when the user is still typing a mention that new names complete (the list
     * closed itself when the window knew no name starting so, which is when the server's answer matters most).
     */
    private void show(List<String> found) {
        if (assist.isProposalPopupOpen()) {
            assist.refresh();
            return;
        }
        String typed = MentionProposals.prefix(input.getText(), input.getCaretPosition());
        if (typed != null && input.isFocusControl()
                && found.stream().anyMatch(name -> NameRules.key(name).startsWith(NameRules.key(typed)))) {
            assist.openProposalPopup();
        }
    }

    /** Whether this prefix was asked already, or a shorter one whose answer held every name starting so. */
    private boolean known(String key) {
        for (Map.Entry<String, Boolean> entry : asked.entrySet()) {
            if (key.equals(entry.getKey()) || entry.getValue() && key.startsWith(entry.getKey())) {
                return true;
            }
        }
        return false;
    }
}
