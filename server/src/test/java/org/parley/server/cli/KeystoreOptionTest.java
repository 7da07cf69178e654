package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;
import org.parley.server.tls.SelfSignedCertificate;
import org.parley.server.tls.TlsContext;

/** {@code --keystore} with the password from PARLEY_KEYSTORE_PASSWORD, through the real command line. */
class KeystoreOptionTest {
    @TempDir
    Path dir;

    @Test
    void aConfiguredKeystoreIsServedAndNothingIsGenerated() throws Exception {
        Path keystore = dir.resolve("operator.p12");
        SelfSignedCertificate.generate(keystore, "operator-secret".toCharArray());
        String expected = TlsContext.open(dir, keystore, "operator-secret".toCharArray()).fingerprint();
        Path data = dir.resolve("data");
        try (LaunchedServer server = MainProcess.start(data, dir.resolve("server.log"),
                Map.of("PARLEY_KEYSTORE_PASSWORD", "operator-secret"), "--keystore", keystore.toString())) {
            assertEquals(expected, server.fingerprint());
            TestClient c = MainProcess.connect(server);
            assertEquals(new ServerMessage.Pong("p"), c.request(new Request.Ping("p")));
            c.close();
        }
        assertFalse(Files.exists(data.resolve(TlsContext.GENERATED_KEYSTORE)));
    }
}
