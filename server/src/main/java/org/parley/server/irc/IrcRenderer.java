package org.parley.server.irc;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.parley.protocol.JsonCodec;
import org.parley.protocol.NameRules;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.ServerMessage;
import org.parley.server.chat.Directory;
import org.parley.server.outbound.Outbound;

/**
 * The frames the server queues for every session (message pushes, presence, the login deadline's error) as IRC lines
 * for one IRC client. Presence becomes JOIN (online) in, and QUIT (offline) from, the channels the client is in that
 * the user is a member of: IRC has no other way to show who is there.
 */
final class IrcRenderer implements Outbound.Renderer {
    private static final JsonCodec JSON = new JsonCodec();
    /**
     * The last frame decoded, by identity: a fan-out hands the same array to every recipient, so with many IRC clients
     * in a room each frame is decoded once, not once per client.
     */
    private static volatile Decoded last = new Decoded(new byte[0], null);

    private record Decoded(byte[] frame, ServerMessage message) {
    }

    /**
     * The last room message rendered, per combination of the tag capabilities: its lines name the room and the
     * sender, not the reader, so one rendering serves every IRC client in the room that asked for the same tags.
     */
    private static final AtomicReferenceArray<Rendered> ROOM_LINES = new AtomicReferenceArray<>(4);

    private record Rendered(byte[] frame, byte[] lines) {
    }

    private final Directory directory;
    private volatile IrcClient client;

    IrcRenderer(Directory directory) {
        this.directory = directory;
    }

    void client(IrcClient value) {
        client = value;
    }

    @Override
    public byte[] render(byte[] frame) {
        IrcClient c = client;
        ServerMessage message = decode(frame);
        if (message instanceof ServerMessage.Error error) {
            // The login deadline's last word before it closes the connection.
            return Wire.bytes(Wire.line(null, null, "ERROR", error.message()));
        }
        if (c == null || !c.registered) {
            return null;
        }
        String lines = null;
        if (message instanceof ServerMessage.MessagePush push) {
            if (push.msg().to().startsWith("#") && c.channels.contains(push.msg().to())) {
                return roomLines(c, push, frame);
            }
            lines = message(c, push);
        } else if (message instanceof ServerMessage.Presence presence) {
            lines = presence(c, presence);
        }
        return lines == null || lines.isEmpty() ? null : Wire.bytes(lines);
    }

    private static String message(IrcClient c, ServerMessage.MessagePush push) {
        String to = push.msg().to();
        String join = "";
        if (to.startsWith("#")) {
            if (c.channels.add(to)) {
                // Joined from another session (or the client PARTed a room its account is still in).
                join = Wire.line(null, Wire.mask(c.user()), "JOIN", to);
            }
            c.firstLive.putIfAbsent(to, push.msg().id());
        }
        return join + MessageLines.of(c, push.msg(), null);
    }

    private static byte[] roomLines(IrcClient c, ServerMessage.MessagePush push, byte[] frame) {
        c.firstLive.putIfAbsent(push.msg().to(), push.msg().id());
        int variant = (c.has(Caps.SERVER_TIME) ? 1 : 0) | (c.has(Caps.MESSAGE_TAGS) ? 2 : 0);
        Rendered seen = ROOM_LINES.get(variant);
        if (seen != null && seen.frame() == frame) {
            return seen.lines();
        }
        byte[] lines = Wire.bytes(MessageLines.of(c, push.msg(), null));
        ROOM_LINES.set(variant, new Rendered(frame, lines));
        return lines;
    }

    private String presence(IrcClient c, ServerMessage.Presence presence) {
        String key = NameRules.key(presence.user());
        if (key.equals(NameRules.key(c.user()))) {
            return null;
        }
        String mask = Wire.mask(presence.user());
        StringBuilder lines = new StringBuilder();
        for (String room : c.channels) {
            if (directory.isMember(room, key)) {
                if (!presence.online()) {
                    return Wire.line(null, mask, "QUIT", "offline");
                }
                lines.append(Wire.line(null, mask, "JOIN", room));
            }
        }
        return lines.toString();
    }

    private static ServerMessage decode(byte[] frame) {
        Decoded seen = last;
        if (seen.frame() == frame) {
            return seen.message();
        }
        ServerMessage message;
        try {
            int end = frame.length > 0 && frame[frame.length - 1] == '\n' ? frame.length - 1 : frame.length;
            message = JSON.decodeServerMessage(new String(frame, 0, end, StandardCharsets.UTF_8));
        } catch (ProtocolException e) {
            message = null;
        }
        last = new Decoded(frame, message);
        return message;
    }
}
