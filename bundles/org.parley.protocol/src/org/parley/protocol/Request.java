package org.parley.protocol;

/** Frames a client sends. Every request carries a client-chosen {@code id} echoed as {@code re} in the reply. */
public sealed interface Request extends Message {

    String id();

    record Register(String id, String username, String password) implements Request {
        @Override
        public String toString() {
            return "Register[id=" + id + ", username=" + username + "]";
        }
    }

    record Login(String id, String username, String password) implements Request {
        @Override
        public String toString() {
            return "Login[id=" + id + ", username=" + username + "]";
        }
    }

    record Resume(String id, String token) implements Request {
        @Override
        public String toString() {
            return "Resume[id=" + id + "]";
        }
    }

    record Logout(String id) implements Request {
    }

    /**
     * A page of the users online, sorted case-insensitively.
     *
     * @param after  only users whose name sorts after this one, compared case-insensitively (paging), or null
     * @param limit  page size, at most {@link Limits#MAX_USERS_LIMIT}, or null for that maximum
     * @param prefix only users whose name starts with this, compared case-insensitively
     *               ({@link NameRules#isUsernamePrefix}), or null for everyone
     */
    record Users(String id, String after, Integer limit, String prefix) implements Request {
        public Users(String id) {
            this(id, null, null);
        }

        public Users(String id, String after, Integer limit) {
            this(id, after, limit, null);
        }
    }

    /**
     * Replaces the users whose presence this session hears (at most {@link Limits#MAX_WATCH}); an empty list
     * watches nobody.
     */
    record Watch(String id, java.util.List<String> users) implements Request {
    }

    /**
     * @param after only rooms whose name sorts after this one (paging), or null
     * @param limit page size, at most {@link Limits#MAX_ROOMS_LIMIT}, or null for that maximum
     */
    record Rooms(String id, String after, Integer limit) implements Request {
        public Rooms(String id) {
            this(id, null, null);
        }
    }

    record Join(String id, String room) implements Request {
    }

    record Leave(String id, String room) implements Request {
    }

    /** @param key optional idempotency key: a retried send with the same key returns the original message */
    record Send(String id, String to, String text, String key) implements Request {
    }

    /**
     * @param with   {@code #room} or {@code @user}
     * @param before only messages with a smaller id (paging backwards), or null
     * @param after  only messages with a larger id (catching up), or null
     * @param limit  page size, at most {@link Limits#MAX_HISTORY_LIMIT}, or null for the default
     */
    record History(String id, String with, Long before, Long after, Integer limit) implements Request {
    }

    record Ping(String id) implements Request {
    }

    /**
     * Moves this user's read marker of a conversation forward to message {@code upTo} (never back).
     *
     * @param with {@code #room} or {@code @user}
     * @param upTo id of a message of that conversation: it and everything before it count as read
     */
    record Read(String id, String with, long upTo) implements Request {
    }

    /**
     * Full-text search over the conversations this user may read, newest match first.
     *
     * @param query  words to find (all of them, any case); at most {@link Limits#MAX_SEARCH_QUERY_CHARS}
     * @param with   only this conversation ({@code #room} or {@code @user}), or null for all
     * @param before only matches with a smaller message id (the next page: the smallest id of the last), or null
     * @param limit  page size, at most {@link Limits#MAX_SEARCH_LIMIT}, or null for {@link Limits#DEFAULT_SEARCH_LIMIT}
     */
    record Search(String id, String query, String with, Long before, Integer limit) implements Request {
    }

    /** Asks for the unread and mention counts of every conversation this user may read (sent after login/resume). */
    record Unread(String id) implements Request {
    }
}
