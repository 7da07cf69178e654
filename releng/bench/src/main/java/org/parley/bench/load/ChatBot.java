package org.parley.bench.load;

/** One simulated user, connected, logged in and in the benchmark room. */
public interface ChatBot extends AutoCloseable {
    /** Sends a message to the room without waiting for anything. */
    void say(String text);

    @Override
    void close();
}
