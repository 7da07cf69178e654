package org.parley.client.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.parley.client.ui.views.ChatView;
import org.parley.client.ui.views.ConversationsView;
import org.parley.client.ui.views.LoginView;
import org.parley.client.ui.views.OnlineUsersView;

/**
 * Chat in the middle, who is online on the right; on the left the login form above the Conversations sidebar (rooms
 * and private conversations with their unread badges).
 */
public class ParleyPerspective implements IPerspectiveFactory {

    public static final String ID = "org.parley.client.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editorArea = layout.getEditorArea();
        layout.addView(LoginView.ID, IPageLayout.LEFT, 0.28f, editorArea);
        layout.addView(ConversationsView.ID, IPageLayout.BOTTOM, 0.5f, LoginView.ID);
        IFolderLayout chat = layout.createFolder("org.parley.client.ui.folder.chat", IPageLayout.RIGHT, 0.28f, editorArea);
        chat.addView(ChatView.ID);
        layout.addView(OnlineUsersView.ID, IPageLayout.RIGHT, 0.75f, "org.parley.client.ui.folder.chat");
        layout.getViewLayout(LoginView.ID).setCloseable(true);
        // Window > Show View lists these first, so a closed view comes back in one click.
        layout.addShowViewShortcut(LoginView.ID);
        layout.addShowViewShortcut(ChatView.ID);
        layout.addShowViewShortcut(OnlineUsersView.ID);
        layout.addShowViewShortcut(ConversationsView.ID);
    }
}
