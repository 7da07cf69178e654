package org.parley.client.core.internal.trust;

import org.parley.client.core.ServerIdentity;
import org.parley.client.core.ServerUnreachableException;

/** Internal: the handshake stopped at a certificate nobody has decided about yet; the session asks the TrustPrompt. */
public final class UnknownServerException extends ServerUnreachableException {
    private static final long serialVersionUID = 1L;

    private final transient ServerIdentity identity;

    public UnknownServerException(ServerIdentity identity) {
        super("unknown server certificate " + identity.sha256() + " at " + identity.address(), null);
        this.identity = identity;
    }

    public ServerIdentity identity() {
        return identity;
    }
}
