package org.parley.bench.irc;

import java.util.concurrent.CompletableFuture;

import org.apache.mina.core.session.IoSession;
import org.parley.bench.load.ChatBot;
import org.parley.bench.load.Deliveries;
import org.parley.bench.net.LineConnector;
import org.parley.bench.net.LineListener;

/**
 * One IRC connection of the generator: NICK/USER, then JOIN once welcomed (001); seated once the channel's
 * NAMES list has ended (366). Answers PING. PRIVMSG lines are only searched for the benchmark stamp.
 */
public final class IrcBot implements LineListener, ChatBot {
    private final String nick;
    private final String password;
    private final String channel;
    private final Deliveries sink;
    private final CompletableFuture<IrcBot> seated = new CompletableFuture<>();
    private volatile IoSession session;

    private IrcBot(String nick, String password, String channel, Deliveries sink) {
        this.nick = nick;
        this.password = password;
        this.channel = channel;
        this.sink = sink;
    }

    public static CompletableFuture<IrcBot> seat(LineConnector connector, String nick, String channel, Deliveries sink) {
        return seat(connector, nick, null, channel, sink);
    }

    /** With a server password ({@code PASS}): Parley's IRC gateway logs the bot in with it. */
    public static CompletableFuture<IrcBot> seat(LineConnector connector, String nick, String password, String channel,
            Deliveries sink) {
        IrcBot bot = new IrcBot(nick, password, channel, sink);
        return connector.connect(bot).thenCompose(s -> {
            bot.session = s;
            if (password != null) {
                s.write("PASS :" + password);
            }
            s.write("NICK " + nick);
            s.write("USER " + nick + " 0 * :Parley benchmark");
            return bot.seated;
        });
    }

    @Override
    public void say(String text) {
        IoSession s = session;
        if (s != null) {
            s.write("PRIVMSG " + channel + " :" + text);
        }
    }

    @Override
    public void line(IoSession s, String line) {
        if (sink != null && sink.accept(line)) {
            return;
        }
        if (line.startsWith("PING ")) {
            s.write("PONG " + line.substring(5));
            return;
        }
        if (line.startsWith("ERROR")) {
            seated.completeExceptionally(new IllegalStateException(nick + ": " + line));
            return;
        }
        String[] words = line.split(" ", 4);
        if (words.length < 2) {
            return;
        }
        switch (words[1]) {
            case "001" -> s.write("JOIN " + channel);
            // Parley's gateway also puts the bot in #general at once: only the bench channel's NAMES seats it.
            case "366" -> {
                if (words.length > 3 && words[3].startsWith(channel + " ")) {
                    seated.complete(this);
                }
            }
            case "432", "433", "403", "405", "471", "473", "474", "475" ->
                seated.completeExceptionally(new IllegalStateException(nick + ": " + line));
            default -> {
                // MOTD, NAMES, JOINs of others, mode changes: nothing to do.
            }
        }
    }

    @Override
    public void closed(IoSession s) {
        seated.completeExceptionally(new IllegalStateException(nick + ": connection closed"));
    }

    @Override
    public void close() {
        IoSession s = session;
        if (s != null) {
            s.closeNow();
        }
    }
}
