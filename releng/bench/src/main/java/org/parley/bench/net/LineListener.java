package org.parley.bench.net;

import org.apache.mina.core.session.IoSession;

/** What one connection of the generator hears: lines of text (either protocol is line-based) and its end. */
public interface LineListener {
    void line(IoSession session, String line);

    void closed(IoSession session);
}
