package org.parley.client.ui.views;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.resource.JFaceColors;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.Plurals;
import org.parley.client.ui.internal.TestIds;

/**
 * The area under a conversation's table: the selected messages in full (a table row is a one-line summary), wrapped,
 * code in the text font, web links that a click opens in the browser.
 */
final class MessageDetail {

    /** At most this many selected messages show in the detail area (Copy still copies all of them). */
    static final int DETAIL_MAX = 500;

    private final StyledText detail;
    private Consumer<String> linkOpener = MessageDetail::openInBrowser;

    MessageDetail(Composite parent, String conversation) {
        detail = TestIds.tag(new StyledText(parent, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER),
                TestIds.CHAT_DETAIL + conversation);
        detail.setMargins(4, 2, 4, 2);
        detail.addListener(SWT.MouseUp, this::clickInDetail);
        detail.setAlwaysShowScrollBars(false);
    }

    StyledText widget() {
        return detail;
    }

    /** Shows the selection in full: one message as its text, several as Copy would put them. */
    void show(List<?> selected, String self) {
        // Select All over a long history must not fill the area with megabytes: the first DETAIL_MAX, then a count.
        List<?> shown = selected.size() > DETAIL_MAX ? selected.subList(0, DETAIL_MAX) : selected;
        String text = shown.isEmpty() ? ""
                : shown.size() == 1 ? MessageText.normalize(MessageText.text(shown.get(0)))
                : MessageText.copy(shown, self).replace(System.lineSeparator(), "\n");
        if (shown.size() < selected.size()) {
            text += "\n" + Plurals.bind(Messages.Chat_DetailMore, selected.size() - shown.size());
        }
        detail.setText(text);
        Font mono = JFaceResources.getTextFont();
        for (int[] run : MessageText.codeRuns(text)) {
            StyleRange range = new StyleRange(run[0], run[1], null, null);
            range.font = mono;
            detail.setStyleRange(range);
        }
        for (int[] link : MessageLinks.webLinks(text)) {
            StyleRange range = new StyleRange(link[0], link[1],
                    JFaceColors.getHyperlinkText(detail.getDisplay()), null);
            range.underline = true;
            range.underlineStyle = SWT.UNDERLINE_LINK;
            range.data = text.substring(link[0], link[0] + link[1]);
            detail.setStyleRange(range);
        }
    }

    /** A click (not a selection by dragging) on a web link in the detail area opens it in the browser. */
    private void clickInDetail(Event e) {
        if (e.button != 1 || detail.getSelectionCount() > 0) {
            return;
        }
        int offset = detail.getOffsetAtPoint(new Point(e.x, e.y));
        StyleRange range = offset < 0 ? null : detail.getStyleRangeAtOffset(offset);
        if (range != null && range.data instanceof String url) {
            linkOpener.accept(url);
        }
    }

    /** Opens web links in the workbench's browser (the system's, or the IDE's as the user set it up). */
    private static void openInBrowser(String url) {
        try {
            PlatformUI.getWorkbench().getBrowserSupport().getExternalBrowser().openURL(new URL(url));
        } catch (PartInitException | MalformedURLException e) {
            ParleyUiPlugin.getDefault().getLog().warn("Cannot open " + url, e);
        }
    }

    /** Replaces how web links are opened: tests record the address instead of starting a browser. */
    void setLinkOpener(Consumer<String> opener) {
        linkOpener = opener;
    }
}
