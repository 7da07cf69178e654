package org.parley.client.ui.trust;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.parley.client.core.CertificateChangedException;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;

/**
 * A known server presents a different certificate: the two fingerprints side by side, what that may mean, and an
 * explicit confirmation (a check box the user must tick) before "Trust the new certificate" is enabled. Cancel is the
 * default button, so Enter never trusts. OK means the caller may pin {@link CertificateChangedException#presentedSha256()}.
 */
public class CertificateChangedDialog extends TitleAreaDialog {
    /** Bytes of a fingerprint per line: two lines of 16 keep the columns narrow enough to sit side by side. */
    private static final int BYTES_PER_LINE = 16;

    private final CertificateChangedException change;
    private Button confirm;

    public CertificateChangedDialog(Shell parent, CertificateChangedException change) {
        super(parent);
        this.change = change;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.Rekey_Title);
        TestIds.tag(shell, TestIds.REKEY_DIALOG);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle(NLS.bind(Messages.Rekey_Heading, change.identity().address()));
        setMessage(Messages.Rekey_Warning, IMessageProvider.WARNING);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.swtDefaults().numColumns(2).equalWidth(true).spacing(24, 6).applyTo(body);
        new Label(body, SWT.NONE).setText(Messages.Rekey_Known);
        new Label(body, SWT.NONE).setText(Messages.Rekey_Presented);
        fingerprint(body, change.knownSha256(), TestIds.REKEY_KNOWN);
        fingerprint(body, change.presentedSha256(), TestIds.REKEY_PRESENTED);

        Label advice = new Label(body, SWT.WRAP);
        advice.setText(Messages.Rekey_Advice);
        GridDataFactory.fillDefaults().span(2, 1).hint(520, SWT.DEFAULT).grab(true, false).applyTo(advice);
        confirm = TestIds.tag(new Button(body, SWT.CHECK | SWT.WRAP), TestIds.REKEY_CONFIRM);
        confirm.setText(Messages.Rekey_Confirm);
        GridDataFactory.fillDefaults().span(2, 1).hint(520, SWT.DEFAULT).grab(true, false).applyTo(confirm);
        confirm.addListener(SWT.Selection, e -> getButton(IDialogConstants.OK_ID).setEnabled(confirm.getSelection()));
        return area;
    }

    /** Read-only, monospace and copyable, so people can compare it byte by byte with what the operator gave them. */
    private static void fingerprint(Composite parent, String sha256, String id) {
        Text text = TestIds.tag(new Text(parent, SWT.READ_ONLY | SWT.MULTI | SWT.BORDER), id);
        text.setFont(JFaceResources.getTextFont());
        text.setText(lines(sha256));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
    }

    /** {@code AB:CD:...} as lines of 16 bytes. */
    static String lines(String sha256) {
        String[] bytes = sha256 == null ? new String[0] : sha256.split(":");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            out.append(bytes[i]);
            if (i + 1 < bytes.length) {
                out.append((i + 1) % BYTES_PER_LINE == 0 ? ":\n" : ":");
            }
        }
        return out.toString();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.Rekey_Accept, false).setEnabled(false);
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.Rekey_Cancel, true);
    }
}
