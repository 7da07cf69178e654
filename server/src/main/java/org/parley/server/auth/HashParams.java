package org.parley.server.auth;

/**
 * Argon2id cost. {@link #PRODUCTION} follows OWASP's password storage recommendation (19 MiB, 2 passes,
 * 1 lane). Every stored hash carries its own parameters, so raising these later only affects new hashes
 * (and old ones are upgraded at the next successful login).
 */
public record HashParams(int memoryKiB, int iterations, int parallelism) {

    public static final HashParams PRODUCTION = new HashParams(19 * 1024, 2, 1);

    public HashParams {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2 parameters");
        }
    }

    /** True when a hash made with these parameters is weaker than one made with {@code target}. */
    public boolean weakerThan(HashParams target) {
        return memoryKiB < target.memoryKiB || iterations < target.iterations || parallelism < target.parallelism;
    }
}
