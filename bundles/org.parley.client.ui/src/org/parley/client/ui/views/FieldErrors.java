package org.parley.client.ui.views;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.parley.client.ui.internal.FriendlyErrors.Field;
import org.parley.client.ui.internal.FriendlyErrors.Problem;

/** Marks the field a problem is about with an error decoration and repeats the sentence in the error label. */
final class FieldErrors {

    private final Map<Field, ControlDecoration> decorations = new EnumMap<>(Field.class);
    private final Label label;
    /** Lays the form out again (a longer text may need more room). */
    private final Runnable changed;

    FieldErrors(Label label, Runnable changed) {
        this.label = label;
        this.changed = changed;
    }

    void register(Field field, Control control) {
        ControlDecoration decoration = new ControlDecoration(control, SWT.LEFT | SWT.TOP);
        decoration.setImage(FieldDecorationRegistry.getDefault()
                .getFieldDecoration(FieldDecorationRegistry.DEC_ERROR).getImage());
        decoration.hide();
        decorations.put(field, decoration);
    }

    void show(Problem problem) {
        clear();
        ControlDecoration decoration = decorations.get(problem.field());
        if (decoration != null) {
            decoration.setDescriptionText(problem.text());
            decoration.show();
        }
        label.setText(problem.text());
        changed.run();
    }

    void clear() {
        decorations.values().forEach(ControlDecoration::hide);
        label.setText("");
    }

    /** No problem is shown. */
    boolean isEmpty() {
        return label.getText().isEmpty();
    }
}
