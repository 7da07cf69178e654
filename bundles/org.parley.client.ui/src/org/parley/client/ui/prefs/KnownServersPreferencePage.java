package org.parley.client.ui.prefs;

import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ServerAddress;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.WorkbenchClient;

/**
 * Window > Preferences > Parley > Known Servers: the servers whose certificate the user trusted, and "Forget", which
 * removes the pin at once (the next connection asks again, as on first contact). The list is the core's
 * {@code known_servers} file, shared by every Parley process of the user, and is read when the page opens.
 */
public class KnownServersPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "org.parley.client.ui.prefs.knownServers";

    private Table table;
    private Button forget;

    @Override
    public void init(IWorkbench workbench) {
        setDescription(Messages.KnownServers_Description);
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(body);
        table = TestIds.tag(new Table(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE), TestIds.KNOWN_SERVERS_TABLE);
        table.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(520, 200).applyTo(table);
        new TableColumn(table, SWT.LEFT).setText(Messages.KnownServers_Server);
        new TableColumn(table, SWT.LEFT).setText(Messages.KnownServers_Fingerprint);
        forget = TestIds.tag(new Button(body, SWT.PUSH), TestIds.KNOWN_SERVERS_FORGET);
        forget.setText(Messages.KnownServers_Forget);
        GridDataFactory.swtDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(forget);
        forget.setEnabled(false);
        table.addListener(SWT.Selection, e -> forget.setEnabled(table.getSelectionCount() == 1));
        forget.addListener(SWT.Selection, e -> forgetSelected());
        fill();
        return body;
    }

    private void fill() {
        table.removeAll();
        Map<ServerAddress, String> known = WorkbenchClient.current().map(ParleyClient::knownServers).orElse(Map.of());
        known.forEach((server, sha256) -> {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { server.toString(), sha256 });
            item.setData(server);
        });
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
        forget.setEnabled(false);
    }

    private void forgetSelected() {
        if (table.getSelectionCount() != 1) {
            return;
        }
        ServerAddress server = (ServerAddress) table.getSelection()[0].getData();
        WorkbenchClient.current().ifPresent(client -> client.forgetServer(server));
        fill();
    }
}
