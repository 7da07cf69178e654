package org.parley.rcp;

import org.eclipse.osgi.util.NLS;

/** The application's own user-visible strings; translations live next to messages.properties. */
final class Messages extends NLS {
    private static final String BUNDLE_NAME = "org.parley.rcp.messages"; //$NON-NLS-1$

    public static String WorkspaceInUse_Title;
    public static String WorkspaceInUse_Message;
    public static String Menu_File;
    public static String Menu_Window;
    public static String Menu_ShowView;
    public static String Menu_Help;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
