package org.parley.server.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.protocol.NameRules;
import org.parley.server.auth.AuthService;
import org.parley.server.RequestRefusedException;
import org.parley.server.net.Addresses;

/**
 * Registration: CAP negotiation (IRCv3 capability-negotiation), NICK, USER, and a Parley login by SASL PLAIN
 * (AUTHENTICATE, IRCv3 sasl-3.1) or PASS. No anonymous access: registration without a login ends in 464 and the
 * connection closes. Logins go through {@link AuthService}, so they are throttled exactly like Parley logins.
 */
final class Registration {
    /** IRCv3 sasl-3.1: AUTHENTICATE payloads come in pieces of 400 base64 characters. */
    private static final int SASL_CHUNK = 400;
    /** The largest PLAIN payload worth decoding: two usernames and a password, in base64. */
    private static final int SASL_MAX = 4 * (2 * Limits.MAX_USERNAME + Limits.MAX_PASSWORD * 4 + 2) / 3 + 4;

    private final Services services;
    private final Welcome welcome;

    Registration(Services services, Welcome welcome) {
        this.services = services;
        this.welcome = welcome;
    }

    CompletableFuture<Void> handle(IrcClient c, IrcLine line) {
        switch (line.command()) {
            case "CAP" -> cap(c, line);
            case "NICK" -> nick(c, line);
            case "USER" -> {
                if (c.registered) {
                    return Out.numeric(c, "462", "You may not reregister");
                }
                if (line.size() < 4) {
                    return Out.numeric(c, "461", "USER", "Not enough parameters");
                }
                c.userGiven = true;
            }
            case "PASS" -> {
                if (c.registered) {
                    return Out.numeric(c, "462", "You may not reregister");
                }
                if (line.size() < 1) {
                    return Out.numeric(c, "461", "PASS", "Not enough parameters");
                }
                c.password = line.param(0);
            }
            case "AUTHENTICATE" -> {
                return authenticate(c, line);
            }
            default -> throw new IllegalArgumentException(line.command());
        }
        return finish(c);
    }

    private void cap(IrcClient c, IrcLine line) {
        String sub = line.size() > 0 ? line.param(0).toUpperCase() : "";
        switch (sub) {
            case "LS" -> {
                c.capNegotiating = !c.registered;
                boolean v302 = line.size() > 1 && line.param(1).compareTo("302") >= 0;
                Out.send(c, Wire.line(null, Wire.SERVER, "CAP", c.target(), "LS", Caps.list(v302)));
            }
            case "LIST" -> Out.send(c, Wire.line(null, Wire.SERVER, "CAP", c.target(), "LIST", String.join(" ", c.caps)));
            case "REQ" -> {
                c.capNegotiating = !c.registered;
                String asked = line.size() > 1 ? line.param(1).trim() : "";
                List<String> wanted = asked.isEmpty() ? List.of() : List.of(asked.split(" +"));
                boolean known = wanted.stream().allMatch(w -> Caps.ALL.contains(w.startsWith("-") ? w.substring(1) : w));
                if (known) {
                    for (String w : wanted) {
                        if (w.startsWith("-")) {
                            c.caps.remove(w.substring(1));
                        } else {
                            c.caps.add(w);
                        }
                    }
                }
                Out.send(c, Wire.line(null, Wire.SERVER, "CAP", c.target(), known ? "ACK" : "NAK", asked));
            }
            case "END" -> c.capNegotiating = false;
            default -> Out.numeric(c, "410", sub.isEmpty() ? "*" : sub, "Invalid CAP command");
        }
    }

    private void nick(IrcClient c, IrcLine line) {
        if (line.size() < 1 || line.param(0).isEmpty()) {
            Out.numeric(c, "431", "No nickname given");
            return;
        }
        String nick = line.param(0);
        if (c.registered) {
            if (!NameRules.key(nick).equals(NameRules.key(c.user()))) {
                Out.numeric(c, "432", nick, "Your nick is your Parley username, " + c.user() + "; it cannot change");
            }
            return;
        }
        if (!NameRules.isUsername(nick)) {
            Out.numeric(c, "432", nick, "Erroneous nickname: a Parley username is " + Limits.MIN_USERNAME + "-"
                    + Limits.MAX_USERNAME + " letters, digits, '_', '.' or '-'");
            return;
        }
        c.nick = nick;
    }

