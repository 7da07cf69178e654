package org.parley.bench.irc;

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
import org.parley.bench.parley.ParleyBot;
import org.parley.bench.parley.ParleyServer;
import org.parley.bench.parley.ParleyTarget;

/**
 * A fresh Parley server with its IRC gateway on, seated by the same {@link IrcBot}s that InspIRCd gets: the IRC
 * fan-out run compares the two servers through one and the same IRC client code. Accounts are registered over the
 * Parley protocol first (IRC has no registration); bots log in with {@code PASS}, sharing accounts beyond
 * {@link ParleyTarget#MAX_ACCOUNTS} as the Parley run does.
 */
public final class GatewayTarget implements ChatTarget {
    private final ParleyServer server;
    private final LineConnector parley;
    private final LineConnector irc;

    private GatewayTarget(ParleyServer server, LineConnector parley, LineConnector irc) {
        this.server = server;
        this.parley = parley;
        this.irc = irc;
    }

    public static GatewayTarget start(Path jar, Path dir, int ioThreads, int sourceAddresses)
            throws IOException, TimeoutException, GeneralSecurityException {
        ParleyServer server = ParleyServer.startWithIrcGateway(jar, dir, dir);
        try {
            LineConnector irc = new LineConnector(PinnedTrust.context(server.certificate()), server.ircAddress(),
                    LineDelimiter.CRLF, ioThreads, sourceAddresses);
            return new GatewayTarget(server, ParleyTarget.connector(server, 1, 1), irc);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "Parley IRC gateway";
    }

    @Override
    public CompletableFuture<ChatBot> seat(int index, Deliveries sink) {
        String account = "bot" + index % ParleyTarget.MAX_ACCOUNTS;
        return ParleyBot.connect(parley, ParleyTarget.ROOM, new Deliveries())
                .thenCompose(bot -> bot.register(account).whenComplete((b, e) -> bot.close()))
                .thenCompose(bot -> IrcBot.seat(irc, account, ParleyBot.PASSWORD, IrcTarget.CHANNEL, sink))
                .thenApply(bot -> (ChatBot) bot);
    }

    @Override
    public List<Long> pids() {
        return List.of(server.pid());
    }

    @Override
    public void close() {
        irc.close();
        parley.close();
        server.close();
    }
}
