package org.parley.client.ui.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.parley.client.core.Conversations;
import org.parley.client.core.ServerAddress;

/**
 * Links in and to messages. Web links ({@code http://}, {@code https://}) in a message's text are found so they can
 * be shown as links and opened; a message's own link ({@code parley://host:port/<conversation>/<id>}, the format
 * docs/client-ui.md describes) is what "Copy Link to Message" puts on the clipboard.
 */
final class MessageLinks {

    static final String SCHEME = "parley";
    /** A web address up to white space or a character that cannot end one; trailing punctuation is the sentence's. */
    private static final Pattern WEB = Pattern.compile("\\bhttps?://[^\\s<>\"'`]+", Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?)]}";

    private MessageLinks() {
    }

    /**
     * The link to a message: {@code parley://chat.example.com:7443/%23dev/42} for room {@code #dev}; a private
     * conversation names both people, sorted, so the link reads the same for either of them:
     * {@code parley://chat.example.com:7443/@alice+bob/57}.
     */
    static String of(ServerAddress server, String self, String conversation, long messageId) {
        String key = Conversations.key(conversation);
        String path;
        if (Conversations.isRoom(key)) {
            path = "%23" + key.substring(1);
        } else {
            String me = self.toLowerCase(Locale.ROOT);
            String peer = key.substring(1);
            path = "@" + (me.compareTo(peer) <= 0 ? me + "+" + peer : peer + "+" + me);
        }
        return SCHEME + "://" + server.host() + ":" + server.port() + "/" + path + "/" + messageId;
    }

    /** Start and length pairs of the web links in {@code text}. */
    static List<int[]> webLinks(String text) {
        List<int[]> links = new ArrayList<>();
        Matcher m = WEB.matcher(text);
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            links.add(new int[] {m.start(), end - m.start()});
        }
        return links;
    }
}
