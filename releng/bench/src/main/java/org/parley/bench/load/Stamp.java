package org.parley.bench.load;

/**
 * The benchmark's message text: {@code ~B <step> <sendNanos> <seq> <padding>}. The sender's
 * {@link System#nanoTime()} travels in the text, so a receiver in the same generator process measures
 * end-to-end latency without trusting any server clock. Found by a plain substring search, so the cost of
 * reading it is the same in a JSON line and in an IRC line.
 */
public final class Stamp {
    public static final String MARK = "~B ";
    /** Texts are padded to this many characters, a typical short chat line. */
    static final int TEXT_CHARS = 64;
    private static final String PADDING = "x".repeat(TEXT_CHARS);

    private Stamp() {
    }

    public static String text(int step, long sendNanos, long seq) {
        String head = MARK + step + ' ' + sendNanos + ' ' + seq + ' ';
        return head.length() >= TEXT_CHARS ? head : head + PADDING.substring(head.length());
    }

    /** Index just past the mark in {@code line}, or -1 when the line carries no stamp. */
    public static int find(String line) {
        int i = line.indexOf(MARK);
        return i < 0 ? -1 : i + MARK.length();
    }

    /** Parses the decimal number starting at {@code from}; returns it and leaves the end in {@code end[0]}. */
    static long number(String line, int from, int[] end) {
        long value = 0;
        int i = from;
        boolean negative = i < line.length() && line.charAt(i) == '-';
        if (negative) {
            i++;
        }
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        end[0] = i + 1;
        return negative ? -value : value;
    }
}
