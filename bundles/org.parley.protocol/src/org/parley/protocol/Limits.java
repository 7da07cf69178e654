package org.parley.protocol;

/** Limits every conforming peer must respect; the server enforces them. */
public final class Limits {
    /**
     * Version spoken by this implementation, announced in {@code welcome}. 3: a session hears {@code presence} only
     * of the users it watches ({@code watch}), and {@code users} is paged (docs/protocol.md section 9), so N logins
     * cost O(N) pushes, not O(N²). 2: message ids are unique across the server but increase only within each
     * conversation (several nodes commit in parallel, section 3.1); 1 promised one increasing order for the whole
     * server.
     */
    public static final int PROTOCOL_VERSION = 3;
    /** The first version with {@code watch}: older servers push every user's presence to every session. */
    public static final int WATCH_PROTOCOL_VERSION = 3;
    /** The oldest version a client of this version can talk to: version 1's order is stronger than version 2's. */
    public static final int OLDEST_PROTOCOL_VERSION = 1;
    /** Largest frame (UTF-8 bytes, newline excluded) accepted from a logged-in connection. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Largest frame accepted before login. */
    public static final int MAX_FRAME_BYTES_UNAUTHENTICATED = 4 * 1024;
    /** Deepest nesting of objects and arrays in a frame; protocol v1 itself needs 3 (a reply's list of objects). */
    public static final int MAX_JSON_NESTING = 32;
    /** Longest message text, in Unicode code points. */
    public static final int MAX_TEXT_CHARS = 4000;
    /** Largest page a {@code history} request may ask for. */
    public static final int MAX_HISTORY_LIMIT = 200;
    /** Page size when a {@code history} request names none. */
    public static final int DEFAULT_HISTORY_LIMIT = 50;
    /** Largest {@code history} reply, in UTF-8 bytes of its frame: a page ends early rather than exceed it. */
    public static final int MAX_HISTORY_PAGE_BYTES = 256 * 1024;
    /** Largest page a {@code rooms} request may ask for, and its default (an entry is at most ~100 bytes). */
    public static final int MAX_ROOMS_LIMIT = 500;
    /** Most users one {@code watch} may name: what a session hears of presence is bounded by it. */
    public static final int MAX_WATCH = 500;
    /** Largest page a {@code users} request may ask for, and its default. */
    public static final int MAX_USERS_LIMIT = 500;
    /** Unread and mention counts in an {@code unread} reply stop at this: a client shows "999+" beyond it. */
    public static final int MAX_UNREAD_COUNT = 1000;
    /** Distinct names one message can mention; names after these are shown but not counted as mentions. */
    public static final int MAX_MENTIONS_PER_MESSAGE = 50;
    /** Longest {@code search} query, in code points, and most words in it. */
    public static final int MAX_SEARCH_QUERY_CHARS = 200;
    public static final int MAX_SEARCH_WORDS = 16;
    /** Largest page a {@code search} may ask for (a match carries its whole message), and the default page. */
    public static final int MAX_SEARCH_LIMIT = 50;
    public static final int DEFAULT_SEARCH_LIMIT = 20;
    public static final int MIN_USERNAME = 3;
    public static final int MAX_USERNAME = 32;
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 1024;
    /** The room every user belongs to. */
    public static final String GENERAL_ROOM = "#general";

    private Limits() {
    }
}
