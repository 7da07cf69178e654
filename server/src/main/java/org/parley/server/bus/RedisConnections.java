package org.parley.server.bus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.util.FileErrors;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * Opens connections to the bus's Redis as {@link BusTarget} says: AUTH with its user and password, TLS with its
 * trusted certificates and the host name checked. Every connection a node makes to Redis comes from here.
 */
public final class RedisConnections {
    private final BusTarget target;
    private final int connectTimeoutMillis;
    /** Null without TLS. Built once: reading the CA file per reconnect would turn a deleted file into an outage. */
    private final SSLSocketFactory tls;

    private RedisConnections(BusTarget target, int connectTimeoutMillis, SSLSocketFactory tls) {
        this.target = target;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.tls = tls;
    }

    /** @throws StartupException when {@code --bus-ca} cannot be read or holds no certificate */
    public static RedisConnections of(BusTarget target, int connectTimeoutMillis) throws StartupException {
        return new RedisConnections(target, connectTimeoutMillis, target.tls() ? socketFactory(target) : null);
    }

    public BusTarget target() {
        return target;
    }

    /** A new connection; it connects at its first command, which throws if Redis is away or refuses the login. */
    public Jedis open(int readTimeoutMillis) {
        // A plain Jedis speaks RESP2 whatever it is asked; saying so up front spares a warning per connection.
        return new Jedis(new HostAndPort(target.host(), target.port()), config(readTimeoutMillis, false));
    }

    /** A pool of connections, for commands from many threads at once. */
    public RedisClient pool(int readTimeoutMillis) {
        return RedisClient.builder().hostAndPort(new HostAndPort(target.host(), target.port()))
                .clientConfig(config(readTimeoutMillis, true)).build();
    }

    /** Closes a connection that may be broken already; a failure to close it changes nothing. */
    static void closeQuietly(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                // Already broken.
            }
        }
    }

    /** @param negotiate whether the client may ask Redis for its newest protocol (RESP3); a plain Jedis cannot */
    private DefaultJedisClientConfig config(int readTimeoutMillis, boolean negotiate) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(connectTimeoutMillis).socketTimeoutMillis(readTimeoutMillis)
                .autoNegotiateProtocol(negotiate);
        if (target.password() != null) {
            config.user(target.user()).password(new String(target.password()));
        }
        if (tls != null) {
            SSLParameters parameters = new SSLParameters();
            // Jedis checks no host name unless asked; a certificate for another host must not pass.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            config.ssl(true).sslSocketFactory(tls).sslParameters(parameters);
        }
        return config.build();
    }

    private static SSLSocketFactory socketFactory(BusTarget target) throws StartupException {
        try {
            if (target.trustedCas() == null) {
                return SSLContext.getDefault().getSocketFactory();
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(target.trustedCas())) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new StartupException(ExitCode.USAGE, "--bus-ca " + target.trustedCas()
                        + " holds no PEM certificate");
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new StartupException(ExitCode.USAGE, "cannot read --bus-ca " + target.trustedCas() + ": "
                    + FileErrors.reason(e), e);
        } catch (GeneralSecurityException e) {
            throw new StartupException(ExitCode.USAGE, "--bus-ca " + target.trustedCas()
                    + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }
}
