package org.parley.server.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;
import org.parley.protocol.NameRules;
import org.parley.protocol.RoomInfo;
import org.parley.server.chat.Directory;
import org.parley.server.net.Addresses;

/**
 * Rooms as channels: JOIN and PART change the account's Parley membership (it persists, as in Parley); NAMES and
 * WHO list the members who are online; TOPIC is read-only (Parley rooms have none); LIST is the room list; MODE
 * queries are answered with "no modes" so clients stop asking.
 */
final class Channels {
    /** The messages replayed on JOIN: what a Parley client's first history page holds. */
    static final int REPLAY = Limits.DEFAULT_HISTORY_LIMIT;

    private final Services services;

    Channels(Services services) {
        this.services = services;
    }

    CompletableFuture<Void> join(IrcClient c, IrcLine line) {
        if (line.size() < 1) {
            return Out.numeric(c, "461", "JOIN", "Not enough parameters");
        }
        CompletableFuture<Void> chain = Out.DONE;
        for (String name : line.param(0).split(",")) {
            if (name.equals("0")) {
                chain = chain.thenCompose(v -> Out.notice(c, "JOIN 0 is not supported: PART the rooms you want to leave"));
                continue;
            }
            chain = chain.thenCompose(v -> joinOne(c, name));
        }
        return chain;
    }

    private CompletableFuture<Void> joinOne(IrcClient c, String name) {
        CompletableFuture<Void> joined;
        try {
            joined = services.chat().join(c.user(), name, Addresses.host(c.session));
        } catch (RuntimeException e) {
            joined = CompletableFuture.failedFuture(e);
        }
        return joined.handle((v, failure) -> {
            if (failure != null) {
                Failures.report(c, "JOIN", name, failure);
                return Out.DONE;
            }
            String room = NameRules.key(name);
            if (!c.channels.add(room)) {
                return Out.DONE;
            }
            Out.send(c, Wire.line(null, Wire.mask(c.user()), "JOIN", room));
            return namesAndHistory(c, room);
        }).thenCompose(f -> f);
    }

    /** NAMES, then the room's last {@link #REPLAY} messages (those not already delivered live) as PRIVMSGs. */
    CompletableFuture<Void> namesAndHistory(IrcClient c, String room) {
        names(c, room);
        return services.chat().history(c.user(), room, null, null, REPLAY, null).handle((page, failure) -> {
            if (failure != null) {
                Failures.report(c, "JOIN", room, failure);
                return null;
            }
            Long live = c.firstLive.get(room);
            List<ChatMessage> replay = new ArrayList<>();
            for (ChatMessage msg : page.messages()) {
                if (live == null || msg.id() < live) {
                    replay.add(msg);
                }
            }
            if (replay.isEmpty()) {
                return null;
            }
            boolean batch = c.has(Caps.BATCH);
            String ref = "h" + replay.get(0).id();
            StringBuilder lines = new StringBuilder();
            if (batch) {
                lines.append(Wire.line(null, Wire.SERVER, "BATCH", "+" + ref, "chathistory", room));
            }
            for (ChatMessage msg : replay) {
                lines.append(MessageLines.of(c, msg, batch ? ref : null));
            }
            if (batch) {
                lines.append(Wire.line(null, Wire.SERVER, "BATCH", "-" + ref));
            }
            Out.send(c, lines.toString());
            return null;
        });
    }

    CompletableFuture<Void> part(IrcClient c, IrcLine line) {
        if (line.size() < 1) {
            return Out.numeric(c, "461", "PART", "Not enough parameters");
        }
        CompletableFuture<Void> chain = Out.DONE;
        for (String name : line.param(0).split(",")) {
            chain = chain.thenCompose(v -> partOne(c, name));
        }
        return chain;
    }

    private CompletableFuture<Void> partOne(IrcClient c, String name) {
        CompletableFuture<Void> left;
        try {
            left = services.chat().leave(c.user(), name);
        } catch (RuntimeException e) {
            left = CompletableFuture.failedFuture(e);
        }
        return left.handle((v, failure) -> {
            if (failure != null) {
                Failures.report(c, "PART", name, failure);
            } else {
                String room = NameRules.key(name);
                c.channels.remove(room);
                c.firstLive.remove(room);
                Out.send(c, Wire.line(null, Wire.mask(c.user()), "PART", room));
            }
            return null;
        });
    }

    /** The online members of a room (everyone online, for {@code #general}). */
    List<String> present(String room) {
        List<String> present = new ArrayList<>();
        for (String user : services.presence().onlineNames()) {
            if (services.directory().isMember(room, NameRules.key(user))) {
                present.add(user);
            }
        }
        return present;
    }

