package org.parley.client.ui.prefs;

/** What protects the remembered password on this machine right now; the preference page names it. */
public enum CredentialProtection {
    /**
     * The desktop keyring (Secret Service: GNOME Keyring, KWallet) through Eclipse's Linux password provider: the
     * master password of Eclipse's secure storage lives in the user's keyring, unlocked when the user logs in.
     */
    KEYRING,
    /** No keyring answers: a master password Parley generated in the user's Parley folder, readable by the user only. */
    GENERATED_KEY
}
