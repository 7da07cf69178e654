package org.parley.server.bus;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.util.Causes;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The bus's startup faults: one round trip to Redis before anything else, so that a wrong {@code --bus}, password or
 * CA is a startup fault with a specific message (docs/cluster.md's table) rather than a node that never hears anything.
 */
final class RedisProbe {
    private RedisProbe() {
    }

    /** @throws StartupException when Redis cannot be reached, its certificate is not trusted, or it refuses the login */
    static void check(RedisConnections connections, int timeoutMillis) throws StartupException {
        BusTarget target = connections.target();
        try (Jedis probe = connections.open(timeoutMillis)) {
            probe.ping();
        } catch (JedisDataException e) {
            // Redis answered: WRONGPASS, NOAUTH (a password is needed), or AUTH sent to a Redis without one.
            throw new StartupException(ExitCode.BUS_REFUSED, "Redis at " + target.location() + " refused the login: "
                    + Causes.reason(e) + "; check the password (in the URL, --bus-password-file or PARLEY_BUS_PASSWORD)", e);
        } catch (RuntimeException e) {
            throw unreachable(target, tlsRefused(e) ? "TLS handshake failed, its certificate not trusted or not made"
                    + " for " + target.host() + " (" + Causes.reason(e) + "); give its CA with --bus-ca" : Causes.reason(e), e);
        }
    }

    static StartupException unreachable(BusTarget target, String why, Exception cause) {
        return new StartupException(ExitCode.BUS_UNREACHABLE, "Redis at " + target.location() + " unreachable: " + why
                + "; start it or fix --bus", cause);
    }

    /** Whether the connection failed because this side did not accept Redis's certificate. */
    private static boolean tlsRefused(Throwable e) {
        // CertificateException is a GeneralSecurityException; a refused handshake is an SSLHandshakeException.
        return Causes.find(e, javax.net.ssl.SSLHandshakeException.class) != null
                || Causes.find(e, java.security.GeneralSecurityException.class) != null;
    }
}
