package org.parley.client.ui.prefs;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;

/** Window > Preferences > Parley (also reachable from the Parley menu in the product). */
public class ParleyPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "org.parley.client.ui.prefs";

    public ParleyPreferencePage() {
        super(GRID);
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(ParleyUiPlugin.getDefault().getPreferenceStore());
        setDescription(Messages.Prefs_Description);
    }

    @Override
    protected void createFieldEditors() {
        addField(new StringFieldEditor(PreferenceKeys.HOST, Messages.Prefs_Host, getFieldEditorParent()));
        IntegerFieldEditor port = new IntegerFieldEditor(PreferenceKeys.PORT, Messages.Prefs_Port, getFieldEditorParent());
        port.setValidRange(1, 65535);
        addField(port);
        addField(new BooleanFieldEditor(PreferenceKeys.RECONNECT, Messages.Prefs_Reconnect, getFieldEditorParent()));
        addField(new BooleanFieldEditor(PreferenceKeys.NOTIFICATIONS, Messages.Prefs_Notifications,
                getFieldEditorParent()));
        protection(getFieldEditorParent());
    }

    /** Says what protects a remembered password right now, so nobody has to guess whether a keyring is in use. */
    private static void protection(Composite parent) {
        Label label = TestIds.tag(new Label(parent, SWT.WRAP), TestIds.PREFS_PROTECTION);
        label.setText(protectionText());
        // Spans the field editors' columns (at most two here); the hint keeps a long text wrapping, not widening.
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(400, SWT.DEFAULT).indent(0, 12)
                .applyTo(label);
    }

    /** The page's sentence for the protection in use. */
    public static String protectionText() {
        return switch (CredentialStore.protection()) {
            case KEYRING -> Messages.Prefs_ProtectionKeyring;
            case GENERATED_KEY -> NLS.bind(Messages.Prefs_ProtectionGeneratedKey, CredentialStore.keyFile());
        };
    }
}
