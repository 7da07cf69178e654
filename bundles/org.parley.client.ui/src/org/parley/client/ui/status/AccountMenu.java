package org.parley.client.ui.status;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.client.ui.views.LoginDialog;

/**
 * The account actions behind the status line's connection state, as chat tools offer them on the account name: Log
 * In..., Register..., Switch Account..., Log Out. A click on the label (either button) opens the menu; each item is
 * enabled only where it means something in the current state.
 */
final class AccountMenu {

    private AccountMenu() {
    }

    static void attach(CLabel label) {
        Menu menu = new Menu(label);
        MenuItem logIn = item(menu, Messages.Account_LogIn, TestIds.STATUS_LOGIN);
        logIn.addListener(SWT.Selection, e -> LoginDialog.open(label.getShell()));
        MenuItem register = item(menu, Messages.Account_Register, TestIds.STATUS_REGISTER);
        register.addListener(SWT.Selection, e -> LoginDialog.open(label.getShell(), true));
        MenuItem switchAccount = item(menu, Messages.Account_Switch, TestIds.STATUS_SWITCH);
        switchAccount.addListener(SWT.Selection, e -> {
            // The dialog follows the state: its form is enabled once the logout is through.
            LoginDialog.userLogsOut();
            WorkbenchClient.current().ifPresent(ParleyClient::logout);
            LoginDialog.open(label.getShell());
        });
        new MenuItem(menu, SWT.SEPARATOR);
        MenuItem logOut = item(menu, Messages.Login_LogOut, TestIds.LOGIN_LOGOUT);
        logOut.addListener(SWT.Selection, e -> {
            LoginDialog.userLogsOut();
            WorkbenchClient.current().ifPresent(ParleyClient::logout);
        });
        menu.addListener(SWT.Show, e -> {
            // No client yet: the dialog can open and waits for it; nothing to log out of.
            boolean offline = WorkbenchClient.current().map(c -> c.state() == ConnectionState.OFFLINE).orElse(true);
            logIn.setEnabled(offline);
            register.setEnabled(offline);
            switchAccount.setEnabled(!offline);
            logOut.setEnabled(!offline);
        });
        label.setMenu(menu);
        label.addListener(SWT.MouseDown, e -> {
            if (e.button == 1) {
                menu.setLocation(label.toDisplay(e.x, e.y));
                menu.setVisible(true);
            }
        });
        label.setToolTipText(Messages.Status_Tooltip);
    }

    private static MenuItem item(Menu menu, String text, String id) {
        MenuItem item = new MenuItem(menu, SWT.PUSH);
        item.setText(text);
        return TestIds.tag(item, id);
    }
}
