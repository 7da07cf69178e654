package org.parley.client.core.internal.trust;

import org.parley.client.core.ServerIdentity;

/** What {@link TofuTrustManager} decided about one handshake, read by the transport to explain a failed one. */
public sealed interface TrustVerdict {

    /** A CA vouched for the certificate (including the host name check). */
    record CaTrusted() implements TrustVerdict {
    }

    /** Not CA-signed, but it is the certificate the user accepted earlier. */
    record Known(ServerIdentity identity) implements TrustVerdict {
    }

    /** Not CA-signed and never seen: the caller must ask the user and try again. */
    record Unknown(ServerIdentity identity) implements TrustVerdict {
    }

    /** Not CA-signed and different from the remembered certificate: a hard failure. */
    record Changed(ServerIdentity identity, String knownSha256) implements TrustVerdict {
    }
}
