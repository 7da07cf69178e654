package org.parley.client.ui.views;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.eclipse.jface.fieldassist.ContentProposal;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.fieldassist.IContentProposalProvider;
import org.parley.protocol.Mentions;

/**
 * Completes {@code @name} in the message input: when the text before the cursor is {@code @} and the start of a
 * name (after a space, a bracket or at the start, as docs/protocol.md 3.3 counts a mention), the known users whose
 * name starts so. A proposal's content is the rest of the name and a space, inserted at the cursor.
 */
public final class MentionProposals implements IContentProposalProvider {

    /** A popup longer than this is not read; typing another letter narrows it. */
    static final int MAX_PROPOSALS = 20;

    private final Supplier<Collection<String>> users;

    /** @param users the names to offer (room members seen, private partners, online users), the user's own left out */
    MentionProposals(Supplier<Collection<String>> users) {
        this.users = users;
    }

    @Override
    public IContentProposal[] getProposals(String contents, int position) {
        String prefix = prefix(contents, position);
        if (prefix == null) {
            return new IContentProposal[0];
        }
        String lower = prefix.toLowerCase(Locale.ROOT);
        List<IContentProposal> proposals = new ArrayList<>();
        for (String user : users.get()) {
            if (user.toLowerCase(Locale.ROOT).startsWith(lower) && proposals.size() < MAX_PROPOSALS) {
                String rest = user.substring(prefix.length()) + " ";
                proposals.add(new ContentProposal(rest, "@" + user, null, rest.length()));
            }
        }
        return proposals.toArray(IContentProposal[]::new);
    }

    /** The part of a name typed after {@code @} up to {@code position}, or null when the cursor is not in a mention. */
    static String prefix(String contents, int position) {
        int start = position;
        while (start > 0 && Mentions.isNameChar(contents.charAt(start - 1))) {
            start--;
        }
        if (start == 0 || contents.charAt(start - 1) != '@') {
            return null;
        }
        int at = start - 1;
        if (at > 0 && Mentions.isNameChar(contents.charAt(at - 1))) {
            return null; // an e-mail address, not a mention
        }
        return contents.substring(start, position);
    }
}
