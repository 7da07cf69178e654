package org.parley.server.tls;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.UnrecoverableKeyException;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.util.FileErrors;

/** Opens the server's {@link TlsContext}, turning every reason it cannot into one line an operator can act on. */
public final class KeystoreFaults {

    private KeystoreFaults() {
    }

    /** {@link TlsContext#open}, with each way the keystore can fail as a {@link StartupException}. */
    public static TlsContext open(Path dataDir, Path keystore, char[] password) throws StartupException {
        Path file = keystore != null ? keystore : dataDir.resolve(TlsContext.GENERATED_KEYSTORE);
        if (keystore != null && password == null) {
            throw new StartupException(ExitCode.KEYSTORE_PASSWORD_MISSING, "--keystore " + keystore
                    + " needs its password: give --keystore-password or set PARLEY_KEYSTORE_PASSWORD");
        }
        Path passwordFile = dataDir.resolve(TlsContext.GENERATED_PASSWORD);
        if (keystore == null && Files.exists(file) && !Files.exists(passwordFile)) {
            throw new StartupException(ExitCode.KEYSTORE_PASSWORD_MISSING, "the generated keystore " + file
                    + " has lost its password file " + passwordFile + "; restore that file, or delete " + file
                    + " to generate a new certificate (clients will then see a new fingerprint)");
        }
        try {
            return TlsContext.open(dataDir, keystore, password);
        } catch (NoSuchFileException e) {
            throw new StartupException(ExitCode.KEYSTORE_UNREADABLE, "keystore " + file + " does not exist", e);
        } catch (FileSystemException e) {
            throw new StartupException(ExitCode.KEYSTORE_UNREADABLE, "keystore " + file + " cannot be read: "
                    + FileErrors.reason(e), e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw wrongPassword(file, e);
            }
            throw new StartupException(ExitCode.KEYSTORE_UNREADABLE, "keystore " + file + " cannot be read as PKCS12 ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "): truncated or not a keystore; restore it or point --keystore at the right file", e);
        } catch (UnrecoverableKeyException e) {
            throw wrongPassword(file, e);
        } catch (GeneralSecurityException e) {
            throw new StartupException(ExitCode.KEYSTORE_NO_KEY, "keystore " + file + " cannot serve TLS: "
                    + e.getMessage(), e);
        }
    }

    private static StartupException wrongPassword(Path file, Exception e) {
        return new StartupException(ExitCode.KEYSTORE_PASSWORD_WRONG, "keystore " + file
                + ": wrong password (or the file is damaged: its integrity check failed)", e);
    }
}
