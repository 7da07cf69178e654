package org.parley.client.core;

/**
 * Asks the user whether to trust a server seen for the first time (trust on first use, as SSH does).
 * Called on a client worker thread, never on a MINA I/O thread and never on the listener executor; it may block
 * (a UI implementation typically does {@code Display.syncExec} with a dialog). The answer "yes" is remembered in the
 * known-servers file; "no" fails the connection with {@link CertificateRejectedException}.
 */
@FunctionalInterface
public interface TrustPrompt {

    /** Declines every unknown server: only CA-signed or already known servers are reachable. */
    TrustPrompt DECLINE = identity -> false;

    boolean trustNewServer(ServerIdentity identity);
}
