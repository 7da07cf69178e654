package org.parley.client.core.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a server certificate it signed (SAN ip:127.0.0.1), made with the JDK's
 * keytool, so the CA path of the trust logic can be tested against the real server.
 */
public final class TestCertificates {
    public static final String PASSWORD = "test-store-pass";

    private final Path dir;

    public TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** The server's PKCS12 keystore: its key with the chain [server certificate, CA]. */
    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    public void create() {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Parley Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-rfc", "-file", "ca.crt", "-keystore", "ca.p12", "-storepass", PASSWORD);
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-keystore", "server.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "server", "-file", "server.csr", "-keystore", "server.p12", "-storepass", PASSWORD);
        keytool("-gencert", "-alias", "ca", "-infile", "server.csr", "-outfile", "server.crt", "-rfc", "-validity", "2",
                "-ext", "san=ip:127.0.0.1", "-ext", "eku=serverAuth", "-keystore", "ca.p12", "-storepass", PASSWORD);
        keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-noprompt", "-keystore", "server.p12", "-storepass", PASSWORD);
        keytool("-importcert", "-alias", "server", "-file", "server.crt", "-keystore", "server.p12", "-storepass", PASSWORD);
    }

    /** A trust store holding only the test CA, as a client would configure it. */
    public KeyStore caTrustStore() {
        try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("parley-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            assertEquals(0, process.exitValue(), () -> "keytool " + String.join(" ", args) + ":\n" + output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
