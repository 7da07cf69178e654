package org.parley.client.core;

import java.nio.file.Path;

import org.parley.client.core.internal.session.DefaultParleyClient;

/** Creates clients outside OSGi (tests, benchmarks, tools). In Eclipse, use the {@link ParleyClient} service instead. */
public final class ParleyClients {

    private ParleyClients() {
    }

    /**
     * @param stateDir where the known-servers file and the outbox live (the product uses {@link ParleyHome#directory()});
     *                 created if missing. Clients in several processes may share it: pins are merged under a file
     *                 lock and every outbox entry is its own file.
     */
    public static ParleyClient create(Path stateDir, ClientOptions options) {
        return new DefaultParleyClient(stateDir, options);
    }

    public static ParleyClient create(Path stateDir) {
        return create(stateDir, ClientOptions.defaults());
    }
}
