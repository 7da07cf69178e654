package org.parley.client.ui.views;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.parley.client.ui.internal.Messages;

/**
 * How rows read as a conversation rather than a log: consecutive messages of one sender within a few minutes form a
 * group that names the sender once, and the first message of each day starts with the day ("Today", "Yesterday",
 * a date) above a separator line.
 */
final class MessageGroups {

    /** A sender's messages further apart than this start a new group. */
    static final Duration GROUP_GAP = Duration.ofMinutes(5);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);

    /** What "today" is; tests set a fixed clock. */
    static Clock clock = Clock.systemDefaultZone();

    private MessageGroups() {
    }

    /** Whether {@code row} continues {@code previous}'s group: same sender, same day, within {@link #GROUP_GAP}. */
    static boolean continues(Object previous, Object row, String self) {
        if (previous == null || startsDay(previous, row)) {
            return false;
        }
        Duration gap = Duration.between(MessageText.time(previous), MessageText.time(row));
        return MessageText.from(previous, self).equalsIgnoreCase(MessageText.from(row, self))
                && !gap.isNegative() && gap.compareTo(GROUP_GAP) <= 0;
    }

    /** Whether {@code row} is the first of its (local) day; the first row of all is. */
    static boolean startsDay(Object previous, Object row) {
        return previous == null || !day(previous).equals(day(row));
    }

    static LocalDate day(Object row) {
        return MessageText.time(row).atZone(zone()).toLocalDate();
    }

    /** "Today", "Yesterday" or the date, for the first row of a day. */
    static String dayLabel(LocalDate day) {
        LocalDate today = LocalDate.now(clock);
        return day.equals(today) ? Messages.Chat_Today
                : day.equals(today.minusDays(1)) ? Messages.Chat_Yesterday : DATE.format(day);
    }

    private static ZoneId zone() {
        return clock.getZone();
    }
}
