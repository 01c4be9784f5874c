package org.divemap.migrations.maven;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.autogenerate.RevisionNames;

/** Writes a new migration source file: a fresh id, its parents, and empty upgrade/downgrade. */
final class RevisionWriter {

    private static final ClassName REVISION = ClassName.get("org.divemap.migrations", "Revision");
    private static final ClassName MIGRATION = ClassName.get("org.divemap.migrations", "Migration");
    private static final ClassName OPERATIONS = ClassName.get("org.divemap.migrations", "Operations");

    private RevisionWriter() {}

    /**
     * A fresh id: when the existing ids are numbered ({@code 0003_add_country}), the next number and
     * a slug of the message; otherwise twelve hex digits, as Alembic makes them.
     */
    static String freshId(Collection<String> existing, String message) {
        return RevisionNames.freshId(existing, message);
    }

    /** {@code "Add phone to users"} becomes {@code add_phone_to_users}, at most 40 characters. */
    static String slug(String message) {
        return RevisionNames.slug(message);
    }

    /** {@code add_phone_to_users} becomes {@code AddPhoneToUsers}; a leading digit gets a prefix. */
    static String className(String slug, String id) {
        return RevisionNames.className(slug, id);
    }

    /** The source of the migration. */
    static JavaFile source(String packageName, String className, String id, List<String> revises, String message) {
        AnnotationSpec.Builder revision = AnnotationSpec.builder(REVISION).addMember("id", "$S", id);
        if (revises.size() == 1) {
            revision.addMember("revises", "$S", revises.get(0));
        } else if (!revises.isEmpty()) {
            revision.addMember("revises", "{$L}", CodeBlock.join(revises.stream().map(r -> CodeBlock.of("$S", r))
                    .toList(), ", "));
        }
        revision.addMember("message", "$S", message);
        TypeSpec type = TypeSpec.classBuilder(className)
                .addAnnotation(revision.build())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(MIGRATION)
                .addMethod(MethodSpec.methodBuilder("upgrade")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(OPERATIONS, "op")
                        .addComment(revises.size() > 1 ? "A merge: usually nothing to do."
                                : "The change, for example: op.addColumn(\"users\", Column.of(\"phone\", Type.varchar(20)).nullable());")
                        .build())
                .addMethod(MethodSpec.methodBuilder("downgrade")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(OPERATIONS, "op")
                        .addComment(revises.size() > 1 ? "A merge: usually nothing to do."
                                : "Undo exactly what upgrade does, for example: op.dropColumn(\"users\", \"phone\");")
                        .build())
                .build();
        return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("    ").build();
    }

    /**
     * Writes a revision with these parents among the existing ones, in {@code packageName} or else
     * the existing migrations' deepest package. Never overwrites a file; returns its path.
     *
     * @throws IllegalStateException when there is no package to write to, or the file exists
     */
    static Path write(Path sourceRoot, List<RegisteredRevision> existing, String id, String packageName,
            List<String> revises, String message) throws IOException {
        String pkg = packageName != null ? packageName
                : commonPackage(existing.stream().map(RegisteredRevision::migrationClass).toList());
        if (pkg == null) {
            throw new IllegalStateException("This project has no migration yet, so the package is unknown: give"
                    + " -Ddivemap.packageName=com.example.db.migrations.");
        }
        return write(sourceRoot, source(pkg, className(slug(message), id), id, revises, message));
    }

    /** Writes the file under {@code sourceRoot}; never overwrites one. Returns its path. */
    static Path write(Path sourceRoot, JavaFile file) throws IOException {
        Path path = sourceRoot.resolve(file.packageName().replace('.', '/')).resolve(file.typeSpec().name() + ".java");
        if (Files.exists(path)) {
            throw new IllegalStateException(path + " already exists; it was not overwritten. Choose another message"
                    + " (the class name comes from it).");
        }
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.toString());
        return path;
    }

    /** The deepest package holding all these classes, or null when there are none. */
    static String commonPackage(Collection<String> classNames) {
        return RevisionNames.commonPackage(classNames);
    }
}
