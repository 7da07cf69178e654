package org.parley.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.session.IoSession;
import org.parley.server.audit.SecurityLog;
import org.parley.server.auth.AuthService;
import org.parley.server.auth.LoginThrottle;
import org.parley.server.auth.PasswordHasher;
import org.parley.server.backup.BackupWatcher;
import org.parley.server.bus.RedisBus;
import org.parley.server.chat.ChatService;
import org.parley.server.chat.Directory;
import org.parley.server.chat.Fanout;
import org.parley.server.chat.Presence;
import org.parley.server.irc.IrcGateway;
import org.parley.server.irc.Services;
import org.parley.server.limit.ConnectionLimits;
import org.parley.server.limit.Descriptors;
import org.parley.server.limit.RecentLogins;
import org.parley.server.limit.Throttle;
import org.parley.server.net.AdmittingAcceptor;
import org.parley.server.net.Pipeline;
import org.parley.server.outbound.Drainers;
import org.parley.server.outbound.Outbound;
import org.parley.server.store.Database;
import org.parley.server.store.SqlStore;
import org.parley.server.store.Store;
import org.parley.server.store.pg.PgDatabase;
import org.parley.server.tls.KeystoreFaults;
import org.parley.server.tls.TlsContext;
import org.parley.server.util.Causes;
import org.parley.server.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running server: wires storage, services and the MINA acceptor together, and takes them down in order. */
public final class ParleyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);
    public static final String DATABASE_FILE = "parley.db";

    private final TlsContext tls;
    private final Store db;
    private final ExecutorService hashPool;
    private final ExecutorService requests;
    private final Drainers drainers;
    private final Presence presence;
    private final ScheduledThreadPoolExecutor deadlines;
    private final AdmittingAcceptor acceptor;
    private final InetSocketAddress address;
    private final BackupWatcher backups;
    /** Null when the IRC gateway is off. */
    private final IrcGateway irc;
    /** Null without {@code --bus}. */
    private final RedisBus bus;

    private ParleyServer(TlsContext tls, Store db, ExecutorService hashPool, ExecutorService requests,
            Drainers drainers, Presence presence, ScheduledThreadPoolExecutor deadlines, AdmittingAcceptor acceptor,
            InetSocketAddress address, BackupWatcher backups, IrcGateway irc, RedisBus bus) {
        this.bus = bus;
        this.tls = tls;
        this.db = db;
        this.hashPool = hashPool;
        this.requests = requests;
        this.drainers = drainers;
        this.presence = presence;
        this.deadlines = deadlines;
        this.acceptor = acceptor;
        this.address = address;
        this.backups = backups;
        this.irc = irc;
    }

    /** Starts serving; every fault an operator must fix is a {@link StartupException}, and leaves nothing running. */
    public static ParleyServer start(ServerConfig config) throws StartupException, SQLException {
        if (config.bus() != null && config.store() == null) {
            // Checked before anything is opened or created: the data directory stays as it was.
            throw new StartupException(ExitCode.USAGE, "--bus needs --store postgresql://HOST/DB: nodes share messages"
                    + " through one PostgreSQL database, and the SQLite file in --data-dir belongs to one node");
        }
        DataDirectory.prepare(config.dataDir());
        TlsContext tls = KeystoreFaults.open(config.dataDir(), config.keystore(), config.keystorePassword());
        Store db = openStore(config);
        try {
            return serve(config, tls, db);
        } catch (StartupException | SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** PostgreSQL when {@code --store} names one, else the SQLite file in the data directory. */
    private static Store openStore(ServerConfig config) throws StartupException, SQLException {
        if (config.store() != null) {
            return PgDatabase.open(config.store(), config.nodeId());
        }
        return SqlStore.sqlite(Database.open(config.dataDir().resolve(DATABASE_FILE), config.integrityCheckBudget(),
                config.minFreeSpaceBytes()));
    }

    private static ParleyServer serve(ServerConfig config, TlsContext tls, Store db) throws StartupException, SQLException {
        db.tokens().purgeExpired(config.clock().millis()).join();
        Directory directory = Directory.load(db);
        Presence presence = new Presence();
        Fanout fanout = new Fanout(presence, directory);
        // Before the node accepts anyone: what was stored until now is history, not pushes.
        RedisBus bus = config.bus() == null ? null
                : RedisBus.start(config.bus(), config.nodeId(), db, directory, fanout::deliver, fanout::readMoved);
        if (bus != null) {
            bus.sharePresence(presence, config.presenceTiming(), config.clock());
        }
        try {
            return serve(config, tls, db, directory, presence, fanout, bus);
        } catch (StartupException | SQLException | RuntimeException e) {
            if (bus != null) {
                bus.close();
            }
            throw e;
        }
    }

    private static ParleyServer serve(ServerConfig config, TlsContext tls, Store db, Directory directory,
            Presence presence, Fanout fanout, RedisBus bus) throws StartupException, SQLException {
        // Bounded queue + abort: beyond this many logins waiting for a hash, callers hear RATE_LIMITED.
        ExecutorService hashPool = new ThreadPoolExecutor(config.hashThreads(), config.hashThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.hashQueue()), NamedThreads.daemon("parley-hash"), new ThreadPoolExecutor.AbortPolicy());
        ExecutorService requests = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), NamedThreads.daemon("parley-request"));
        Drainers drainers = new Drainers(Math.max(2, Runtime.getRuntime().availableProcessors()), config.maxBacklogBytes(),
                config.presenceDelayMillis());
        // On a cluster every budget is the cluster's (through Redis): more nodes must not mean more guesses or accounts.
        Throttle.Factory budgets = bus == null ? Throttle.Factory.LOCAL : bus.sharedBudgets();
        LoginThrottle throttle = new LoginThrottle(config.loginAccountBurst(), config.loginAccountPerMinute(),
                config.loginAccountCeilingPerHour(), config.loginAddressBurst(), config.loginAddressPerMinute(),
                config.clock(), config.securityLog(), budgets, bus == null ? new RecentLogins() : bus.sharedKnownLogins());
        Throttle registrations = budgets.create("register", config.registerBurst(), config.registerPerHour() / 3600, config.clock());
        AuthService auth = new AuthService(db, directory, new PasswordHasher(config.hashParams()), hashPool, throttle,
                registrations, config.tokenLifetime(), config.clock(), config.securityLog(), bus);
        ChatService chat = new ChatService(db, directory, presence, fanout, bus, config.roomsPerUser(),
                config.historyPageBytes(), config.clock(), config.securityLog());

        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, NamedThreads.daemon("parley-deadline"));
        // Most checks are cancelled by a login or a close long before they are due; leaving them in the heap until
        // then would keep thousands of dead connections reachable.
        deadlines.setRemoveOnCancelPolicy(true);
        // With the database open: the descriptors left, less the reserve, decide how many connections fit.
        ConnectionLimits limits = new ConnectionLimits(config.maxConnectionsPerAddress(), config.maxUnauthenticated(),
                Descriptors.connectionCeiling(config.maxConnections(), config.descriptorReserve()));
        AdmittingAcceptor acceptor = new AdmittingAcceptor(limits, config.securityLog());
        acceptor.setReuseAddress(true);
        // After a restart every client reconnects at once; MINA's default of 50 pending connections would
        // make the kernel drop most of their SYNs and each client wait out TCP's retransmission backoff.
        acceptor.setBacklog(config.acceptBacklog());
        // Chat frames are small and Outbound already gathers what piles up into one write; Nagle's algorithm would
        // hold each push back until the previous one is acknowledged, which the client may delay by up to 40 ms.
        acceptor.getSessionConfig().setTcpNoDelay(true);
        Pipeline.install(acceptor, tls, config, auth, chat, presence, requests, drainers, deadlines, "parley/" + version());
        try {
            acceptor.bind(new InetSocketAddress(config.bind(), config.port()));
        } catch (IOException e) {
            abandon(acceptor, deadlines, requests, hashPool, drainers);
            throw new StartupException(ExitCode.CANNOT_LISTEN, "cannot listen on " + config.bind() + ":" + config.port()
                    + ": " + bindFailure(e) + "; stop what holds the port or choose another --port (or --bind)", e);
        }
        IrcGateway irc = null;
        if (config.ircPort() != ServerConfig.IRC_OFF) {
            try {
                irc = IrcGateway.start(config, tls, limits, new Services(auth, chat, presence, directory, requests),
                        drainers, deadlines);
            } catch (IOException e) {
                abandon(acceptor, deadlines, requests, hashPool, drainers);
                throw new StartupException(ExitCode.CANNOT_LISTEN, "cannot listen for IRC on " + config.bind() + ":"
                        + config.ircPort() + ": " + bindFailure(e) + "; stop what holds the port or choose another"
                        + " --irc-port", e);
            }
        }
        BackupWatcher backups;
        try {
            // `backup FILE` cannot open the database while we hold it, so it asks us for the copy.
            backups = BackupWatcher.start(config.dataDir(), db);
        } catch (StartupException e) {
            if (irc != null) {
                irc.close();
            }
            abandon(acceptor, deadlines, requests, hashPool, drainers);
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) acceptor.getLocalAddress();
        LOG.info("node {} listening on {} (store {}, data in {}); at most {} connections, {} per address, {} not logged in",
                config.nodeId(), bound, db.location(), config.dataDir().toAbsolutePath(), limits.total(), limits.perAddress(), limits.unauthenticated());
        if (irc != null) {
            LOG.info("IRC gateway listening on {}", irc.address());
        }
        return new ParleyServer(tls, db, hashPool, requests, drainers, presence, deadlines, acceptor, bound, backups, irc,
                bus);
    }

    /** Undoes a start that failed after the pools were made (the caller closes the database). */
    private static void abandon(AdmittingAcceptor acceptor, ScheduledThreadPoolExecutor deadlines,
            ExecutorService requests, ExecutorService hashPool, Drainers drainers) {
        acceptor.dispose(true);
        deadlines.shutdownNow();
        requests.shutdownNow();
        hashPool.shutdownNow();
        drainers.close();
    }

    /** MINA wraps the socket's own complaint ("Address already in use") in a generic one. */
    private static String bindFailure(IOException e) {
        return String.valueOf(Causes.root(e).getMessage());
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Where the IRC gateway listens, or null when it is off. */
    public InetSocketAddress ircAddress() {
        return irc == null ? null : irc.address();
    }

    public TlsContext tls() {
        return tls;
    }

    /** Where the data lives: the SQLite file, or the PostgreSQL URL without its password. */
    public String storeLocation() {
        return db.location();
    }

    /** Whether this start created the database (first start). */
    public boolean createdDatabase() {
        return db.created();
    }

    /** The connection limits in force, with their live counts. */
    public ConnectionLimits connectionLimits() {
        return acceptor.limits();
    }

    public static String version() {
        String version = ParleyServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /**
     * Stops accepting, lets requests in flight finish and their writes commit, flushes replies, closes
     * the connections and then the database.
     */
    /** The bus, or null without {@code --bus} (tests stop it without a goodbye). */
    public RedisBus bus() {
        return bus;
    }

    @Override
    public void close() {
        acceptor.unbind();
        if (irc != null) {
            irc.unbind();
        }
        requests.shutdown();
        awaitQuietly(requests);
        hashPool.shutdownNow();
        backups.close();
        db.close();
        if (bus != null) {
            // After the store's last commits, so their events still go out (briefly; others catch up anyway).
            bus.close();
        }
        // Everybody is about to be disconnected: telling each of them about each other's going is wasted work.
        presence.shutdown();
        // Behind everything already queued, so acknowledgements of the last commits still go out.
        for (IoSession session : acceptor.getManagedSessions().values()) {
            Outbound.closeWhenFlushed(session);
        }
        if (irc != null) {
            irc.closeSessions();
        }
        drainers.close();
        deadlines.shutdownNow();
        acceptor.dispose(true);
        if (irc != null) {
            irc.close();
        }
        LOG.info("stopped");
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
