package org.parley.client.core.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import org.parley.client.core.ConnectionState;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyException;
import org.parley.client.core.ParleyListener;
import org.parley.protocol.ChatMessage;

/**
 * Records every event, and the thread it arrived on, from a listener running on its own single "ui" thread - as
 * the Eclipse UI would with Display::asyncExec.
 */
public final class Recorder implements ParleyListener, AutoCloseable {
    public static final String UI_THREAD = "test-ui";

    public record Received(String conversation, ChatMessage message) {
    }

    public record Presence(String user, boolean online) {
    }

    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, UI_THREAD));
    private final List<Received> messages = new ArrayList<>();
    private final List<Presence> presence = new ArrayList<>();
    private final List<ConnectionState> states = new ArrayList<>();
    private final List<OutboxEntry> outbox = new ArrayList<>();
    private final List<ParleyException> errors = new ArrayList<>();
    private final List<String> wrongThreads = new ArrayList<>();

    public ExecutorService executor() {
        return ui;
    }

    @Override
    public synchronized void messageReceived(String conversation, ChatMessage message) {
        checkThread("messageReceived");
        messages.add(new Received(conversation, message));
    }

    @Override
    public synchronized void presenceChanged(String user, boolean online) {
        checkThread("presenceChanged");
        presence.add(new Presence(user, online));
    }

    @Override
    public synchronized void stateChanged(ConnectionState state) {
        checkThread("stateChanged");
        states.add(state);
    }

    @Override
    public synchronized void outboxChanged(OutboxEntry entry) {
        checkThread("outboxChanged");
        outbox.add(entry);
    }

    @Override
    public synchronized void error(ParleyException error) {
        checkThread("error");
        errors.add(error);
    }

    private void checkThread(String event) {
        if (!Thread.currentThread().getName().equals(UI_THREAD)) {
            wrongThreads.add(event + " on " + Thread.currentThread().getName());
        }
    }

    public synchronized List<Received> messages() {
        return List.copyOf(messages);
    }

    /** How many times a message with this text was announced. */
    public synchronized long count(String text) {
        return messages.stream().filter(r -> r.message().text().equals(text)).count();
    }

    public synchronized List<Received> messagesWith(Predicate<Received> filter) {
        return messages.stream().filter(filter).toList();
    }

    public synchronized List<Presence> presence() {
        return List.copyOf(presence);
    }

    public synchronized List<ConnectionState> states() {
        return List.copyOf(states);
    }

    public synchronized List<OutboxEntry> outbox() {
        return List.copyOf(outbox);
    }

    public synchronized List<OutboxEntry> outbox(String key, OutboxEntry.Status status) {
        return outbox.stream().filter(e -> e.key().equals(key) && e.status() == status).toList();
    }

    public synchronized List<ParleyException> errors() {
        return List.copyOf(errors);
    }

    /** Events delivered on any thread but the listener's executor (must stay empty). */
    public synchronized List<String> wrongThreads() {
        return List.copyOf(wrongThreads);
    }

    @Override
    public void close() {
        ui.shutdownNow();
    }
}
