package org.parley.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.parley.protocol.tls.CertificateFingerprint;

/**
 * The server's TLS identity: a configured PKCS12 keystore, or else one generated in the data directory on
 * first start (with a random password kept next to it, also owner-only).
 */
public record TlsContext(SSLContext sslContext, X509Certificate certificate, Path keystore, boolean generated) {

    public static final String GENERATED_KEYSTORE = "server.p12";
    static final String GENERATED_PASSWORD = "server.p12.password";

    /**
     * @param keystore configured keystore, or null to use (and if needed create) the generated one
     * @param password its password; null for the generated keystore's own
     */
    public static TlsContext open(Path dataDir, Path keystore, char[] password) throws IOException, GeneralSecurityException {
        if (keystore != null) {
            if (password == null) {
                throw new GeneralSecurityException("a keystore password is required with --keystore");
            }
            return load(keystore, password, false);
        }
        Path file = dataDir.resolve(GENERATED_KEYSTORE);
        Path passwordFile = dataDir.resolve(GENERATED_PASSWORD);
        boolean generated = false;
        if (!Files.exists(file)) {
            char[] fresh = randomPassword();
            Files.createDirectories(dataDir);
            Files.deleteIfExists(passwordFile);
            try (OutputStream out = SelfSignedCertificate.ownerOnly(passwordFile)) {
                out.write(new String(fresh).getBytes(StandardCharsets.UTF_8));
            }
            SelfSignedCertificate.generate(file, fresh);
            generated = true;
        }
        char[] stored = Files.readString(passwordFile, StandardCharsets.UTF_8).trim().toCharArray();
        return load(file, stored, generated);
    }

    private static TlsContext load(Path file, char[] password, boolean generated) throws IOException, GeneralSecurityException {
        BouncyCastleCurves.install();
        // Read by Bouncy Castle, the private key is one of its own, with the named curve's precomputed tables cached
        // across signatures; a JDK key would be converted, tables and all, for every handshake.
        KeyStore store = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        X509Certificate certificate = firstCertificate(store);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, new SecureRandom());
        Arrays.fill(password, '\0');
        return new TlsContext(context, certificate, file, generated);
    }

    private static X509Certificate firstCertificate(KeyStore store) throws GeneralSecurityException {
        List<String> aliases = Collections.list(store.aliases());
        for (String alias : aliases) {
            if (store.isKeyEntry(alias)) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    return x509;
                }
            }
        }
        throw new GeneralSecurityException("keystore holds no private key with an X.509 certificate");
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    /** SHA-256 of the certificate, as colon-separated upper-case hex (the form {@code keytool} prints). */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    public static String fingerprint(X509Certificate certificate) {
        return CertificateFingerprint.sha256(certificate);
    }
}
