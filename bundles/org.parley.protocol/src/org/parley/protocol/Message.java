package org.parley.protocol;

/** Any frame of protocol v1: a {@link Request} from a client or a {@link ServerMessage} from the server. */
public sealed interface Message permits Request, ServerMessage {
}
