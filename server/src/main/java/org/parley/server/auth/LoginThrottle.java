package org.parley.server.auth;

import java.time.Clock;

import org.parley.server.RequestRefusedException;
import org.parley.server.audit.SecurityLog;
import org.parley.server.limit.KnownLogins;
import org.parley.server.limit.RecentLogins;
import org.parley.server.limit.Throttle;

/**
 * Limits password guessing without handing out a lock-out lever. Three budgets, all charged up front (so a burst
 * of parallel guesses cannot slip through before the first failure is known) and refunded on success, so only
 * failures accumulate; unknown accounts are charged exactly like real ones:
 * <ul>
 * <li>per account <em>and</em> address: the tight one (5, then 1 a minute). A guesser is slowed down on the
 * accounts it guesses at, but its failures do not refuse the owner, who comes from another address;</li>
 * <li>per account over all addresses: a loose ceiling (100 an hour, OWASP ASVS 4.0 V2.2.1) against guessing spread
 * over many addresses. An address that logged in to the account before is exempt, so even that ceiling does not
 * lock the owner out of their usual places;</li>
 * <li>per address over all accounts: against one address guessing at many accounts (also charged by resumes).</li>
 * </ul>
 */
public final class LoginThrottle {
    private final Throttle perPair;
    private final Throttle perAccount;
    private final Throttle perAddress;
    /** (account, address) pairs that succeeded before. */
    private final KnownLogins known;
    private final SecurityLog log;

    /**
     * @param pairBurst        failed logins an account absorbs from one address
     * @param pairPerMin       of which it recovers this many per minute
     * @param accountPerHour   failed logins an account absorbs per hour from all addresses (also its burst)
     * @param addressBurst     failed attempts one address absorbs over all accounts
     * @param addressPerMin    of which it recovers this many per minute
     */
    public LoginThrottle(int pairBurst, double pairPerMin, int accountPerHour, int addressBurst, double addressPerMin,
            Clock clock, SecurityLog log) {
        this(pairBurst, pairPerMin, accountPerHour, addressBurst, addressPerMin, clock, log, Throttle.Factory.LOCAL,
                new RecentLogins());
    }

    /**
     * @param budgets where the budgets live: this node's memory, or on a cluster Redis, shared by every node
     * @param known   where the addresses each account logged in from are kept, likewise
     */
    public LoginThrottle(int pairBurst, double pairPerMin, int accountPerHour, int addressBurst, double addressPerMin,
            Clock clock, SecurityLog log, Throttle.Factory budgets, KnownLogins known) {
        this.perPair = budgets.create("pair", pairBurst, pairPerMin / 60, clock);
        this.perAccount = budgets.create("account", accountPerHour, accountPerHour / 3600.0, clock);
        this.perAddress = budgets.create("address", addressBurst, addressPerMin / 60, clock);
        this.known = known;
        this.log = log;
    }

    /** What one attempt was charged, to be settled once its outcome is known. */
    final class Attempt {
        private final String account;
        private final String address;
        private final boolean accountCharged;

        private Attempt(String account, String address, boolean accountCharged) {
            this.account = account;
            this.address = address;
            this.accountCharged = accountCharged;
        }

        /** The attempt succeeded: it costs nothing, and this address is known to the account from now on. */
        void succeeded() {
            refund();
            if (account != null) {
                known.remember(pair(account, address));
            }
        }

        /** The attempt was turned away before any check (e.g. hashing busy): it costs nothing. */
        void refund() {
            perAddress.refund(address);
            if (account != null) {
                perPair.refund(pair(account, address));
            }
            if (accountCharged) {
                perAccount.refund(account);
            }
        }
    }

    /**
     * Charges an attempt; {@code account} is null for a resume. Throws RATE_LIMITED (nothing charged) when over a
     * budget, without any password being checked.
     */
    Attempt charge(String account, String address) {
        long wait = perAddress.tryTake(address);
        if (wait > 0) {
            throw limited(wait, address, "address over its failed-attempt budget");
        }
        if (account == null) {
            return new Attempt(null, address, false);
        }
        String pair = pair(account, address);
        wait = perPair.tryTake(pair);
        if (wait > 0) {
            perAddress.refund(address);
            throw limited(wait, address, "failed logins for " + forLog(account) + " from this address");
        }
        boolean isKnown = known.contains(pair);
        if (!isKnown) {
            wait = perAccount.tryTake(account);
            if (wait > 0) {
                perAddress.refund(address);
                perPair.refund(pair);
                throw limited(wait, address, "failed logins for " + forLog(account) + " over all addresses");
            }
        }
        return new Attempt(account, address, !isKnown);
    }

    private RequestRefusedException limited(long waitMillis, String address, String why) {
        log.event("login-throttled", address, why + "; retry after " + waitMillis + " ms");
        return RequestRefusedException.rateLimited("too many failed attempts", waitMillis);
    }

    /**
     * A login name as it may appear in a log line: quoted, at most 40 characters, anything but printable ASCII
     * replaced, so a name sent to log in (never validated) cannot forge or flood log lines.
     */
    static String forLog(String account) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < account.length() && i < 40; i++) {
            char c = account.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        return out.append(account.length() > 40 ? "...'" : "'").toString();
    }

    /** Account keys are lower-case names, which cannot contain a space. */
    private static String pair(String account, String address) {
        return account + " " + address;
    }
}
