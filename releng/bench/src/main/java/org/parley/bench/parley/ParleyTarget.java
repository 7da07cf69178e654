package org.parley.bench.parley;

import java.util.List;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.apache.mina.filter.codec.textline.LineDelimiter;
import org.parley.bench.load.ChatBot;
import org.parley.bench.load.ChatTarget;
import org.parley.bench.load.Deliveries;
import org.parley.bench.net.LineConnector;
import org.parley.bench.net.PinnedTrust;

/** A fresh Parley server with its bots in room {@code #bench}: one side of the fan-out comparison. */
public final class ParleyTarget implements ChatTarget {
    public static final String ROOM = "#bench";
    /**
     * Rooms larger than this share accounts among their connections (bot i logs in as account i mod 1,000), as
     * they did when every login was announced to every session (protocol 2, O(N²) to seat): kept so that the rooms
     * compare with earlier runs; fan-out is per session either way.
     */
    public static final int MAX_ACCOUNTS = 1_000;

    private final ParleyServer server;
    private final LineConnector connector;

    private ParleyTarget(ParleyServer server, LineConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** @param realHashing production Argon2id cost (the login storm) instead of the cheap one */
    public static ParleyTarget start(Path jar, Path dataDir, Path logDir, int ioThreads, int sourceAddresses, boolean realHashing)
            throws IOException, TimeoutException, GeneralSecurityException {
        ParleyServer server = ParleyServer.start(jar, dataDir, logDir, realHashing);
        try {
            return new ParleyTarget(server, connector(server, ioThreads, sourceAddresses));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A connector to {@code server}, trusting exactly its certificate. */
    public static LineConnector connector(ParleyServer server, int ioThreads, int sourceAddresses)
            throws IOException, GeneralSecurityException {
        return new LineConnector(PinnedTrust.context(server.certificate()), server.address(), LineDelimiter.UNIX,
                ioThreads, sourceAddresses);
    }

    public ParleyServer server() {
        return server;
    }

    public LineConnector connector() {
        return connector;
    }

    @Override
    public String name() {
        return "Parley";
    }

    @Override
    public CompletableFuture<ChatBot> seat(int index, Deliveries sink) {
        return seat(connector, index, sink);
    }

    /** Bot {@code index} through {@code connector}: connected, registered, logged in and in {@link #ROOM}. */
    public static CompletableFuture<ChatBot> seat(LineConnector connector, int index, Deliveries sink) {
        return ParleyBot.connect(connector, ROOM, sink)
                .thenCompose(bot -> bot.registerAndLogin("bot" + index % MAX_ACCOUNTS))
                .thenCompose(ParleyBot::join)
                .thenApply(bot -> (ChatBot) bot);
    }

    @Override
    public List<Long> pids() {
        return List.of(server.pid());
    }

    @Override
    public void close() {
        connector.close();
        server.close();
    }
}
