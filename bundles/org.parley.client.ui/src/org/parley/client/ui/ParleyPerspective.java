package org.parley.client.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.parley.client.ui.views.ChatView;
import org.parley.client.ui.views.ConversationsView;
import org.parley.client.ui.views.OnlineUsersView;

/**
 * The chat gets the window: the Conversations sidebar (rooms and private conversations with their unread badges) on
 * the left, who is online on the right. Logging in is a dialog ({@code LoginDialog}), not a part of the layout.
 */
public class ParleyPerspective implements IPerspectiveFactory {

    public static final String ID = "org.parley.client.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editorArea = layout.getEditorArea();
        // The chat keeps about 60 %; at 1000 px the sidebars stay wide enough for their Russian titles.
        layout.addView(ConversationsView.ID, IPageLayout.LEFT, 0.2f, editorArea);
        IFolderLayout chat = layout.createFolder("org.parley.client.ui.folder.chat", IPageLayout.RIGHT, 0.2f, editorArea);
        chat.addView(ChatView.ID);
        layout.addView(OnlineUsersView.ID, IPageLayout.RIGHT, 0.76f, "org.parley.client.ui.folder.chat");
        // Window > Show View lists these first, so a closed view comes back in one click.
        layout.addShowViewShortcut(ChatView.ID);
        layout.addShowViewShortcut(OnlineUsersView.ID);
        layout.addShowViewShortcut(ConversationsView.ID);
    }
}
