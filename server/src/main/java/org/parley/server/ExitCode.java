package org.parley.server;

/**
 * Every exit status of {@code parley-server} and its admin commands, in one place: {@code --help} and
 * server/README.md list these. A startup fault exits with its own code after one line on stderr.
 */
public enum ExitCode {
    OK(0, "success"),
    NO_SUCH_USER(1, "users delete: there is no such user"),
    USAGE(2, "invalid command line"),
    UNEXPECTED(3, "unexpected error: a bug (details at log level debug)"),
    DATA_DIR_UNUSABLE(10, "data directory or file cannot be created, written or made owner-only"),
    NO_DATABASE(11, "admin command: no database in the data directory"),
    DATABASE_IN_USE(12, "another process (a running server, an admin command) holds the database"),
    DATABASE_EMPTY(13, "parley.db exists but is empty (0 bytes)"),
    DATABASE_DAMAGED(14, "parley.db is not a database or failed its integrity check"),
    SCHEMA_TOO_NEW(15, "the database (parley.db or PostgreSQL) was written by a newer server"),
    CANNOT_LISTEN(20, "cannot listen on the address and port (port in use, address not local)"),
    KEYSTORE_UNREADABLE(30, "the keystore is missing, truncated or not PKCS12"),
    KEYSTORE_PASSWORD_WRONG(31, "the keystore password is wrong (or the keystore is damaged)"),
    KEYSTORE_PASSWORD_MISSING(32, "no keystore password given, or the generated one's file is gone"),
    KEYSTORE_NO_KEY(33, "the keystore holds no private key with a certificate"),
    BACKUP_FAILED(40, "backup: the running server could not write the copy (reason on stderr)"),
    BACKUP_TIMED_OUT(41, "backup: the running server did not finish the copy within --timeout"),
    STORE_UNREACHABLE(50, "--store: PostgreSQL unreachable, or no such database"),
    STORE_LOGIN_REFUSED(51, "--store: PostgreSQL refused the user or password"),
    STORE_FOREIGN(52, "--store: the database holds another program's tables"),
    MIGRATE_TARGET_NOT_EMPTY(53, "migrate: the target database already holds Parley data"),
    BUS_UNREACHABLE(54, "--bus: Redis unreachable, or its TLS certificate not trusted"),
    BUS_REFUSED(55, "--bus: Redis refused the user or password");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
