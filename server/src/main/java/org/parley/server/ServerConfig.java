package org.parley.server;

import java.nio.file.Path;
import java.time.Duration;

import org.parley.server.auth.HashParams;

/**
 * Everything a server instance can be told. Defaults are the production values; tests shorten timeouts
 * and lower the hash cost explicitly through these setters, never through hidden switches.
 */
public final class ServerConfig {
    /** Defaults the command line shows too (its options name these constants); server/README.md is checked against them. */
    public static final String DEFAULT_BIND = "0.0.0.0";
    public static final int DEFAULT_PORT = 7443;
    public static final String DEFAULT_DATA_DIR = "parley-data";

    private String bind = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private Path dataDir = Path.of(DEFAULT_DATA_DIR);
    private Path keystore;
    private char[] keystorePassword;
    private HashParams hashParams = HashParams.PRODUCTION;
    private int hashThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private int hashQueue = 64;
    private double floodBurst = 30;
    private double floodPerSecond = 10;
    private int loginAccountBurst = 5;
    private double loginAccountPerMinute = 1;
    private int loginAddressBurst = 30;
    private double loginAddressPerMinute = 10;
    private int unauthenticatedIdleSeconds = 30;
    private int keepAliveIntervalSeconds = 30;
    private int keepAliveTimeoutSeconds = 30;
    private Duration tokenLifetime = Duration.ofDays(30);
    private long maxBacklogBytes = 8L * 1024 * 1024;
    private int acceptBacklog = 1024;
    private long presenceDelayMillis = 50;

    public String bind() { return bind; }
    public int port() { return port; }
    public Path dataDir() { return dataDir; }
    public Path keystore() { return keystore; }
    public char[] keystorePassword() { return keystorePassword == null ? null : keystorePassword.clone(); }
    public HashParams hashParams() { return hashParams; }
    public int hashThreads() { return hashThreads; }
    public int hashQueue() { return hashQueue; }
    public double floodBurst() { return floodBurst; }
    public double floodPerSecond() { return floodPerSecond; }
    public int loginAccountBurst() { return loginAccountBurst; }
    public double loginAccountPerMinute() { return loginAccountPerMinute; }
    public int loginAddressBurst() { return loginAddressBurst; }
    public double loginAddressPerMinute() { return loginAddressPerMinute; }
    public int unauthenticatedIdleSeconds() { return unauthenticatedIdleSeconds; }
    public int keepAliveIntervalSeconds() { return keepAliveIntervalSeconds; }
    public int keepAliveTimeoutSeconds() { return keepAliveTimeoutSeconds; }
    public Duration tokenLifetime() { return tokenLifetime; }
    /** Unsent bytes a connection may have waiting before it is closed as one that does not read. */
    public long maxBacklogBytes() { return maxBacklogBytes; }
    /** Connections the kernel may hold waiting for accept (capped by the system's somaxconn). */
    public int acceptBacklog() { return acceptBacklog; }
    /** How long a presence announcement may wait to share a write with others to the same connection. */
    public long presenceDelayMillis() { return presenceDelayMillis; }

    public ServerConfig bind(String value) { bind = value; return this; }
    public ServerConfig port(int value) { port = value; return this; }
    public ServerConfig dataDir(Path value) { dataDir = value; return this; }
    public ServerConfig keystore(Path value) { keystore = value; return this; }
    public ServerConfig keystorePassword(char[] value) { keystorePassword = value; return this; }
    public ServerConfig hashParams(HashParams value) { hashParams = value; return this; }
    public ServerConfig hashThreads(int value) { hashThreads = value; return this; }
    public ServerConfig hashQueue(int value) { hashQueue = value; return this; }

    public ServerConfig flood(double burst, double perSecond) {
        floodBurst = burst;
        floodPerSecond = perSecond;
        return this;
    }

    public ServerConfig loginThrottle(int accountBurst, double accountPerMinute, int addressBurst, double addressPerMinute) {
        loginAccountBurst = accountBurst;
        loginAccountPerMinute = accountPerMinute;
        loginAddressBurst = addressBurst;
        loginAddressPerMinute = addressPerMinute;
        return this;
    }

    public ServerConfig timeouts(int unauthenticatedIdle, int keepAliveInterval, int keepAliveTimeout) {
        unauthenticatedIdleSeconds = unauthenticatedIdle;
        keepAliveIntervalSeconds = keepAliveInterval;
        keepAliveTimeoutSeconds = keepAliveTimeout;
        return this;
    }

    public ServerConfig tokenLifetime(Duration value) { tokenLifetime = value; return this; }
    public ServerConfig maxBacklogBytes(long value) { maxBacklogBytes = value; return this; }
    public ServerConfig acceptBacklog(int value) { acceptBacklog = value; return this; }
    public ServerConfig presenceDelayMillis(long value) { presenceDelayMillis = value; return this; }
}
