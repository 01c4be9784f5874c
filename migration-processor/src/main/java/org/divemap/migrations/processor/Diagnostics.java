package org.divemap.migrations.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/** Reports messages pinned to annotation values and counts the errors. */
public final class Diagnostics {

    private final Messager messager;
    private int errors;

    public Diagnostics(Messager messager) {
        this.messager = messager;
    }

    public void error(String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
        errors++;
        print(Kind.ERROR, message, element, mirror, value);
    }

    public void warning(String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
        print(Kind.WARNING, message, element, mirror, value);
    }

    public void note(String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
        print(Kind.NOTE, message, element, mirror, value);
    }

    /** An error that belongs to no element. */
    public void error(String message) {
        errors++;
        messager.printMessage(Kind.ERROR, message);
    }

    private void print(Kind kind, String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
        if (value != null) {
            messager.printMessage(kind, message, element, mirror, value);
        } else if (mirror != null) {
            messager.printMessage(kind, message, element, mirror);
        } else {
            messager.printMessage(kind, message, element);
        }
    }

    public int errorCount() {
        return errors;
    }
}