    CompletableFuture<Void> names(IrcClient c, String room) {
        String r = room.startsWith("#") && NameRules.isRoom(room) ? NameRules.key(room) : null;
        if (r != null && services.directory().roomExists(r)) {
            String head = Wire.numeric(c.target(), "353", "=", r, "");
            int budget = IrcLineDecoder.MAX_BODY_BYTES - head.length() - 2;
            StringBuilder names = new StringBuilder();
            StringBuilder lines = new StringBuilder();
            for (String user : present(r)) {
                if (names.length() + user.length() + 1 > budget) {
                    lines.append(Wire.numeric(c.target(), "353", "=", r, names.toString()));
                    names.setLength(0);
                }
                names.append(names.length() > 0 ? " " : "").append(user);
            }
            if (names.length() > 0) {
                lines.append(Wire.numeric(c.target(), "353", "=", r, names.toString()));
            }
            Out.send(c, lines.toString());
        }
        return Out.numeric(c, "366", r == null ? room : r, "End of /NAMES list");
    }

    CompletableFuture<Void> topic(IrcClient c, IrcLine line) {
        if (line.size() < 1) {
            return Out.numeric(c, "461", "TOPIC", "Not enough parameters");
        }
        if (line.size() > 1) {
            return Out.numeric(c, "482", line.param(0), "Topics are read-only: Parley rooms have none");
        }
        return Out.numeric(c, "331", line.param(0), "No topic is set");
    }

    CompletableFuture<Void> who(IrcClient c, IrcLine line) {
        String mask = line.size() > 0 ? line.param(0) : "*";
        StringBuilder lines = new StringBuilder();
        if (mask.startsWith("#") && NameRules.isRoom(mask)) {
            String room = NameRules.key(mask);
            for (String user : present(room)) {
                lines.append(Wire.numeric(c.target(), "352", room, user, Wire.SERVER, Wire.SERVER, user, "H", "0 " + user));
            }
        } else if (services.presence().onlineNames().stream().anyMatch(u -> NameRules.key(u).equals(NameRules.key(mask)))) {
            String user = services.directory().user(mask).orElse(mask);
            lines.append(Wire.numeric(c.target(), "352", "*", user, Wire.SERVER, Wire.SERVER, user, "H", "0 " + user));
        }
        Out.send(c, lines.toString());
        return Out.numeric(c, "315", mask, "End of WHO list");
    }

    CompletableFuture<Void> whois(IrcClient c, IrcLine line) {
        if (line.size() < 1) {
            return Out.numeric(c, "431", "No nickname given");
        }
        String nick = line.param(line.size() - 1);
        services.directory().user(nick).ifPresentOrElse(
                user -> {
                    Out.numeric(c, "311", user, user, Wire.SERVER, "*", user);
                    Out.numeric(c, "312", user, Wire.SERVER, "Parley");
                },
                () -> Out.numeric(c, "401", nick, "No such nick"));
        return Out.numeric(c, "318", nick, "End of /WHOIS list");
    }

    CompletableFuture<Void> list(IrcClient c) {
        StringBuilder lines = new StringBuilder(Wire.numeric(c.target(), "321", "Channel", "Users  Name"));
        String after = null;
        Directory.RoomPage page;
        do {
            page = services.chat().rooms(c.user(), after, null);
            for (RoomInfo room : page.rooms()) {
                lines.append(Wire.numeric(c.target(), "322", room.name(), String.valueOf(room.members()), ""));
                after = room.name();
            }
        } while (page.more());
        Out.send(c, lines.toString());
        return Out.numeric(c, "323", "End of /LIST");
    }

    CompletableFuture<Void> mode(IrcClient c, IrcLine line) {
        if (line.size() < 1) {
            return Out.numeric(c, "461", "MODE", "Not enough parameters");
        }
        String target = line.param(0);
        if (target.startsWith("#")) {
            if (line.size() == 1) {
                return Out.numeric(c, "324", target, "+");
            }
            String modes = line.param(1);
            return switch (modes) {
                case "b", "+b" -> Out.numeric(c, "368", target, "End of channel ban list");
                case "e", "+e" -> Out.numeric(c, "349", target, "End of channel exception list");
                case "I", "+I" -> Out.numeric(c, "347", target, "End of channel invite list");
                default -> Out.numeric(c, "482", target, "Channel modes are not supported on Parley");
            };
        }
        if (!NameRules.key(target).equals(NameRules.key(c.user()))) {
            return Out.numeric(c, "502", "Can't change mode for other users");
        }
        return Out.numeric(c, "221", "+");
    }
}
