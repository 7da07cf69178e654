package org.parley.client.ui.views;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.osgi.util.NLS;
import org.parley.client.core.OutboxEntry;
import org.parley.client.ui.internal.Messages;
import org.parley.protocol.ChatMessage;

/**
 * How one message reads outside its full-text places: the one-line summary a table row shows (first line, cut, with
 * a mark saying there is more), the full timestamp, and the plain text that Copy puts on the clipboard. Only rows on
 * screen ask for these, so the virtual table stays virtual.
 */
final class MessageText {

    /** Longer first lines are cut here: the row is a summary, the detail area and the tooltip show everything. */
    static final int ROW_CHARS = 200;
    static final String ELLIPSIS = "\u2026";

    private static final DateTimeFormatter FULL_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM);
    /** ```fenced``` blocks (over lines) or `inline` code, for the monospace runs of the detail area. */
    private static final Pattern CODE = Pattern.compile("```.*?```|`[^`\\n]+`", Pattern.DOTALL);

    private MessageText() {
    }

    static String text(Object row) {
        return row instanceof ChatMessage m ? m.text() : ((OutboxEntry) row).text();
    }

    static Instant time(Object row) {
        return row instanceof ChatMessage m ? m.ts() : ((OutboxEntry) row).created();
    }

    static String from(Object row, String self) {
        return row instanceof ChatMessage m ? m.from() : self;
    }

    /** The Message column: the first line, cut at {@link #ROW_CHARS}; "…" and "(+3 lines)" when there is more. */
    static String row(String text) {
        String normalized = normalize(text);
        int newline = normalized.indexOf('\n');
        String first = newline < 0 ? normalized : normalized.substring(0, newline);
        int more = newline < 0 ? 0 : (int) normalized.substring(newline + 1).lines().count();
        boolean cut = false;
        if (first.codePointCount(0, first.length()) > ROW_CHARS) {
            first = first.substring(0, first.offsetByCodePoints(0, ROW_CHARS)).stripTrailing();
            cut = true;
        }
        if (more == 0) {
            return cut ? first + ELLIPSIS : first;
        }
        return first + ELLIPSIS + " " + (more == 1 ? Messages.Chat_MoreLine : NLS.bind(Messages.Chat_MoreLines, more));
    }

    static String fullTime(Instant instant) {
        return FULL_TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** The hover: who and when in full, then the whole text (the tooltip wraps it). */
    static String tooltip(Object row, String self) {
        return NLS.bind(Messages.Chat_MessageHeader, from(row, self), fullTime(time(row))) + "\n" + normalize(text(row));
    }

    /** What Copy puts on the clipboard for the selected messages: "[time] sender: text", one after another. */
    static String copy(List<?> rows, String self) {
        StringBuilder out = new StringBuilder();
        for (Object row : rows) {
            if (out.length() > 0) {
                out.append(System.lineSeparator());
            }
            out.append(NLS.bind(Messages.Chat_CopyLine, new Object[] {fullTime(time(row)), from(row, self),
                    normalize(text(row)).replace("\n", System.lineSeparator())}));
        }
        return out.toString();
    }

    /** Start and length pairs of the code runs in {@code text}, for a monospace font. */
    static List<int[]> codeRuns(String text) {
        List<int[]> runs = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            runs.add(new int[] {m.start(), m.end() - m.start()});
        }
        return runs;
    }

    /** Newlines as the protocol sends them; a stray CR from a Windows paste would show as a box. */
    static String normalize(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
