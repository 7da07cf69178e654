package org.parley.client.core;

import java.time.Instant;

/**
 * What the user is asked to confirm the first time a server presents a certificate that no trusted CA vouches for.
 *
 * @param address   the server as the user addressed it
 * @param sha256    SHA-256 of the DER certificate, upper-case hex pairs separated by colons
 * @param subject   the certificate's subject DN
 * @param notBefore start of validity
 * @param notAfter  end of validity
 */
public record ServerIdentity(ServerAddress address, String sha256, String subject, Instant notBefore, Instant notAfter) {
}
