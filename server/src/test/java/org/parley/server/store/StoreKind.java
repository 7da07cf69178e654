package org.parley.server.store;

import java.nio.file.Path;

import org.parley.server.store.pg.PgDatabase;
import org.parley.server.store.pg.PgTarget;
import org.parley.server.testing.TestPostgres;

/** The two stores the contract tests hold to one behaviour: the embedded SQLite file and a real PostgreSQL 15. */
enum StoreKind {
    SQLITE, POSTGRESQL;

    /** A fresh, empty store: a new file in {@code dir}, or a new database on the run's shared PostgreSQL. */
    Store open(Path dir, String name) throws Exception {
        if (this == SQLITE) {
            return SqlStore.sqlite(Database.open(dir.resolve(name + ".db")));
        }
        TestPostgres pg = TestPostgres.shared();
        return PgDatabase.open(PgTarget.parse(pg.url(pg.createDatabase())), name);
    }
}
