package org.parley.server.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.apache.mina.core.session.IoSession;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.protocol.mina.FrameCodecFactory;
import org.parley.server.RequestRefusedException;
import org.parley.server.auth.AuthService;
import org.parley.server.chat.ChatService;
import org.parley.server.chat.Directory;
import org.parley.server.chat.Presence;
import org.parley.server.outbound.Outbound;

/**
 * Carries out one decoded request for one connection and writes its reply. Runs on the request executor;
 * the returned future completes when the request is finished, which releases the connection's next request.
 */
final class RequestDispatcher {
    private final AuthService auth;
    private final ChatService chat;
    private final Presence presence;
    private final Executor requests;

    RequestDispatcher(AuthService auth, ChatService chat, Presence presence, Executor requests) {
        this.requests = requests;
        this.auth = auth;
        this.chat = chat;
        this.presence = presence;
    }

    /**
     * Sends are pipelined: a send is handed to the database writer at once and the connection's next request
     * may start before it commits, so one connection can have many messages in one group commit instead of
     * one message per fsync. Replies still go out in request order: the writer acknowledges in submission
     * order, a failed send reports after the replies of the sends before it, and any other request starts
     * only once every earlier send has been answered.
     */
    CompletableFuture<Void> dispatch(Connection c, Request request) {
        CompletableFuture<Void> earlierSends = c.sendsReplied();
        if (request instanceof Request.Send && c.user() != null) {
            CompletableFuture<Void> outcome = attempt(c, request);
            return c.sendInFlight(earlierSends.thenCompose(v -> replyOnFailure(c, request, outcome)));
        }
        if (earlierSends.isDone()) {
            return replyOnFailure(c, request, attempt(c, request));
        }
        // Not on the database writer, which is what completes earlier sends.
        return earlierSends.thenComposeAsync(v -> replyOnFailure(c, request, attempt(c, request)), requests);
    }

    private CompletableFuture<Void> attempt(Connection c, Request request) {
        try {
            return route(c, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Void> replyOnFailure(Connection c, Request request, CompletableFuture<Void> outcome) {
        return outcome.exceptionally(failure -> {
            send(c, Replies.error(request.id(), failure));
            return null;
        });
    }

    private CompletableFuture<Void> route(Connection c, Request request) {
        String address = Addresses.host(c.session);
        if (request instanceof Request.Ping ping) {
            return reply(c, new ServerMessage.Pong(ping.id()));
        }
        if (request instanceof Request.Register r) {
            return auth.register(r.username(), r.password(), address).thenRun(() -> send(c, ServerMessage.Ok.of(r.id())));
        }
        if (request instanceof Request.Login r) {
            requireLoggedOut(c);
            return auth.login(r.username(), r.password(), address).thenAccept(s -> loggedIn(c, r.id(), s));
        }
        if (request instanceof Request.Resume r) {
            requireLoggedOut(c);
            return auth.resume(r.token(), address).thenAccept(s -> loggedIn(c, r.id(), s));
        }
        String user = c.user();
        if (user == null) {
            throw new RequestRefusedException(ErrorCode.NOT_AUTHENTICATED, "log in first");
        }
        if (request instanceof Request.Logout r) {
            return auth.logout(c.tokenHash()).thenRun(() -> {
                loggedOut(c, user);
                send(c, ServerMessage.Ok.of(r.id()));
            });
        }
        if (request instanceof Request.Users r) {
            Presence.Page page = chat.online(r.after(), r.limit(), r.prefix());
            return reply(c, new ServerMessage.Users(r.id(), page.users(), page.more()));
        }
        if (request instanceof Request.Watch r) {
            chat.watch(c.session, r.users(), online -> send(c, new ServerMessage.Watch(r.id(), online)));
            return CompletableFuture.completedFuture(null);
        }
        if (request instanceof Request.Rooms r) {
            Directory.RoomPage page = chat.rooms(user, r.after(), r.limit());
            return reply(c, new ServerMessage.Rooms(r.id(), page.rooms(), page.more()));
        }
        if (request instanceof Request.Join r) {
            return chat.join(user, r.room(), address).thenRun(() -> send(c, ServerMessage.Ok.of(r.id())));
        }
        if (request instanceof Request.Leave r) {
            return chat.leave(user, r.room()).thenRun(() -> send(c, ServerMessage.Ok.of(r.id())));
        }
        if (request instanceof Request.Send r) {
            return chat.send(user, c.session, r.to(), r.text(), r.key(),
                    msg -> send(c, new ServerMessage.Ok(r.id(), null, null, msg))).thenAccept(acknowledgedOnCommit -> { });
        }
        if (request instanceof Request.History r) {
            return chat.history(user, r.with(), r.before(), r.after(), r.limit(), r.id())
                    .thenAccept(page -> send(c, new ServerMessage.History(r.id(), page.messages(), page.more())));
        }
        if (request instanceof Request.Read r) {
            return chat.read(user, c.session, r.with(), r.upTo()).thenRun(() -> send(c, ServerMessage.Ok.of(r.id())));
        }
        if (request instanceof Request.Search r) {
            return chat.search(user, r.query(), r.with(), r.before(), r.limit(), r.id()).thenAccept(page -> send(c, page));
        }
        if (request instanceof Request.Unread r) {
            return chat.unread(user).thenAccept(list -> send(c, new ServerMessage.Unread(r.id(), list)));
        }
        throw new RequestRefusedException(ErrorCode.UNKNOWN_TYPE, "unsupported request " + request.getClass().getSimpleName());
    }

    private static CompletableFuture<Void> reply(Connection c, ServerMessage message) {
        send(c, message);
        return CompletableFuture.completedFuture(null);
    }

    /** Replies are written from worker threads, possibly while the connection closes: see {@link Outbound}. */
    private static void send(Connection c, ServerMessage message) {
        Outbound.write(c.session, message);
    }

    private static void requireLoggedOut(Connection c) {
        if (c.user() != null) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "already logged in as " + c.user() + "; log out first");
        }
    }

    /** Reply first, then announce: the client hears "ok" before any push addressed to its new identity. */
    private void loggedIn(Connection c, String re, AuthService.Session s) {
        IoSession session = c.session;
        c.loggedIn(s.user(), s.tokenHash());
        FrameCodecFactory.setMaxFrameBytes(session, Limits.MAX_FRAME_BYTES);
        presence.online(s.user(), session, () -> Outbound.write(session, new ServerMessage.Ok(re, s.user(), s.token(), null)));
        if (session.isClosing() || !session.isConnected()) {
            // Closed while the login was in flight: sessionClosed has run already and found nobody to remove.
            presence.offline(s.user(), session);
        }
    }

    void loggedOut(Connection c, String user) {
        c.loggedOut();
        presence.offline(user, c.session);
        FrameCodecFactory.setMaxFrameBytes(c.session, Limits.MAX_FRAME_BYTES_UNAUTHENTICATED);
    }
}
