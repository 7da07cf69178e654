package org.parley.client.core.internal.trust;

import org.parley.client.core.CertificateRejectedException;
import org.parley.client.core.ServerIdentity;
import org.parley.client.core.TrustPrompt;

/** Asks the user about a new server and remembers a "yes" in the known-servers file. */
public final class TrustGate {
    private final KnownServers knownServers;
    private volatile TrustPrompt prompt = TrustPrompt.DECLINE;

    public TrustGate(KnownServers knownServers) {
        this.knownServers = knownServers;
    }

    public KnownServers knownServers() {
        return knownServers;
    }

    public void setPrompt(TrustPrompt prompt) {
        this.prompt = prompt == null ? TrustPrompt.DECLINE : prompt;
    }

    /**
     * Blocks while the prompt decides; on "yes" the fingerprint is stored, on "no" (or a failing prompt) this throws.
     */
    public void askAndRemember(ServerIdentity identity) {
        boolean trusted;
        try {
            trusted = prompt.trustNewServer(identity);
        } catch (RuntimeException e) {
            throw new CertificateRejectedException(identity, "trust prompt failed: " + e);
        }
        if (!trusted) {
            throw new CertificateRejectedException(identity, "The certificate of " + identity.address()
                    + " (SHA-256 " + identity.sha256() + ", " + identity.subject()
                    + ") is not signed by a trusted CA and was not accepted.");
        }
        knownServers.remember(identity.address(), identity.sha256());
    }
}
