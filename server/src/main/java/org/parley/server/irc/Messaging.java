package org.parley.server.irc;

import java.util.concurrent.CompletableFuture;

import org.parley.protocol.ChatMessage;

/**
 * PRIVMSG and NOTICE to {@code #room} or a nick: stored through {@link org.parley.server.chat.ChatService#send} like
 * any Parley send (committed before it is delivered), and pipelined like Parley sends (the next command does not wait
 * for the commit). NOTICE is stored the same way but, as RFC 2812 3.3.2 asks, never answered with an error.
 */
final class Messaging {
    /** TARGMAX: one line may name this many targets. */
    static final int MAX_TARGETS = 4;

    private final Services services;

    Messaging(Services services) {
        this.services = services;
    }

    CompletableFuture<Void> send(IrcClient c, IrcLine line) {
        boolean notice = line.command().equals("NOTICE");
        if (line.size() < 1 || line.param(0).isEmpty()) {
            return notice ? Out.DONE : Out.numeric(c, "411", "No recipient given (" + line.command() + ")");
        }
        if (line.size() < 2 || line.param(1).isEmpty()) {
            return notice ? Out.DONE : Out.numeric(c, "412", "No text to send");
        }
        String[] targets = line.param(0).split(",");
        if (targets.length > MAX_TARGETS) {
            return notice ? Out.DONE : Out.numeric(c, "407", line.param(0), "Too many recipients: at most " + MAX_TARGETS);
        }
        String text = Text.fromIrc(line.param(1));
        if (text == null) {
            return notice ? Out.DONE : Out.notice(c, "CTCP other than ACTION is not relayed to Parley");
        }
        CompletableFuture<Void> next = Out.DONE;
        for (String target : targets) {
            next = sendOne(c, target, text, notice);
        }
        return next;
    }

    /** Returns what the connection's next command must wait for: nothing, unless many sends are still uncommitted. */
    private CompletableFuture<Void> sendOne(IrcClient c, String target, String text, boolean notice) {
        String to = target.startsWith("#") ? target : "@" + target;
        CompletableFuture<Void> earlier = c.connection.sendsReplied();
        CompletableFuture<ChatMessage> outcome;
        try {
            outcome = services.chat().send(c.user(), c.session, to, text, null, msg -> echo(c, msg));
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ChatMessage> sent = outcome;
        // Errors after the replies of earlier sends, as for Parley connections.
        return c.connection.sendInFlight(earlier.thenCompose(v -> sent.handle((msg, failure) -> {
            if (failure != null && !notice) {
                Failures.report(c, "PRIVMSG", target, failure);
            }
            return null;
        })));
    }

    /** Runs on the database writer once the message is committed, before it is fanned out. */
    private static void echo(IrcClient c, ChatMessage msg) {
        if (c.has(Caps.ECHO_MESSAGE)) {
            Out.send(c, MessageLines.of(c, msg, null));
        }
    }
}
