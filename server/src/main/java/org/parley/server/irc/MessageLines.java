package org.parley.server.irc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.parley.protocol.ChatMessage;
import org.parley.protocol.NameRules;

/** A stored Parley message as the PRIVMSG lines one IRC client gets: live, echoed or replayed from history. */
final class MessageLines {
    /** IRCv3 server-time: UTC, milliseconds, 'Z'. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private MessageLines() {
    }

    /** {@code batch}: the reference of the batch the lines belong to, or null. */
    static String of(IrcClient client, ChatMessage msg, String batch) {
        String me = client.user();
        String target;
        if (msg.to().startsWith("#")) {
            target = msg.to();
        } else {
            // "@peer" names the recipient: a message of mine (from another session) goes to the peer's query.
            String peer = msg.to().substring(1);
            target = NameRules.key(msg.from()).equals(NameRules.key(me)) ? peer : me;
        }
        String tags = tags(client, msg.id(), msg.ts(), batch);
        String prefix = Wire.mask(msg.from());
        int budget = IrcLineDecoder.MAX_BODY_BYTES - 2 - Text.utf8Length(":" + prefix + " PRIVMSG " + target + " :");
        StringBuilder lines = new StringBuilder();
        for (String part : Text.toIrc(msg.text(), budget)) {
            lines.append(Wire.line(tags, prefix, "PRIVMSG", target, part));
        }
        return lines.toString();
    }

    static String tags(IrcClient client, long id, Instant ts, String batch) {
        StringBuilder tags = new StringBuilder();
        if (batch != null) {
            tags.append("batch=").append(batch);
        }
        if (client.has(Caps.SERVER_TIME)) {
            tags.append(tags.length() > 0 ? ";" : "").append("time=").append(TIME.format(ts));
        }
        if (client.has(Caps.MESSAGE_TAGS)) {
            tags.append(tags.length() > 0 ? ";" : "").append("msgid=").append(id);
        }
        return tags.toString();
    }
}
