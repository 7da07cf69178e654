package org.parley.rcp;

import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/**
 * The product's menu bar, the way Eclipse RCP applications build it: File (Exit), the contributed menus (Parley's
 * own, from org.parley.client.ui), Window (Show View, Reset Perspective, Preferences) and Help (About). The platform's
 * own actions do the work; in an IDE the IDE's menus provide the same, so this lives in the application only.
 */
class ParleyActionBarAdvisor extends ActionBarAdvisor {
    static final String SHOW_VIEW_MENU = "org.parley.rcp.menu.showView";

    private IWorkbenchAction exit;
    private IWorkbenchAction about;
    private IWorkbenchAction resetPerspective;
    private IWorkbenchAction preferences;
    private IContributionItem views;

    ParleyActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        exit = register(ActionFactory.QUIT.create(window));
        about = register(ActionFactory.ABOUT.create(window));
        resetPerspective = register(ActionFactory.RESET_PERSPECTIVE.create(window));
        preferences = register(ActionFactory.PREFERENCES.create(window));
        views = ContributionItemFactory.VIEWS_SHORTLIST.create(window);
    }

    private IWorkbenchAction register(IWorkbenchAction action) {
        super.register(action);
        return action;
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        MenuManager file = new MenuManager(Messages.Menu_File, IWorkbenchActionConstants.M_FILE);
        file.add(new GroupMarker(IWorkbenchActionConstants.FILE_START));
        file.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator(IWorkbenchActionConstants.FILE_END));
        file.add(exit);
        menuBar.add(file);

        menuBar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS)); // the Parley menu goes here

        MenuManager window = new MenuManager(Messages.Menu_Window, IWorkbenchActionConstants.M_WINDOW);
        MenuManager showView = new MenuManager(Messages.Menu_ShowView, SHOW_VIEW_MENU);
        showView.add(views);
        window.add(showView);
        window.add(resetPerspective);
        window.add(new Separator());
        window.add(preferences);
        menuBar.add(window);

        MenuManager help = new MenuManager(Messages.Menu_Help, IWorkbenchActionConstants.M_HELP);
        help.add(new GroupMarker(IWorkbenchActionConstants.HELP_START));
        help.add(new GroupMarker(IWorkbenchActionConstants.HELP_END));
        help.add(about);
        menuBar.add(help);
    }
}
