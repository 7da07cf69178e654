package org.parley.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.parley.protocol.Limits;
import org.parley.server.audit.SecurityLog;
import org.parley.server.auth.HashParams;
import org.parley.server.bus.BusTarget;
import org.parley.server.bus.PresenceTiming;
import org.parley.server.store.pg.PgTarget;

/**
 * Everything a server instance can be told. Defaults are the production values; tests shorten timeouts
 * and lower the hash cost explicitly through these setters, never through hidden switches.
 */
public final class ServerConfig {
    /** A history page must hold the largest message: 4000 code points escaped to 6 bytes each, plus its fields. */
    public static final int MIN_HISTORY_PAGE_BYTES = 32 * 1024;
    /** Defaults the command line shows too (its options name these constants); server/README.md is checked against them. */
    public static final String DEFAULT_BIND = "0.0.0.0";
    public static final int DEFAULT_PORT = 7443;
    public static final String DEFAULT_DATA_DIR = "parley-data";
    /** {@link #ircPort()} when the IRC gateway is off, which it is unless a port is given. */
    public static final int IRC_OFF = -1;

    private String bind = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private int ircPort = IRC_OFF;
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
    // OWASP ASVS 4.0 V2.2.1: no more than 100 failed attempts per hour on one account.
    private int loginAccountCeilingPerHour = 100;
    private int registerBurst = 10;
    private double registerPerHour = 10;
    private int roomsPerUser = 100;
    private int historyPageBytes = Limits.MAX_HISTORY_PAGE_BYTES;
    private Clock clock = Clock.systemUTC();
    private SecurityLog securityLog = SecurityLog.SHARED;
    private int loginDeadlineSeconds = 30;
    private int keepAliveIntervalSeconds = 30;
    private int keepAliveTimeoutSeconds = 30;
    private Duration tokenLifetime = Duration.ofDays(30);
    private long maxBacklogBytes = 8L * 1024 * 1024;
    private int acceptBacklog = 1024;
    private long presenceDelayMillis = 50;
    /**
     * Below this much free space on the data directory's file system, new messages, accounts and rooms are refused
     * (UNAVAILABLE) while logins and reading go on. 64 MiB: room for SQLite's WAL to be checkpointed and for a
     * spike of logins, on any disk size; 0 turns the watermark off.
     */
    private long minFreeSpaceBytes = 64L << 20;
    private Duration integrityCheckBudget = Duration.ofSeconds(10);
    private int handshakeDeadlineSeconds = 10;
    private int maxConnectionsPerAddress = 64;
    private int maxUnauthenticated = 1000;
    private int maxConnections = 0;
    private int descriptorReserve = 128;
    private PgTarget store;
    private String nodeId;
    private BusTarget bus;
    private PresenceTiming presenceTiming = PresenceTiming.DEFAULT;

