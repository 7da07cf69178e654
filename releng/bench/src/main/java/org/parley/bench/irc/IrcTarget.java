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

/** A fresh InspIRCd with its bots in channel {@code #bench}: the reference side of the fan-out comparison. */
public final class IrcTarget implements ChatTarget {
    public static final String CHANNEL = "#bench";

    private final Inspircd server;
    private final LineConnector connector;

    private IrcTarget(Inspircd server, LineConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public static IrcTarget start(Path dir, Path logDir, int ioThreads, int sourceAddresses)
            throws IOException, TimeoutException, InterruptedException, GeneralSecurityException {
        Inspircd server = Inspircd.start(dir, logDir);
        try {
            LineConnector connector = new LineConnector(PinnedTrust.context(PinnedTrust.fromPem(server.certificate())),
                    server.address(), LineDelimiter.CRLF, ioThreads, sourceAddresses);
            return new IrcTarget(server, connector);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "InspIRCd";
    }

    @Override
    public CompletableFuture<ChatBot> seat(int index, Deliveries sink) {
        return IrcBot.seat(connector, "bot" + index, CHANNEL, sink).thenApply(bot -> (ChatBot) bot);
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
