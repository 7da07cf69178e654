package org.parley.client.ui.trust;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.parley.client.core.ServerIdentity;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ServerNames;
import org.parley.client.ui.internal.TestIds;

/** Shows host, port and the SHA-256 fingerprint of a new server's certificate; "Trust" remembers it in the core. */
public class TrustDialog extends TitleAreaDialog {

    private final ServerIdentity identity;

    public TrustDialog(Shell parent, ServerIdentity identity) {
        super(parent);
        this.identity = identity;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.Trust_Title);
        TestIds.tag(shell, TestIds.TRUST_DIALOG);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle(Messages.Trust_Title);
        setMessage(Messages.Trust_Intro);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
        // A cluster's whole list: one certificate for all its nodes, so one answer for all of them.
        row(body, Messages.Trust_Host, ServerNames.host(identity.address()));
        if (ServerNames.oneNode(identity.address())) {
            row(body, Messages.Trust_Port, Integer.toString(identity.address().port()));
        }
        TestIds.tag(row(body, Messages.Trust_Fingerprint, identity.sha256()), TestIds.TRUST_FINGERPRINT);
        row(body, Messages.Trust_Subject, identity.subject());
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());
        row(body, Messages.Trust_Validity,
                NLS.bind(Messages.Trust_ValidityRange, date.format(identity.notBefore()), date.format(identity.notAfter())));
        Label advice = new Label(body, SWT.WRAP);
        advice.setText(Messages.Trust_Advice);
        GridDataFactory.fillDefaults().span(2, 1).hint(480, SWT.DEFAULT).grab(true, false).applyTo(advice);
        return area;
    }

    /** Read-only text, not a label, so people can copy the fingerprint to compare it. */
    private static Text row(Composite parent, String label, String value) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.READ_ONLY);
        text.setText(value == null ? "" : value);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        return text;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        // Cancel is the default: pressing Enter without reading must not trust a server.
        createButton(parent, IDialogConstants.OK_ID, Messages.Trust_Accept, false);
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.Trust_Decline, true);
    }
}
