package org.parley.client.core.internal.net;

import org.parley.client.core.ParleyException;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.ServerMessage;

/** What a {@link ServerLink} reports besides replies. Always called on the session executor, never on an I/O thread. */
public interface LinkEvents {

    /** For short-lived links that only carry one request (register). */
    LinkEvents IGNORE = new LinkEvents() {
        @Override
        public void pushed(ServerLink link, ServerMessage push) {
        }

        @Override
        public void malformed(ServerLink link, ProtocolException problem) {
        }

        @Override
        public void closed(ServerLink link, ParleyException cause) {
        }
    };

    /** A push ({@code message}, {@code presence}) or an error frame not tied to a request. */
    void pushed(ServerLink link, ServerMessage push);

    /** The server sent a frame this client cannot read; the link stays up. */
    void malformed(ServerLink link, ProtocolException problem);

    /** The link is gone (after it was ready); {@code cause} explains why. Called once. */
    void closed(ServerLink link, ParleyException cause);
}