    public String bind() { return bind; }
    public int port() { return port; }
    /** TLS port of the IRC gateway (0 picks a free one), or {@link #IRC_OFF}. */
    public int ircPort() { return ircPort; }
    public Path dataDir() { return dataDir; }
    public Path keystore() { return keystore; }
    public char[] keystorePassword() { return keystorePassword == null ? null : keystorePassword.clone(); }
    public HashParams hashParams() { return hashParams; }
    public int hashThreads() { return hashThreads; }
    public int hashQueue() { return hashQueue; }
    public double floodBurst() { return floodBurst; }
    public double floodPerSecond() { return floodPerSecond; }
    /** Failed logins one account absorbs from one address (the pair), and recovers per minute. */
    public int loginAccountBurst() { return loginAccountBurst; }
    public double loginAccountPerMinute() { return loginAccountPerMinute; }
    /** Failed logins per hour one account absorbs from all addresses together (its burst is the same number). */
    public int loginAccountCeilingPerHour() { return loginAccountCeilingPerHour; }
    /** Registrations (successful or not) one address may make in a burst, and recovers per hour. */
    public int registerBurst() { return registerBurst; }
    public double registerPerHour() { return registerPerHour; }
    /** Rooms one user may create (joining existing rooms is not limited). */
    public int roomsPerUser() { return roomsPerUser; }
    /** Largest {@code history} reply frame in bytes; a page ends early (with {@code more}) rather than exceed it. */
    public int historyPageBytes() { return historyPageBytes; }
    /** Time for throttles, token expiry and message stamps; tests give a clock they move by hand. */
    public Clock clock() { return clock; }
    public SecurityLog securityLog() { return securityLog; }
    public int loginAddressBurst() { return loginAddressBurst; }
    public double loginAddressPerMinute() { return loginAddressPerMinute; }
    /** Seconds from accept (or from a logout) within which a connection must log in, however busy it is. */
    public int loginDeadlineSeconds() { return loginDeadlineSeconds; }
    public int keepAliveIntervalSeconds() { return keepAliveIntervalSeconds; }
    public int keepAliveTimeoutSeconds() { return keepAliveTimeoutSeconds; }
    public Duration tokenLifetime() { return tokenLifetime; }
    /** Unsent bytes a connection may have waiting before it is closed as one that does not read. */
    public long maxBacklogBytes() { return maxBacklogBytes; }
    /** Connections the kernel may hold waiting for accept (capped by the system's somaxconn). */
    public int acceptBacklog() { return acceptBacklog; }
    /** How long a presence announcement may wait to share a write with others to the same connection. */
    public long presenceDelayMillis() { return presenceDelayMillis; }
    public long minFreeSpaceBytes() { return minFreeSpaceBytes; }
    /** Longest the startup integrity check of the database may take; what it has not reached by then goes unchecked. */
    public Duration integrityCheckBudget() { return integrityCheckBudget; }
    /** Time from accept within which the TLS handshake must be complete; bytes trickling in do not extend it. */
    public int handshakeDeadlineSeconds() { return handshakeDeadlineSeconds; }
    /** Open connections one client address may hold, logged in or not. */
    public int maxConnectionsPerAddress() { return maxConnectionsPerAddress; }
    /** Connections not yet logged in the server holds at once, from all addresses together. */
    public int maxUnauthenticated() { return maxUnauthenticated; }
    /** Open connections in all; 0 derives it from the process's descriptor limit less {@link #descriptorReserve()}. */
    public int maxConnections() { return maxConnections; }
    /** Descriptors beyond those open at start that connections may never take: the database, backups, logs, the JVM. */
    public int descriptorReserve() { return descriptorReserve; }
    /** The PostgreSQL store, with its password; null for the embedded SQLite file in the data directory. */
    public PgTarget store() { return store; }
    /** The Redis bus between a cluster's nodes; null (the default) for none. Needs {@link #store()}. */
    public BusTarget bus() { return bus; }
    /** With {@code --bus}: node heartbeat, its time to live in Redis, and how long presence changes are gathered. */
    public PresenceTiming presenceTiming() { return presenceTiming; }
    /** This node's name among a cluster's: given, or the host name and the port asked for. */
    public String nodeId() {
        if (nodeId != null) {
            return nodeId;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + port;
    }

    public ServerConfig bind(String value) { bind = value; return this; }
    public ServerConfig port(int value) { port = value; return this; }
    public ServerConfig ircPort(int value) { ircPort = value; return this; }
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

    public ServerConfig loginAccountCeiling(int perHour) { loginAccountCeilingPerHour = perHour; return this; }

    public ServerConfig registerThrottle(int burst, double perHour) {
        registerBurst = burst;
        registerPerHour = perHour;
        return this;
    }

    public ServerConfig roomsPerUser(int value) { roomsPerUser = value; return this; }

    public ServerConfig historyPageBytes(int value) {
        if (value < MIN_HISTORY_PAGE_BYTES || value > Limits.MAX_HISTORY_PAGE_BYTES) {
            throw new IllegalArgumentException("a history page budget is " + MIN_HISTORY_PAGE_BYTES + "-"
                    + Limits.MAX_HISTORY_PAGE_BYTES + " bytes");
        }
        historyPageBytes = value;
        return this;
    }

    public ServerConfig clock(Clock value) { clock = value; return this; }
    public ServerConfig securityLog(SecurityLog value) { securityLog = value; return this; }

    public ServerConfig timeouts(int loginDeadline, int keepAliveInterval, int keepAliveTimeout) {
        loginDeadlineSeconds = loginDeadline;
        keepAliveIntervalSeconds = keepAliveInterval;
        keepAliveTimeoutSeconds = keepAliveTimeout;
        return this;
    }

    public ServerConfig tokenLifetime(Duration value) { tokenLifetime = value; return this; }
    public ServerConfig maxBacklogBytes(long value) { maxBacklogBytes = value; return this; }
    public ServerConfig acceptBacklog(int value) { acceptBacklog = value; return this; }
    public ServerConfig presenceDelayMillis(long value) { presenceDelayMillis = value; return this; }
    public ServerConfig minFreeSpaceBytes(long value) { minFreeSpaceBytes = value; return this; }
    public ServerConfig integrityCheckBudget(Duration value) { integrityCheckBudget = value; return this; }
    public ServerConfig handshakeDeadlineSeconds(int value) { handshakeDeadlineSeconds = value; return this; }
    public ServerConfig maxConnectionsPerAddress(int value) { maxConnectionsPerAddress = value; return this; }
    public ServerConfig maxUnauthenticated(int value) { maxUnauthenticated = value; return this; }
    public ServerConfig maxConnections(int value) { maxConnections = value; return this; }
    public ServerConfig descriptorReserve(int value) { descriptorReserve = value; return this; }
    public ServerConfig store(PgTarget value) { store = value; return this; }
    public ServerConfig nodeId(String value) { nodeId = value; return this; }
    public ServerConfig bus(BusTarget value) { bus = value; return this; }
    public ServerConfig presenceTiming(PresenceTiming value) { presenceTiming = value; return this; }
}
