package org.parley.server.irc;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.parley.server.auth.AuthService;
import org.parley.server.limit.TokenBucket;
import org.parley.server.net.Connection;

/**
 * What the gateway knows about one IRC connection beyond its Parley {@link Connection}: the registration in progress,
 * the capabilities agreed, and the channels the client has been told it is in. Commands run one at a time on the
 * connection's chain; the renderer reads {@link #caps} and {@link #channels} from other threads, hence the
 * concurrent sets.
 */
final class IrcClient {
    private static final AttributeKey KEY = new AttributeKey(IrcClient.class, "irc");

    final IoSession session;
    final Connection connection;
    final TokenBucket flood;
    final Set<String> caps = ConcurrentHashMap.newKeySet();
    /** Rooms (lower case) this client has had a JOIN for. */
    final Set<String> channels = ConcurrentHashMap.newKeySet();
    /** Per room, the id of the first message the renderer delivered live: a history replay stops below it. */
    final Map<String, Long> firstLive = new ConcurrentHashMap<>();

    // Registration, touched only by commands on the connection's chain.
    String nick;
    boolean userGiven;
    boolean capNegotiating;
    String password;
    boolean saslStarted;
    StringBuilder saslBuffer;
    AuthService.Session login;
    volatile boolean registered;
    /** Set when a PING is sent because the client went quiet; cleared by anything it sends. */
    volatile long pingSentNanos;

    private IrcClient(IoSession session, Connection connection, TokenBucket flood) {
        this.session = session;
        this.connection = connection;
        this.flood = flood;
    }

    static IrcClient attach(IoSession session, Connection connection, TokenBucket flood) {
        IrcClient client = new IrcClient(session, connection, flood);
        session.setAttribute(KEY, client);
        return client;
    }

    static IrcClient of(IoSession session) {
        return (IrcClient) session.getAttribute(KEY);
    }

    /** The name to address replies to: the account once logged in, the nick asked for before, else "*". */
    String target() {
        return registered ? login.user() : nick == null ? "*" : nick;
    }

    String user() {
        return login.user();
    }

    boolean has(String cap) {
        return caps.contains(cap);
    }
}
