package org.divemap.migrations.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.divemap.migrations.processor.RevisionProcessorErrorsTest.compile;
import static org.divemap.migrations.processor.RevisionProcessorErrorsTest.country;
import static org.divemap.migrations.processor.RevisionProcessorErrorsTest.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Legal but suspect: a warning each, and the registry is still written. */
class RevisionProcessorWarningsTest {

    @Test
    void dependsOnAnAncestorIsRedundant() {
        JavaFileObject ratings = source("warn/redundant_dependency/AddRatings.java");
        Compilation compilation = compile(ratings, source("warn/redundant_dependency/AddPhotos.java"), country());
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("[Divemap/RedundantDependency] 0005_add_ratings depends on \"0003_add_country\","
                        + " which is already an ancestor of 0004_add_photos, so the dependency changes nothing.")
                .inFile(ratings)
                .onLineContaining("dependsOn = {\"0003_add_country\"}");
        assertThat(compilation).generatedSourceFile("test.migrations.DivemapRevisionRegistry");
    }

    @Test
    void irreversibleMigrationWithADowngradeIsSuspect() {
        JavaFileObject photos = source("warn/irreversible_with_downgrade/AddPhotos.java");
        Compilation compilation = compile(photos, country());
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("[Divemap/IrreversibleWithDowngrade] 0004_add_photos (AddPhotos) overrides"
                        + " downgrade but is @Irreversible, so its downgrade never runs.")
                .inFile(photos)
                .onLineContaining("@Irreversible(reason = \"Photos are deleted.\")");
    }

    @Test
    void repeatedParentIsSuspect() {
        JavaFileObject photos = source("warn/duplicate_entry/AddPhotos.java");
        Compilation compilation = compile(photos, country());
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("[Divemap/DuplicateEntry] 0004_add_photos lists \"0003_add_country\" twice in"
                        + " revises. Remove the second one.")
                .inFile(photos)
                .onLineContaining("revises = {\"0003_add_country\", \"0003_add_country\"}");
    }

    @Test
    void irreversibleWithoutRevisionHasNoEffect() {
        JavaFileObject helper = source("warn/stray_irreversible/Helper.java");
        Compilation compilation = compile(helper, country());
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("[Divemap/IrreversibleWithoutRevision] Helper is @Irreversible but has no"
                        + " @Revision")
                .inFile(helper)
                .onLineContaining("@Irreversible");
    }
}
