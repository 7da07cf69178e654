package org.parley.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.server.RequestRefusedException;
import org.parley.server.audit.SecurityLog;
import org.parley.server.chat.Directory;
import org.parley.server.chat.Names;
import org.parley.server.chat.StoreFailures;
import org.parley.server.bus.Bus;
import org.parley.server.limit.Throttle;
import org.parley.server.store.Store;
import org.parley.server.store.UserStore;

/**
 * Registration, password login and token resume. Password hashing runs on its own bounded pool: when it is
 * saturated new attempts are refused with RATE_LIMITED rather than queued, so a login storm cannot starve
 * chat traffic. Failures never say whether the account exists.
 */
public final class AuthService {

    /** Who logged in and the fresh resume token handed to them (only its hash is stored). */
    public record Session(String user, String token, String tokenHash) {
    }

    private static final long BUSY_RETRY_MS = 1000;

    private final Store store;
    private final Directory directory;
    private final PasswordHasher hasher;
    private final ExecutorService hashPool;
    private final LoginThrottle throttle;
    private final Throttle registrations;
    private final ResumeTokens tokens = new ResumeTokens();
    private final Duration tokenLifetime;
    private final Clock clock;
    private final SecurityLog log;
    /** Tells the cluster's other nodes of new accounts; null on a single node. */
    private final Bus bus;

    /**
     * @param registrations registrations per client address, successful or not
     * @param bus           the cluster's bus, or null on a single node
     */
    public AuthService(Store store, Directory directory, PasswordHasher hasher, ExecutorService hashPool,
            LoginThrottle throttle, Throttle registrations, Duration tokenLifetime, Clock clock, SecurityLog log,
            Bus bus) {
        this.bus = bus;
        this.store = store;
        this.directory = directory;
        this.hasher = hasher;
        this.hashPool = hashPool;
        this.throttle = throttle;
        this.registrations = registrations;
        this.tokenLifetime = tokenLifetime;
        this.clock = clock;
        this.log = log;
    }

    public CompletableFuture<Void> register(String username, String password, String address) {
        if (!Names.isValidUsername(username)) {
            throw new RequestRefusedException(ErrorCode.INVALID_USERNAME, "a username is " + Limits.MIN_USERNAME + "-"
                    + Limits.MAX_USERNAME + " letters, digits, '_', '.' or '-'");
        }
        int length = password.codePointCount(0, password.length());
        if (length < Limits.MIN_PASSWORD || length > Limits.MAX_PASSWORD) {
            throw new RequestRefusedException(ErrorCode.WEAK_PASSWORD, "a password is " + Limits.MIN_PASSWORD + "-"
                    + Limits.MAX_PASSWORD + " characters");
        }
        // Charged before the name is looked up and never refunded (except when hashing is busy): every answer,
        // USERNAME_TAKEN included, costs the address one registration, so neither account floods nor probing for
        // existing names go faster than the budget.
        long wait = registrations.tryTake(address);
        if (wait > 0) {
            log.event("register-throttled", address, "registration budget of this address used up; retry after " + wait + " ms");
            throw RequestRefusedException.rateLimited("too many registrations from this address", wait);
        }
        if (directory.user(username).isPresent()) {
            throw new RequestRefusedException(ErrorCode.USERNAME_TAKEN, "username taken");
        }
        return hashed(() -> hasher.hash(password), () -> registrations.refund(address))
                .thenCompose(hash -> StoreFailures.answered(store.users().add(username, hash, clock.millis(),
                        inserted -> {
                            if (inserted) {
                                directory.addUser(username);
                                if (bus != null) {
                                    bus.userAdded(username);
                                }
                            }
                        })))
                .thenAccept(inserted -> {
                    if (!inserted) {
                        throw new RequestRefusedException(ErrorCode.USERNAME_TAKEN, "username taken");
                    }
                })
                .whenComplete(onStorageFailure(() -> registrations.refund(address)));
    }

