package org.parley.client.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A server address may list a cluster's nodes; a malformed list is refused as a whole, saying which node is wrong. */
class ServerAddressTest {

    @Test
    void aListIsItsNodesInTheOrderTypedAndPrintsAsOneKey() {
        ServerAddress cluster = ServerAddress.parse(" a.example:7443, b.example ,[::1]:9000");
        assertEquals(List.of(new ServerAddress.Node("a.example", 7443), new ServerAddress.Node("b.example", 7443),
                new ServerAddress.Node("::1", 9000)), cluster.nodes());
        assertEquals("a.example:7443,b.example:7443,[::1]:9000", cluster.toString());
        assertEquals(cluster, ServerAddress.parse(cluster.toString()), "the key reads back as the same address");
        assertEquals("a.example", cluster.host());
    }

    @Test
    void nodesWithoutAPortTakeTheGivenOne() {
        assertEquals("a:9000,b:7000", ServerAddress.parse("a,b:7000", 9000).toString());
    }

    @Test
    void aSingleNodeIsTheAddressItWasBeforeClusters() {
        assertEquals(new ServerAddress("chat.example.org", 7443), ServerAddress.parse("chat.example.org"));
        assertEquals("chat.example.org:7443", ServerAddress.parse("chat.example.org").toString());
    }

    @Test
    void aMalformedEntryIsRefusedNamingItInPlainWords() {
        assertEquals("server 2 of 3 in 'a:7443,,b': empty address", refusal("a:7443,,b"));
        assertEquals("server 2 of 2 in 'a:7443,b:74x3': port '74x3' in b:74x3 is not a number from 1 to 65535",
                refusal("a:7443,b:74x3"));
        assertEquals("server 2 of 2 in 'a,': empty address", refusal("a,"));
        assertEquals("server 1 of 2 in 'a b,c': space in a b", refusal("a b,c"));
        assertEquals("port '70000' in a:70000 is not a number from 1 to 65535", refusal("a:70000"));
        assertEquals("a:7443 is listed twice", refusal("a,a:7443"));
        assertEquals("empty address", refusal(" "));
    }

    private static String refusal(String typed) {
        return assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(typed)).getMessage();
    }
}
