package org.divemap.migrations.processor.validation;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.divemap.migrations.processor.AnnotatedRevision;
import org.divemap.migrations.processor.Diagnostics;

/**
 * Checks that each annotated class is something the generated registry can instantiate with
 * {@code Type::new}, and that it is either reversible or says why not.
 */
public final class MigrationClassValidator {

    static final String INVALID = "[Divemap/InvalidMigrationClass] ";
    static final String MISSING_DOWNGRADE = "[Divemap/MissingDowngrade] ";
    static final String IRREVERSIBLE_REASON = "[Divemap/IrreversibleReason] ";
    static final String IRREVERSIBLE_WITH_DOWNGRADE = "[Divemap/IrreversibleWithDowngrade] ";

    private static final String MIGRATION = "org.divemap.migrations.Migration";
    private static final String OPERATIONS = "org.divemap.migrations.Operations";

    private final Elements elements;
    private final Types types;
    private final Diagnostics diagnostics;
    /** Looked up once: {@code getTypeElement} searches every module, which adds up over 10,000 classes. */
    private final TypeMirror migration;
    private final TypeMirror operations;

    public MigrationClassValidator(ProcessingEnvironment env, Diagnostics diagnostics) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.diagnostics = diagnostics;
        this.migration = elements.getTypeElement(MIGRATION).asType();
        this.operations = elements.getTypeElement(OPERATIONS).asType();
    }

    /** Reports every problem of the class; returns whether it has none that is an error. */
    public boolean validate(AnnotatedRevision revision) {
        int before = diagnostics.errorCount();
        TypeElement type = revision.type();
        String name = type.getSimpleName().toString();
        if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
            error(revision, "@Revision is on " + name + ", which is " + describe(type.getKind())
                    + ". Put @Revision on a public class that implements Migration.");
            return false;
        }
        if (!type.getModifiers().contains(Modifier.PUBLIC)) {
            error(revision, name + " is not public. The generated registry creates it with " + name
                    + "::new from another class: make it public.");
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            error(revision, name + " is abstract, so it cannot be instantiated. Remove abstract, or move @Revision"
                    + " to a concrete subclass.");
        }
        checkNesting(revision, type, name);
        boolean isMigration = types.isAssignable(types.erasure(type.asType()), migration);
        if (!isMigration) {
            error(revision, name + " does not implement " + MIGRATION + ". Add \"implements Migration\".");
        }
        if (!hasPublicNoArgConstructor(type) && !onlyHasDefaultConstructor(type)) {
            error(revision, name + " has no public no-argument constructor. The generated registry creates it with "
                    + name + "::new: add a public constructor without parameters.");
        }
        if (isMigration) {
            checkDowngrade(revision, type, name);
        }
        return diagnostics.errorCount() == before;
    }

    private void checkNesting(AnnotatedRevision revision, TypeElement type, String name) {
        if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            error(revision, name + " is a local class. Make it a top-level class, or a public static nested class.");
            return;
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
                && type.getKind() == ElementKind.CLASS) {
            error(revision, name + " is an inner class, so it needs an instance of its enclosing class. Declare it"
                    + " static.");
        }
        for (Element outer = type.getEnclosingElement(); outer instanceof TypeElement enclosing;
                outer = enclosing.getEnclosingElement()) {
            if (!enclosing.getModifiers().contains(Modifier.PUBLIC)) {
                error(revision, name + " is nested in " + enclosing.getSimpleName() + ", which is not public, so the"
                        + " generated registry cannot reach it. Make " + enclosing.getSimpleName() + " public.");
            }
        }
    }

    private static boolean hasPublicNoArgConstructor(TypeElement type) {
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getParameters().isEmpty() && constructor.getModifiers().contains(Modifier.PUBLIC)) {
                return true;
            }
        }
        return false;
    }

    /** A class without explicit constructors gets one with its own access: "not public" covers it. */
    private boolean onlyHasDefaultConstructor(TypeElement type) {
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (elements.getOrigin(constructor) != Elements.Origin.MANDATED) {
                return false;
            }
        }
        return true;
    }

    private void checkDowngrade(AnnotatedRevision revision, TypeElement type, String name) {
        boolean overridden = overridesDowngrade(type);
        if (revision.irreversible() == null) {
            if (!overridden) {
                diagnostics.error(MISSING_DOWNGRADE + revision.id() + " (" + name + ") does not override"
                        + " downgrade(Operations), so it cannot be rolled back. Implement downgrade to undo what"
                        + " upgrade does, or declare it with @Irreversible(reason = \"...\").",
                        type, revision.mirror(), null);
            }
            return;
        }
        if (revision.irreversibleReason() == null || revision.irreversibleReason().isBlank()) {
            diagnostics.error(IRREVERSIBLE_REASON + revision.id() + " (" + name + ") is @Irreversible without a"
                    + " reason. Say why it cannot be undone and what an operator can do instead.",
                    type, revision.irreversible(), null);
        }
        if (overridden) {
            diagnostics.warning(IRREVERSIBLE_WITH_DOWNGRADE + revision.id() + " (" + name + ") overrides downgrade"
                    + " but is @Irreversible, so its downgrade never runs. Remove @Irreversible or the downgrade"
                    + " method.", type, revision.irreversible(), null);
        }
    }

    /**
     * Whether the class, a superclass, or an interface other than Migration declares a concrete
     * {@code downgrade(Operations)}. Walks declared members only, which keeps large builds fast.
     */
    private boolean overridesDowngrade(TypeElement type) {
        java.util.Deque<TypeElement> pending = new java.util.ArrayDeque<>();
        java.util.Set<TypeElement> seen = new java.util.HashSet<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            TypeElement current = pending.poll();
            if (!seen.add(current) || current.getQualifiedName().contentEquals(MIGRATION)) {
                continue;
            }
            for (ExecutableElement method : ElementFilter.methodsIn(current.getEnclosedElements())) {
                if (method.getSimpleName().contentEquals("downgrade")
                        && method.getParameters().size() == 1
                        && !method.getModifiers().contains(Modifier.ABSTRACT)
                        && types.isSameType(method.getParameters().get(0).asType(), operations)) {
                    return true;
                }
            }
            supertype(current.getSuperclass(), pending);
            for (TypeMirror superinterface : current.getInterfaces()) {
                supertype(superinterface, pending);
            }
        }
        return false;
    }

    private void supertype(TypeMirror mirror, java.util.Deque<TypeElement> pending) {
        if (types.asElement(mirror) instanceof TypeElement element) {
            pending.add(element);
        }
    }

    private void error(AnnotatedRevision revision, String message) {
        diagnostics.error(INVALID + message, revision.type(), revision.mirror(), null);
    }

    private static String describe(ElementKind kind) {
        return switch (kind) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
