package org.parley.bench.scenario;

import java.nio.file.Path;

import org.parley.bench.Plan;

/**
 * What every Parley-only scenario needs from the run: sizes, the server to start, a scratch folder, and how the
 * generator connects.
 *
 * @param ioThreads       the generator's I/O threads
 * @param sourceAddresses 127.0.0.x source addresses to spread connections over
 */
public record ScenarioContext(Plan plan, Path serverJar, Path work, int ioThreads, int sourceAddresses) {
}
