package org.parley.server.auth;

import org.parley.server.chat.ChatException;
import org.parley.server.limit.KeyedThrottle;

/**
 * Limits password guessing per account and per client address. Every attempt is charged up front (so a
 * burst of parallel guesses cannot slip through before the first failure is known) and refunded on success,
 * so only failures accumulate. Unknown accounts are charged exactly like real ones.
 */
public final class LoginThrottle {
    private final KeyedThrottle perAccount;
    private final KeyedThrottle perAddress;

    /**
     * @param accountBurst   failed logins an account absorbs before being throttled
     * @param accountPerMin  failed logins per minute it recovers
     * @param addressBurst   failed attempts one address absorbs
     * @param addressPerMin  failed attempts per minute an address recovers
     */
    public LoginThrottle(int accountBurst, double accountPerMin, int addressBurst, double addressPerMin) {
        this.perAccount = new KeyedThrottle(accountBurst, accountPerMin / 60);
        this.perAddress = new KeyedThrottle(addressBurst, addressPerMin / 60);
    }

    /** Charges an attempt; {@code account} may be null (registration, resume). Throws RATE_LIMITED when over. */
    void charge(String account, String address) {
        long wait = perAddress.tryTake(address);
        if (wait == 0 && account != null) {
            wait = perAccount.tryTake(account);
            if (wait > 0) {
                perAddress.refund(address);
            }
        }
        if (wait > 0) {
            throw ChatException.rateLimited("too many failed attempts", wait);
        }
    }

    void refund(String account, String address) {
        perAddress.refund(address);
        if (account != null) {
            perAccount.refund(account);
        }
    }
}
