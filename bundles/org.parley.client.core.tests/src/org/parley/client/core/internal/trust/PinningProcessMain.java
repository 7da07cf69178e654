package org.parley.client.core.internal.trust;

import java.nio.file.Path;

import org.parley.client.core.ServerAddress;

/**
 * A process for {@link TwoProcessKnownServersTest}: pins {@code count} servers {@code label-i.example:7443} in the
 * known-servers file of {@code stateDir}, one after another, as trust-on-first-use does for each new server.
 * Arguments: stateDir label count.
 */
public final class PinningProcessMain {
    public static void main(String[] args) {
        KnownServers known = new KnownServers(Path.of(args[0]));
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            known.remember(new ServerAddress(args[1] + "-" + i + ".example", 7443), fingerprint(i));
        }
        System.out.println("PINNED");
    }

    static String fingerprint(int i) {
        return String.format("%064x", i).replaceAll("(..)(?!$)", "$1:").toUpperCase();
    }
}
