package org.parley.client.ui.views;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;

/** Where a person names a server and logs in or registers. */
public class LoginView extends ViewPart {

    public static final String ID = "org.parley.client.ui.views.login";

    private Composite root;

    @Override
    public void createPartControl(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        new Label(root, SWT.NONE).setText("Server");
    }

    @Override
    public void setFocus() {
        root.setFocus();
    }
}