    /** A full or failing disk is not an attempt: retrying through it must not spend anyone's budget. */
    private static <T> BiConsumer<T, Throwable> onStorageFailure(Runnable refund) {
        return (value, failure) -> {
            if (failure != null && StoreFailures.isStorageFailure(failure)) {
                refund.run();
            }
        };
    }

    public CompletableFuture<Session> login(String username, String password, String address) {
        String accountKey = UserStore.keyOf(username);
        LoginThrottle.Attempt attempt = throttle.charge(accountKey, address);
        return StoreFailures.answered(store.users().find(username))
                .whenComplete(onStorageFailure(attempt::refund))
                .thenCompose(user -> hashed(() -> verify(user, password), attempt::refund))
                .thenCompose(verified -> {
                    if (verified == null) {
                        log.event("login-failed", address, "wrong username or password for " + LoginThrottle.forLog(accountKey));
                        throw new RequestRefusedException(ErrorCode.AUTH_FAILED, "wrong username or password");
                    }
                    attempt.succeeded();
                    return issue(verified.user(), verified.newHash());
                });
    }

    /** Exchanges a resume token for a fresh one. Tokens are single-use: the presented one is revoked. */
    public CompletableFuture<Session> resume(String token, String address) {
        LoginThrottle.Attempt attempt = throttle.charge(null, address);
        String presented = ResumeTokens.hash(token);
        String fresh = tokens.newToken();
        String freshHash = ResumeTokens.hash(fresh);
        long now = clock.millis();
        return StoreFailures.answered(store.tokens().rotate(presented, freshHash, now, now + tokenLifetime.toMillis()))
                .thenApply(user -> {
            if (user.isEmpty()) {
                log.event("resume-failed", address, "invalid, expired or reused resume token");
                throw new RequestRefusedException(ErrorCode.AUTH_FAILED, "invalid or expired token");
            }
            String name = user.get();
            attempt.succeeded();
            return new Session(name, fresh, freshHash);
        }).whenComplete(onStorageFailure(attempt::refund));
    }

    public CompletableFuture<Void> logout(String tokenHash) {
        return StoreFailures.answered(store.tokens().revoke(tokenHash));
    }

    /** A successful password check; {@code newHash} replaces a hash made with weaker parameters, else null. */
    private record Verified(String user, String newHash) {
    }

    /** Runs on the hash pool: the check, the dummy check for unknown users, and any rehash all cost a hash. */
    private Verified verify(Optional<UserStore.User> user, String password) {
        if (user.isEmpty()) {
            hasher.verifyDummy(password);
            return null;
        }
        String stored = user.get().passwordHash();
        if (!hasher.verify(password, stored)) {
            return null;
        }
        return new Verified(user.get().name(), hasher.needsRehash(stored) ? hasher.hash(password) : null);
    }

    private CompletableFuture<Session> issue(String user, String newPasswordHash) {
        String token = tokens.newToken();
        String tokenHash = ResumeTokens.hash(token);
        long expires = clock.millis() + tokenLifetime.toMillis();
        return StoreFailures.answered(store.tokens().issue(tokenHash, user, expires, newPasswordHash))
                .thenApply(v -> new Session(user, token, tokenHash));
    }

    /**
     * Runs {@code work} on the bounded hash pool. When the pool is full the attempt is turned away before any
     * password was checked, so {@code refund} gives back what it was charged: otherwise a user retrying through a
     * login storm (or through someone else's flood) would spend the account's failed-login budget and be locked out
     * with the right password.
     */
    private <T> CompletableFuture<T> hashed(Supplier<T> work, Runnable refund) {
        try {
            return CompletableFuture.supplyAsync(work, hashPool);
        } catch (RejectedExecutionException e) {
            refund.run();
            return CompletableFuture.failedFuture(RequestRefusedException.rateLimited("server busy, retry shortly", BUSY_RETRY_MS));
        }
    }
}
