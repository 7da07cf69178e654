package org.parley.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SecurityLogTest {
    private final AtomicLong now = new AtomicLong();
    private final List<String> lines = new ArrayList<>();
    private final SecurityLog log = new SecurityLog(10_000, now::get, lines::add);

    @Test
    void aBurstOfOneKindLeavesOneLineAndItsCountRidesOnTheNext() {
        InetSocketAddress peer = new InetSocketAddress("127.0.0.7", 4000);
        for (int i = 0; i < 1_100; i++) {
            log.event("login-failed", peer, "wrong password for alice");
        }
        assertEquals(List.of("security login-failed from 127.0.0.7: wrong password for alice"), lines);

        now.addAndGet(10_000);
        log.event("login-failed", peer, "wrong password for bob");
        assertEquals("security login-failed from 127.0.0.7: wrong password for bob (and 1099 more login-failed since the last line)",
                lines.get(1));
    }

    @Test
    void eachKindHasItsOwnWindow() {
        log.event("login-failed", "127.0.0.1", "a");
        log.event("connection-refused", "127.0.0.2", "b");
        log.event("login-failed", "127.0.0.1", "c");
        assertEquals(List.of("security login-failed from 127.0.0.1: a", "security connection-refused from 127.0.0.2: b"), lines);
    }
}
