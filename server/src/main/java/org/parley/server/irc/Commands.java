package org.parley.server.irc;

import java.util.concurrent.CompletableFuture;

/** Routes one line to its command; answers 451 before registration and 421 for what the gateway does not know. */
final class Commands {
    private final Services services;
    private final Registration registration;
    private final Channels channels;
    private final Messaging messaging;

    Commands(Services services) {
        this.services = services;
        this.channels = new Channels(services);
        this.registration = new Registration(services, new Welcome(services, channels));
        this.messaging = new Messaging(services);
    }

    CompletableFuture<Void> handle(IrcClient c, IrcLine line) {
        String command = line.command();
        switch (command) {
            case "PING" -> {
                return line.size() < 1 ? Out.numeric(c, "409", "No origin specified")
                        : Out.send(c, Wire.line(null, Wire.SERVER, "PONG", Wire.SERVER, line.param(0)));
            }
            case "PONG" -> {
                return Out.DONE;
            }
            case "QUIT" -> {
                return Out.closeWith(c, "quit");
            }
            case "CAP", "NICK", "USER", "PASS", "AUTHENTICATE" -> {
                return registration.handle(c, line);
            }
            default -> {
            }
        }
        if (!c.registered) {
            return Out.numeric(c, "451", "You have not registered");
        }
        if (command.equals("PRIVMSG") || command.equals("NOTICE")) {
            return messaging.send(c, line);
        }
        CompletableFuture<Void> earlierSends = c.connection.sendsReplied();
        if (earlierSends.isDone()) {
            return route(c, line);
        }
        // Replies in order: nothing overtakes the outcome of a PRIVMSG sent before it.
        return earlierSends.thenComposeAsync(v -> route(c, line), services.requests());
    }

    private CompletableFuture<Void> route(IrcClient c, IrcLine line) {
        return switch (line.command()) {
            case "JOIN" -> channels.join(c, line);
            case "PART" -> channels.part(c, line);
            case "NAMES" -> line.size() < 1 ? Out.numeric(c, "366", "*", "End of /NAMES list")
                    : channels.names(c, line.param(0));
            case "TOPIC" -> channels.topic(c, line);
            case "WHO" -> channels.who(c, line);
            case "WHOIS" -> channels.whois(c, line);
            case "LIST" -> channels.list(c);
            case "MODE" -> channels.mode(c, line);
            default -> Out.numeric(c, "421", shortened(line.command()), "Unknown command");
        };
    }

    /** An unknown command is echoed in 421; a long one only in part, so the reply stays one line. */
    private static String shortened(String command) {
        return command.length() <= 64 ? command : command.substring(0, 64);
    }
}
