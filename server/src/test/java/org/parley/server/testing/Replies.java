package org.parley.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.ServerMessage;

/** Assertions on replies, with the whole reply in the failure message. */
public final class Replies {
    private Replies() {
    }

    public static ServerMessage.Error error(ErrorCode code, ServerMessage reply) {
        ServerMessage.Error error = assertInstanceOf(ServerMessage.Error.class, reply, () -> "expected " + code + ": " + reply);
        assertEquals(code, error.code(), () -> "reply " + reply);
        return error;
    }

    public static ServerMessage.Ok ok(ServerMessage reply) {
        return assertInstanceOf(ServerMessage.Ok.class, reply, () -> "expected ok: " + reply);
    }
}
