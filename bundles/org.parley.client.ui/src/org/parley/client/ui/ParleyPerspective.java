package org.parley.client.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.parley.client.ui.views.ChatView;
import org.parley.client.ui.views.LoginView;
import org.parley.client.ui.views.OnlineUsersView;

/** Chat in the middle, who is online on the right, the login form on the left. */
public class ParleyPerspective implements IPerspectiveFactory {

    public static final String ID = "org.parley.client.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editorArea = layout.getEditorArea();
        layout.addView(LoginView.ID, IPageLayout.LEFT, 0.28f, editorArea);
        IFolderLayout chat = layout.createFolder("org.parley.client.ui.folder.chat", IPageLayout.RIGHT, 0.28f, editorArea);
        chat.addView(ChatView.ID);
        layout.addView(OnlineUsersView.ID, IPageLayout.RIGHT, 0.75f, "org.parley.client.ui.folder.chat");
        layout.getViewLayout(LoginView.ID).setCloseable(true);
        // Window > Show View lists these first, so a closed view comes back in one click.
        layout.addShowViewShortcut(LoginView.ID);
        layout.addShowViewShortcut(ChatView.ID);
        layout.addShowViewShortcut(OnlineUsersView.ID);
    }
}
