package org.parley.client.ui.prefs;

import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;

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
    }
}
