package org.parley.client.ui.internal;

import org.eclipse.osgi.util.NLS;
import org.parley.client.core.CertificateChangedException;
import org.parley.client.core.CertificateRejectedException;
import org.parley.client.core.ConnectionLostException;
import org.parley.client.core.NotConnectedException;
import org.parley.client.core.ParleyException;
import org.parley.client.core.RequestTimeoutException;
import org.parley.client.core.ServerUnreachableException;
import org.parley.protocol.Limits;

/** Turns what the core reports into a sentence for people, and says which input field it is about. */
public final class FriendlyErrors {

    /** The input a problem belongs to, so the login dialog can mark that field. */
    public enum Field {
        HOST, USERNAME, PASSWORD, GENERAL
    }

    public record Problem(Field field, String text) {
    }

    private FriendlyErrors() {
    }

    public static String message(Throwable failure) {
        return describe(failure).text();
    }

    public static Problem describe(Throwable failure) {
        ParleyException error = ParleyException.unwrap(failure);
        if (error instanceof CertificateChangedException changed) {
            return new Problem(Field.HOST,
                    NLS.bind(Messages.Error_CertificateChanged, changed.knownSha256(), changed.presentedSha256()));
        }
        if (error instanceof CertificateRejectedException) {
            return new Problem(Field.HOST, Messages.Error_CertificateRejected);
        }
        if (error instanceof ServerUnreachableException) {
            return new Problem(Field.HOST, Messages.Error_Unreachable);
        }
        if (error instanceof RequestTimeoutException) {
            return new Problem(Field.HOST, Messages.Error_Timeout);
        }
        if (error instanceof ConnectionLostException lost) {
            return new Problem(Field.GENERAL, NLS.bind(Messages.Error_ConnectionLost, lost.server()));
        }
        if (error instanceof NotConnectedException) {
            return new Problem(Field.GENERAL, Messages.Error_NotConnected);
        }
        if (error.code() == null) {
            return new Problem(Field.GENERAL, NLS.bind(Messages.Error_Unexpected, error.getMessage()));
        }
        return switch (error.code()) {
            case AUTH_FAILED -> new Problem(Field.PASSWORD, Messages.Error_AuthFailed);
            case USERNAME_TAKEN -> new Problem(Field.USERNAME, Messages.Error_UsernameTaken);
            case INVALID_USERNAME -> new Problem(Field.USERNAME,
                    NLS.bind(Messages.Error_InvalidUsername, Limits.MIN_USERNAME, Limits.MAX_USERNAME));
            case WEAK_PASSWORD -> new Problem(Field.PASSWORD, NLS.bind(Messages.Error_WeakPassword, Limits.MIN_PASSWORD));
            case RATE_LIMITED -> new Problem(Field.GENERAL, NLS.bind(Messages.Error_RateLimited, seconds(error)));
            case NO_SUCH_USER -> new Problem(Field.GENERAL, Messages.Error_NoSuchUser);
            case NO_SUCH_ROOM -> new Problem(Field.GENERAL, Messages.Error_NoSuchRoom);
            case NOT_A_MEMBER -> new Problem(Field.GENERAL, Messages.Error_NotAMember);
            case TOO_LARGE -> new Problem(Field.GENERAL, Messages.Error_TooLarge);
            case INTERNAL -> new Problem(Field.GENERAL, Messages.Error_Internal);
            case NOT_AUTHENTICATED -> new Problem(Field.GENERAL, Messages.Error_NotConnected);
            default -> new Problem(Field.GENERAL, NLS.bind(Messages.Error_Unexpected, error.getMessage()));
        };
    }

    private static long seconds(ParleyException error) {
        Long ms = error.retryAfterMs();
        return ms == null ? 1 : Math.max(1, (ms + 999) / 1000);
    }
}
