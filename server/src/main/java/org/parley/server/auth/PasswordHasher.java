package org.parley.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}),
 * so algorithm and cost travel with each hash. Comparison is constant-time.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final HashParams params;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the account does not exist, so unknown names cost the same as wrong passwords. */
    private final String dummyHash;

    public PasswordHasher(HashParams params) {
        this.params = params;
        this.dummyHash = hash("parley-dummy-password");
    }

    public HashParams params() {
        return params;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, params, HASH_BYTES);
        return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Checks a password against a stored hash; a malformed stored hash never matches. */
    public boolean verify(String password, String stored) {
        Parsed parsed = Parsed.of(stored);
        if (parsed == null) {
            return false;
        }
        byte[] actual = derive(password, parsed.salt, parsed.params, parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** Burns the same work as a real verification, for accounts that do not exist. */
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }

    /** True when the stored hash was made with weaker parameters than the current ones. */
    public boolean needsRehash(String stored) {
        Parsed parsed = Parsed.of(stored);
        return parsed == null || parsed.params.weakerThan(params);
    }

    private static byte[] derive(String password, byte[] salt, HashParams p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }

    private record Parsed(HashParams params, byte[] salt, byte[] hash) {
        static Parsed of(String stored) {
            String[] parts = stored == null ? new String[0] : stored.split("\\$");
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            try {
                int m = 0;
                int t = 0;
                int p = 0;
                for (String kv : parts[3].split(",")) {
                    int value = Integer.parseInt(kv.substring(2));
                    switch (kv.substring(0, 2)) {
                        case "m=" -> m = value;
                        case "t=" -> t = value;
                        case "p=" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                return new Parsed(new HashParams(m, t, p), B64D.decode(parts[4]), B64D.decode(parts[5]));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                return null;
            }
        }
    }
}
