package org.parley.client.core.internal.util;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks one after another, in submission order, on an underlying executor that may itself be concurrent.
 * Listeners get their events in order whatever executor the caller chose.
 */
public final class SerialExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        schedule();
    }

    private void schedule() {
        try {
            delegate.execute(this::drainOne);
        } catch (RuntimeException e) {
            // The caller's executor is gone (RejectedExecutionException, or SWTException from a disposed Display):
            // nobody is left to notify.
            LOG.log(System.Logger.Level.DEBUG, "listener executor rejected an event; dropping queued events", e);
            synchronized (tasks) {
                tasks.clear();
                running = false;
            }
        }
    }

    private void drainOne() {
        Runnable next;
        synchronized (tasks) {
            next = tasks.poll();
        }
        try {
            if (next != null) {
                next.run();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "listener failed", e);
        } finally {
            // Decide under the lock: if this thread let go and re-checked later, a concurrent execute() could start
            // a second drain and two events would run at once.
            boolean more;
            synchronized (tasks) {
                more = !tasks.isEmpty();
                running = more;
            }
            if (more) {
                schedule();
            }
        }
    }
}