    private CompletableFuture<Void> authenticate(IrcClient c, IrcLine line) {
        if (line.size() < 1) {
            return Out.numeric(c, "461", "AUTHENTICATE", "Not enough parameters");
        }
        if (c.login != null) {
            return Out.numeric(c, "907", "You have already authenticated using SASL");
        }
        String arg = line.param(0);
        if (arg.equals("*")) {
            c.saslStarted = false;
            return Out.numeric(c, "906", "SASL authentication aborted");
        }
        if (!c.saslStarted) {
            if (!arg.equalsIgnoreCase("PLAIN")) {
                Out.numeric(c, "908", "PLAIN", "are available SASL mechanisms");
                return Out.numeric(c, "904", "SASL authentication failed");
            }
            c.saslStarted = true;
            c.saslBuffer = new StringBuilder();
            // Bare '+', not ':+': the spelling sasl-3.1 shows, and the one naive clients compare against.
            return Out.send(c, "AUTHENTICATE +\r\n");
        }
        if (arg.length() > SASL_CHUNK || c.saslBuffer.length() + arg.length() > SASL_MAX) {
            c.saslStarted = false;
            return Out.numeric(c, "905", "SASL message too long");
        }
        if (!arg.equals("+")) {
            c.saslBuffer.append(arg);
        }
        if (arg.length() == SASL_CHUNK) {
            return Out.DONE;
        }
        c.saslStarted = false;
        String[] plain = decodePlain(c.saslBuffer.toString());
        if (plain == null || (!plain[0].isEmpty() && !plain[0].equals(plain[1]))) {
            return Out.numeric(c, "904", "SASL authentication failed: PLAIN wants authzid NUL username NUL password,"
                    + " authzid empty or the username");
        }
        return login(c, plain[1], plain[2]).handle((session, failure) -> {
            if (failure != null) {
                Out.numeric(c, "904", "SASL authentication failed: " + reason(failure));
            } else {
                c.login = session;
                Out.numeric(c, "900", Wire.mask(session.user()), session.user(), "You are now logged in as " + session.user());
                Out.numeric(c, "903", "SASL authentication successful");
            }
            return null;
        });
    }

    /** Ends registration once NICK and USER are in and CAP negotiation is over. */
    private CompletableFuture<Void> finish(IrcClient c) {
        if (c.registered || c.nick == null || !c.userGiven || c.capNegotiating) {
            return Out.DONE;
        }
        if (c.login != null) {
            return welcome.greet(c);
        }
        if (c.password == null) {
            Out.numeric(c, "464", "Password required: log in with SASL PLAIN, or PASS with your Parley password");
            return Out.closeWith(c, "not logged in");
        }
        String user = c.nick;
        String password = c.password;
        int colon = password.indexOf(':');
        if (colon > 0 && NameRules.isUsername(password.substring(0, colon))) {
            user = password.substring(0, colon);
            password = password.substring(colon + 1);
        }
        c.password = null;
        return login(c, user, password).handle((session, failure) -> {
            if (failure != null) {
                Out.numeric(c, "464", "Password incorrect: " + reason(failure));
                Out.closeWith(c, "login failed");
                return Out.DONE;
            }
            c.login = session;
            return welcome.greet(c);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<AuthService.Session> login(IrcClient c, String user, String password) {
        try {
            return services.auth().login(user, password, Addresses.host(c.session));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String reason(Throwable failure) {
        RequestRefusedException e = Failures.unwrap(failure);
        if (e.code() == ErrorCode.RATE_LIMITED && e.retryAfterMs() != null) {
            return e.getMessage() + "; retry in " + Math.max(1, e.retryAfterMs() / 1000) + " s";
        }
        return e.getMessage();
    }

    /** authzid, authcid, password; or null when the payload is not base64 of three NUL-separated UTF-8 fields. */
    private static String[] decodePlain(String base64) {
        try {
            byte[] raw = Base64.getDecoder().decode(base64);
            List<String> fields = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= raw.length; i++) {
                if (i == raw.length || raw[i] == 0) {
                    fields.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return fields.size() == 3 ? fields.toArray(String[]::new) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
