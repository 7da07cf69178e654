package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.CertificateChangedException;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ServerAddress;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;
import org.parley.protocol.ChatMessage;
import org.parley.testing.ServerFixture;
import org.parley.testing.launch.FreePort;
import org.parley.testing.launch.LocalCluster;
import org.parley.testing.launch.RestartableServer;
import org.parley.testing.launch.ServerLauncher;

/**
 * Failover against a real cluster: two server processes on one PostgreSQL and one Redis (LocalCluster), sharing one
 * certificate. The client is given both nodes and must survive losing the one it is on.
 */
class FailoverTest {
    @TempDir
    static Path clusterDir;
    private static LocalCluster cluster;

    @TempDir
    Path state;
    private final TestClients clients = new TestClients();
    private final List<ServerFixture> others = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        ServerLauncher launcher = ServerLauncher.jar(ServerLauncher.builtJar()).withJvmOptions(List.of("-Xmx256m"));
        cluster = LocalCluster.start(clusterDir, launcher, 2, false,
                List.of("--register-burst", "1000000", "--register-rate", "1000000"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.close();
        others.forEach(ServerFixture::close);
    }

    private static String node(int index) {
        RestartableServer n = cluster.nodes().get(index);
        return n.host() + ":" + n.port();
    }

    @Test
    void losingItsNodeTheClientResumesOnTheOtherAndEveryMessageArrivesOnce() throws Exception {
        ServerAddress aliceView = ServerAddress.parse(node(0) + "," + node(1));
        ServerAddress bobView = ServerAddress.parse(node(1) + "," + node(0));
        Client alice = clients.online(aliceView, state.resolve("alice"), TestClients.uniqueUser("alice"));
        Client bob = clients.online(bobView, state.resolve("bob"), TestClients.uniqueUser("bob"));
        assertEquals(2, clients.prompted.size(), "one question per client for the whole cluster");
        alice.api().openConversation("#general");
        bob.api().openConversation("#general");
        OutboxEntry before = alice.api().send("#general", "before the crash");
        Await.until("bob saw alice's message across nodes", () -> bob.events().count("before the crash") == 1);
        assertEquals(Optional.of(aliceView.nodes().get(0)), alice.api().node(), "alice is on the first node");

        cluster.nodes().get(0).kill();
        List<OutboxEntry> during = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            during.add(alice.api().send("#general", "queued while failing over " + i));
        }
        OutboxEntry meanwhile = bob.api().send("#general", "bob while alice is away");
        Await.until("bob's message stored", () -> !bob.events().outbox(meanwhile.key(), OutboxEntry.Status.SENT).isEmpty());

        Await.until("alice resumed on the other node and sent her queue", () -> alice.api().state() == ConnectionState.ONLINE
                && alice.events().states().contains(ConnectionState.RECONNECTING)
                && during.stream().allMatch(e -> !alice.events().outbox(e.key(), OutboxEntry.Status.SENT).isEmpty()),
                () -> "states " + alice.events().states() + ", errors " + alice.events().errors());
        Await.until("alice caught up with what bob said meanwhile", () -> alice.events().count("bob while alice is away") == 1);
        Await.until("bob got alice's queue", () -> during.stream().allMatch(e -> bob.events().count(e.text()) >= 1));

        List<ChatMessage> history = Await.result(bob.api().history("#general", null, 200));
        List<String> expected = new ArrayList<>(List.of(before.text(), "bob while alice is away"));
        during.forEach(e -> expected.add(e.text()));
        for (String text : expected) {
            assertEquals(1, history.stream().filter(m -> m.text().equals(text)).count(), "once in history: " + text);
            assertEquals(1, bob.events().count(text), "announced once to bob: " + text);
            assertEquals(1, alice.events().count(text), "announced once to alice: " + text);
        }
        assertEquals(aliceView, alice.api().server().orElseThrow(), "still the whole list");
        assertEquals(Optional.of(aliceView.nodes().get(1)), alice.api().node(), "the node she failed over to");
        assertEquals(List.of(), alice.events().errors());
        assertEquals(2, clients.prompted.size(), "the other node's certificate is the pinned one: no question");
    }

    @Test
    void aFirstNodeThatIsDownIsPassedOver() throws Exception {
        ServerAddress list = ServerAddress.parse("127.0.0.1:" + FreePort.pick() + "," + node(1));
        Client carol = clients.online(list, state, TestClients.uniqueUser("carol"));
        assertEquals(ConnectionState.ONLINE, carol.api().state());
        assertEquals(Optional.of(list.nodes().get(1)), carol.api().node(), "the node that answered, not the first");
        OutboxEntry sent = carol.api().send("#general", "through the second node");
        Await.until("sent", () -> !carol.events().outbox(sent.key(), OutboxEntry.Status.SENT).isEmpty());
    }

    @Test
    void aNodeWithAnotherCertificateIsRefusedAsChangedAndTheRestIsNotTried() {
        ServerFixture impostor = ServerFixture.start(state.resolve("impostor"));
        others.add(impostor);
        ServerAddress list = ServerAddress.parse(impostor.address() + "," + node(1));
        Client dave = clients.open(state.resolve("dave"), TestClients.fastOptions());
        dave.api().trustServer(list, cluster.nodes().get(1).fingerprint());

        Throwable refused = Await.failure(dave.api().login(list, "dave", TestClients.PASSWORD.toCharArray()));
        CertificateChangedException changed = assertInstanceOf(CertificateChangedException.class, refused);
        assertEquals(impostor.fingerprint(), changed.presentedSha256());
        assertTrue(changed.getMessage().contains(list.toString()), changed.getMessage());
        assertEquals(ConnectionState.OFFLINE, dave.api().state());
        assertEquals(List.of(), clients.prompted, "never asked: the list has a pin");
    }
}
