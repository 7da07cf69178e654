package org.parley.server.irc;

/** What the line decoder hands the handler: a line it could read, or why it refused one. */
sealed interface IrcInput {

    /** One line, without its CR LF, valid UTF-8, no NUL, no CR inside. */
    record Line(String text) implements IrcInput {
    }

    /** A line that is not handled; the connection stays open and the handler says why. */
    record Refused(Reason reason) implements IrcInput {
    }

    enum Reason {
        /** More than {@link IrcLineDecoder#MAX_BODY_BYTES} after the tags, or tags over {@link IrcLineDecoder#MAX_TAG_BYTES}. */
        TOO_LONG("line too long"),
        INVALID_UTF8("line is not valid UTF-8"),
        NUL("line contains a NUL byte"),
        /** A bare CR inside a line: read as a second command by some software, so refused rather than guessed at. */
        CR("line contains a CR before its end");

        final String text;

        Reason(String text) {
            this.text = text;
        }
    }
}
