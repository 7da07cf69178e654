package org.parley.client.core.internal.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.parley.client.core.ConnectionState;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyException;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.Registration;
import org.parley.client.core.internal.util.SerialExecutor;
import org.parley.protocol.ChatMessage;

/**
 * Fans events out to listeners, each on its own executor through a {@link SerialExecutor} so every listener sees
 * its events one at a time and in the order they happened. Never runs listener code on the calling thread.
 */
final class EventHub {
    private record Subscriber(ParleyListener listener, Executor executor) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    Registration add(ParleyListener listener, Executor executor) {
        Subscriber subscriber = new Subscriber(listener, new SerialExecutor(executor));
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    void state(ConnectionState state) {
        fire(l -> l.stateChanged(state));
    }

    void message(String conversation, ChatMessage message) {
        fire(l -> l.messageReceived(conversation, message));
    }

    void unread(String conversation, org.parley.client.core.UnreadCount count) {
        fire(l -> l.unreadChanged(conversation, count));
    }

    void presence(String user, boolean online) {
        fire(l -> l.presenceChanged(user, online));
    }

    void outbox(OutboxEntry entry) {
        fire(l -> l.outboxChanged(entry));
    }

    void error(ParleyException error) {
        fire(l -> l.error(error));
    }

    private void fire(Consumer<ParleyListener> event) {
        for (Subscriber s : subscribers) {
            s.executor().execute(() -> event.accept(s.listener()));
        }
    }
}
