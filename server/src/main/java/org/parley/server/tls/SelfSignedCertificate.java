package org.parley.server.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates the self-signed certificate a server uses when no keystore is configured: an ECDSA P-256 key,
 * valid ten years, naming this host and localhost, written as PKCS12 readable by the owner only.
 * Clients cannot verify it through a CA, so they pin its SHA-256 fingerprint instead.
 */
public final class SelfSignedCertificate {
    static final String ALIAS = "parley";

    private SelfSignedCertificate() {
    }

    public static void generate(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = certificate(pair);

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {certificate});
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = ownerOnly(file)) {
            store.store(out, password);
        }
    }

    /** Opens a new file that is 0600 from its first byte, never briefly world-readable. */
    static OutputStream ownerOnly(Path file) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static X509Certificate certificate(KeyPair pair) throws GeneralSecurityException {
        String host = hostName();
        X500Name name = new X500Name("CN=" + host + ",O=Parley");
        Instant now = Instant.now();
        List<GeneralName> altNames = new ArrayList<>(List.of(
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")));
        if (!host.equals("localhost")) {
            altNames.add(new GeneralName(GeneralName.dNSName, host));
        }
        try {
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(altNames.toArray(GeneralName[]::new)));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot build certificate", e);
        }
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host.matches("[A-Za-z0-9.-]+") ? host : "localhost";
        } catch (IOException e) {
            return "localhost";
        }
    }
}
