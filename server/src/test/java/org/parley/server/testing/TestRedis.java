package org.parley.server.testing;

import java.nio.file.Path;

import org.parley.server.bus.BusTarget;
import org.parley.testing.launch.LocalRedis;

/**
 * A throw-away Redis for the bus tests ({@link LocalRedis}: Debian's {@code redis-server} on a free loopback port, no
 * persistence, owned by the test). {@link #stop} and {@link #launch} again on the same port is a Redis restart as the
 * nodes see it: every connection dropped, every subscription gone. {@link #secured} is one that wants a password and
 * speaks only TLS, with a certificate made for the test.
 */
public final class TestRedis implements AutoCloseable {
    private final LocalRedis redis;
    /** Null: no AUTH. */
    private final String password;
    /** Null: plain TCP; else the certificate Redis serves (also the CA to trust: it is self-signed). */
    private final TestCertificate certificate;

    private TestRedis(LocalRedis redis, String password, TestCertificate certificate) {
        this.redis = redis;
        this.password = password;
        this.certificate = certificate;
    }

    public static TestRedis start() throws Exception {
        return new TestRedis(LocalRedis.start(), null, null);
    }

    /** A Redis with {@code requirepass password} listening only for TLS, its certificate's files in {@code dir}. */
    public static TestRedis secured(String password, Path dir) throws Exception {
        TestCertificate certificate = TestCertificate.create(dir, "redis");
        return new TestRedis(LocalRedis.secured(password, certificate.certificatePem(), certificate.keyPem()), password,
                certificate);
    }

    public int port() {
        return redis.port();
    }

    /** What a node needs to reach it: the password and, for TLS, the certificate to trust. */
    public BusTarget target() {
        BusTarget plain = new BusTarget("127.0.0.1", redis.port(), certificate != null, null, null, null)
                .withPassword(password == null ? null : password.toCharArray());
        return certificate == null ? plain : plain.withTrustedCas(certificate.certificatePem());
    }

    /** Starts it (again) on its port; returns once it has logged that it accepts connections. */
    public void launch() throws Exception {
        redis.launch();
    }

    /** Stops it (SIGTERM, no data saved) and waits until it has exited. */
    public void stop() throws Exception {
        redis.stop();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (Exception e) {
            System.err.println("stopping the test Redis on port " + port() + " failed: " + e.getMessage());
        }
    }
}
