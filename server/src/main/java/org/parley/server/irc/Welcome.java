package org.parley.server.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.mina.core.session.IoSession;
import org.parley.protocol.Limits;
import org.parley.protocol.NameRules;
import org.parley.protocol.RoomInfo;
import org.parley.server.ParleyServer;
import org.parley.server.chat.Directory;

/**
 * The end of registration: the connection becomes a Parley session of the account (presence, fan-out), hears
 * 001-005 and 422, and is put in a channel for every room the account is in ({@code #general} among them), each with
 * its NAMES and recent history, as Parley clients see their rooms on login.
 */
final class Welcome {
    /** RFC 1459 limits a line, not the count of ISUPPORT tokens; these are what real clients read. */
    static final String ISUPPORT = "CHANTYPES=# CASEMAPPING=ascii NICKLEN=" + Limits.MAX_USERNAME + " CHANNELLEN="
            + (NameRules.MAX_ROOM + 1) + " PREFIX=() CHANMODES=,,, NETWORK=Parley UTF8ONLY";

    private final Services services;
    private final Channels channels;

    Welcome(Services services, Channels channels) {
        this.services = services;
        this.channels = channels;
    }

    CompletableFuture<Void> greet(IrcClient c) {
        String user = c.login.user();
        IoSession session = c.session;
        c.connection.loggedIn(user, c.login.tokenHash());
        List<String> rooms = rooms(user);
        services.presence().online(user, session, () -> {
            // Inside presence's critical section: nothing is fanned out to this session before these lines.
            c.registered = true;
            // IRC shows presence as JOIN and QUIT in the client's channels, #general among them: everyone.
            services.presence().watchEveryone(session);
            StringBuilder lines = new StringBuilder();
            lines.append(Wire.numeric(user, "001", "Welcome to the Parley IRC gateway, " + Wire.mask(user)));
            lines.append(Wire.numeric(user, "002", "Your host is " + Wire.SERVER + ", running parley/"
                    + ParleyServer.version()));
            lines.append(Wire.numeric(user, "003", "This server speaks Parley; IRC is its gateway"));
            lines.append(Wire.numeric(user, "004", Wire.SERVER, "parley/" + ParleyServer.version(), "i", ""));
            lines.append(Wire.line(null, Wire.SERVER, "005", isupport(user)));
            lines.append(Wire.numeric(user, "422", "No MOTD; docs/irc.md says what this gateway does"));
            for (String room : rooms) {
                c.channels.add(room);
                lines.append(Wire.line(null, Wire.mask(user), "JOIN", room));
            }
            Out.send(c, lines.toString());
        });
        if (session.isClosing() || !session.isConnected()) {
            // Closed while logging in: sessionClosed ran before presence knew of this session.
            services.presence().offline(user, session);
            return Out.DONE;
        }
        CompletableFuture<Void> chain = Out.DONE;
        for (String room : rooms) {
            chain = chain.thenCompose(v -> channels.namesAndHistory(c, room));
        }
        return chain;
    }

    /** 005's middle parameters are the tokens, then the usual trailing text. */
    private static String[] isupport(String user) {
        List<String> params = new ArrayList<>();
        params.add(user);
        params.addAll(List.of(ISUPPORT.split(" ")));
        params.add("are supported by this server");
        return params.toArray(String[]::new);
    }

    private List<String> rooms(String user) {
        List<String> rooms = new ArrayList<>();
        String after = null;
        Directory.RoomPage page;
        do {
            page = services.chat().rooms(user, after, null);
            for (RoomInfo room : page.rooms()) {
                if (room.joined()) {
                    rooms.add(room.name());
                }
                after = room.name();
            }
        } while (page.more());
        return rooms;
    }
}
