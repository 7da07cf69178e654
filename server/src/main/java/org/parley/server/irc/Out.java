package org.parley.server.irc;

import java.util.concurrent.CompletableFuture;

import org.parley.server.outbound.Outbound;

/** The gateway's own lines go through the connection's {@link Outbound} queue too, in order with fan-out. */
final class Out {
    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private Out() {
    }

    static CompletableFuture<Void> send(IrcClient c, String lines) {
        if (!lines.isEmpty()) {
            Outbound.writeBytes(c.session, Wire.bytes(lines));
        }
        return DONE;
    }

    static CompletableFuture<Void> numeric(IrcClient c, String code, String... params) {
        return send(c, Wire.numeric(c.target(), code, params));
    }

    static CompletableFuture<Void> notice(IrcClient c, String text) {
        return send(c, Wire.line(null, Wire.SERVER, "NOTICE", c.target(), text));
    }

    /** ERROR, then the connection closes once everything before it is sent. */
    static CompletableFuture<Void> closeWith(IrcClient c, String reason) {
        send(c, Wire.line(null, null, "ERROR", "Closing link: " + reason));
        Outbound.closeWhenFlushed(c.session);
        return DONE;
    }
}
