package org.parley.client.core.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.parley.client.core.ParleyException;

/** Bounded waiting: every wait in these tests has a deadline, none asserts on speed. */
public final class Await {
    public static final Duration DEFAULT = Duration.ofSeconds(40);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, DEFAULT);
    }

    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    public static void until(String what, BooleanSupplier condition, Supplier<String> diagnostics) {
        try {
            until(what, condition);
        } catch (AssertionError e) {
            fail(e.getMessage() + "; " + diagnostics.get());
        }
    }

    /** The future's value; a failure is rethrown as its ParleyException. */
    public static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get(DEFAULT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw ParleyException.unwrap(e);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + DEFAULT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** The ParleyException the future failed with (fails the test if it succeeded). */
    public static ParleyException failure(CompletableFuture<?> future) {
        try {
            Object value = result(future);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ParleyException e) {
            return e;
        }
    }
}
