package org.divemap.migrations.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per error kind: the count, the text, the file and the line. */
class RevisionProcessorErrorsTest {

    static JavaFileObject source(String path) {
        return JavaFileObjects.forResource(path);
    }

    static JavaFileObject country() {
        return source("bad/Country.java");
    }

    static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new RevisionProcessor()).compile(sources);
    }

    @Test
    void unknownParentIsReportedOnTheRevisesValue() {
        JavaFileObject photos = source("bad/unknown_parent/AddPhotos.java");
        Compilation compilation = compile(photos, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/UnknownRevision] 0004_add_photos revises \"0003_add_contry\", which is"
                        + " not a revision in this build. Did you mean \"0003_add_country\"?")
                .inFile(photos)
                .onLineContaining("0003_add_contry");
    }

    @Test
    void unknownDependencyIsReportedOnTheDependsOnValue() {
        JavaFileObject photos = source("bad/unknown_dependency/AddPhotos.java");
        Compilation compilation = compile(photos, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/UnknownRevision] 0004_add_photos depends on \"reportng\", which is"
                        + " neither a revision nor a branch label in this build.")
                .inFile(photos)
                .onLineContaining("reportng");
    }

    @Test
    void duplicateIdNamesBothClassesWithANoteAtTheOther() {
        JavaFileObject first = source("bad/duplicate_id/First.java");
        JavaFileObject second = source("bad/duplicate_id/Second.java");
        Compilation compilation = compile(second, first, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/DuplicateRevision] Revision id \"0004_add_photos\" is declared by both"
                        + " First.java and Second.java.")
                .inFile(second)
                .onLineContaining("id = \"0004_add_photos\"");
        assertThat(compilation)
                .hadNoteContaining("\"0004_add_photos\" is also declared here, by First.java.")
                .inFile(first)
                .onLineContaining("id = \"0004_add_photos\"");
    }

    @Test
    void cycleIsReportedOnceOnTheRevisesValueThatClosesIt() {
        JavaFileObject a = source("bad/cycle/A.java");
        JavaFileObject b = source("bad/cycle/B.java");
        JavaFileObject c = source("bad/cycle/C.java");
        for (Compilation compilation : new Compilation[] {compile(a, b, c), compile(c, b, a), compile(b, c, a)}) {
            assertThat(compilation).hadErrorCount(1);
            assertThat(compilation)
                    .hadErrorContaining("[Divemap/Cycle] Revisions form a cycle: 0003_a -> 0005_c -> 0004_b -> 0003_a."
                            + " Remove one of these revises or dependsOn entries.")
                    .inFile(b)
                    .onLineContaining("revises = \"0003_a\"");
        }
    }

    @Test
    void revisingItselfIsReportedOnThatValue() {
        JavaFileObject photos = source("bad/self/AddPhotos.java");
        Compilation compilation = compile(photos, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/SelfRevision] 0004_add_photos revises itself. Remove \"0004_add_photos\""
                        + " from revises.")
                .inFile(photos)
                .onLineContaining("revises = {\"0003_add_country\", \"0004_add_photos\"}");
    }

    @Test
    void branchConflictNamesBothHeadsAndTheMergeToAdd() {
        JavaFileObject photos = source("bad/branch_conflict/AddPhotos.java");
        JavaFileObject ratings = source("bad/branch_conflict/AddRatings.java");
        Compilation compilation = compile(ratings, photos, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/BranchConflict] 0004_add_photos (AddPhotos.java) and 0004_add_ratings"
                        + " (AddRatings.java) both revise 0003_add_country, so the graph has two heads. Add a merge"
                        + " revision:")
                .inFile(ratings)
                .onLineContaining("id = \"0004_add_ratings\"");
        // javac indents the continuation lines of a message; check them one by one
        assertThat(compilation).hadErrorContaining("\n      @Revision(id = \"merge_0004_add_photos_0004_add_ratings\","
                + " revises = {\"0004_add_photos\", \"0004_add_ratings\"})\n");
        assertThat(compilation).hadErrorContaining("or put each line of history on its own branch with branchLabels.");
    }

    @Test
    void idsThatClashWithTargetSyntaxAreReportedOnTheId() {
        JavaFileObject head = source("bad/reserved_id/Head.java");
        JavaFileObject at = source("bad/reserved_id/AtSign.java");
        Compilation compilation = compile(head, at, country());
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/ReservedName] Revision id \"head\" (Head.java) is a reserved word in"
                        + " revision targets (head, heads, base). Choose another id.")
                .inFile(head)
                .onLineContaining("id = \"head\"");
        assertThat(compilation)
                .hadErrorContaining("[Divemap/ReservedName] Revision id \"0004_a@b\" (AtSign.java) contains '@'")
                .inFile(at)
                .onLineContaining("0004_a@b");
    }

    @Test
    void anIdWithACharacterOutsideTheRuleIsReportedOnTheIdNamingTheCharacter() {
        JavaFileObject backslash = source("bad/illegal_id/Backslash.java");
        Compilation compilation = compile(backslash, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/IllegalCharacter] Revision id \"q1_a\\\" (Backslash.java) contains '\\'."
                        + " Ids and branch labels hold only letters (a-z, A-Z), digits, '_' and '.', since an id is"
                        + " also a revision target, a file name and a SQL string. Replace '\\' with '_' or another"
                        + " allowed character.")
                .inFile(backslash)
                .onLineContaining("id = \"q1_a\\\\\"");

        JavaFileObject injection = source("bad/illegal_id/Injection.java");
        Compilation injected = compile(injection, country());
        assertThat(injected).hadErrorCount(1);
        assertThat(injected)
                .hadErrorContaining("[Divemap/IllegalCharacter] Revision id \"q2_;DROP/**/TABLE/**/q1;#\""
                        + " (Injection.java) contains ';'.")
                .inFile(injection)
                .onLineContaining("id = \"q2_;DROP");
    }

    @Test
    void aLabelWithACharacterOutsideTheRuleIsReportedOnTheLabel() {
        JavaFileObject slashed = source("bad/illegal_label/Slashed.java");
        Compilation compilation = compile(slashed, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/IllegalCharacter] Branch label \"reports/2024\" of 0004_reports contains"
                        + " '/'.")
                .inFile(slashed)
                .onLineContaining("branchLabels = {\"reports\", \"reports/2024\"}");
    }

    @Test
    void labelsThatClashWithTargetSyntaxAreReportedOnTheLabel() {
        JavaFileObject labeled = source("bad/reserved_label/Labeled.java");
        Compilation compilation = compile(labeled, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/ReservedName] Branch label \"base\" of 0004_labeled is a reserved word")
                .inFile(labeled)
                .onLineContaining("branchLabels = {\"base\"}");
    }

    @Test
    void labelThatIsAlsoAnIdIsAClash() {
        JavaFileObject labeled = source("bad/label_clash/LabelIsId.java");
        Compilation compilation = compile(labeled, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/LabelClash] Branch label \"0003_add_country\" of 0004_label_is_id is also"
                        + " the id of a revision (Country.java)")
                .inFile(labeled)
                .onLineContaining("branchLabels = {\"0003_add_country\"}");
    }

    @Test
    void labelDeclaredTwiceIsAClash() {
        JavaFileObject one = source("bad/label_twice/One.java");
        JavaFileObject two = source("bad/label_twice/Two.java");
        Compilation compilation = compile(two, one, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/LabelClash] Branch label \"reporting\" is declared by both 0004_one"
                        + " (One.java) and 0004_two (Two.java).")
                .inFile(two)
                .onLineContaining("branchLabels = {\"reporting\"}");
    }

    private static void assertClassError(String fixture, String message) {
        JavaFileObject photos = source(fixture);
        Compilation compilation = compile(photos, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(message)
                .inFile(photos)
                .onLineContaining("@Revision(id = \"0004_add_photos\"");
    }

    @Test
    void classThatIsNotPublicIsRejected() {
        assertClassError("bad/not_public/AddPhotos.java",
                "[Divemap/InvalidMigrationClass] AddPhotos is not public. The generated registry creates it with"
                        + " AddPhotos::new from another class: make it public.");
    }

    @Test
    void abstractClassIsRejected() {
        assertClassError("bad/abstract/AddPhotos.java",
                "[Divemap/InvalidMigrationClass] AddPhotos is abstract, so it cannot be instantiated.");
    }

    @Test
    void classThatIsNotAMigrationIsRejected() {
        assertClassError("bad/not_migration/AddPhotos.java",
                "[Divemap/InvalidMigrationClass] AddPhotos does not implement org.divemap.migrations.Migration."
                        + " Add \"implements Migration\".");
    }

    @Test
    void classWithoutPublicNoArgConstructorIsRejected() {
        assertClassError("bad/no_constructor/AddPhotos.java",
                "[Divemap/InvalidMigrationClass] AddPhotos has no public no-argument constructor.");
    }

    @Test
    void interfaceIsRejected() {
        assertClassError("bad/interface/AddPhotos.java",
                "[Divemap/InvalidMigrationClass] @Revision is on AddPhotos, which is an interface. Put @Revision on a"
                        + " public class that implements Migration.");
    }

    @Test
    void innerClassIsRejected() {
        JavaFileObject outer = source("bad/inner/Outer.java");
        Compilation compilation = compile(outer, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/InvalidMigrationClass] AddPhotos is an inner class")
                .inFile(outer)
                .onLineContaining("@Revision(id = \"0004_add_photos\"");
    }

    @Test
    void migrationWithoutDowngradeMustBeIrreversible() {
        assertClassError("bad/missing_downgrade/AddPhotos.java",
                "[Divemap/MissingDowngrade] 0004_add_photos (AddPhotos) does not override downgrade(Operations), so it"
                        + " cannot be rolled back. Implement downgrade to undo what upgrade does, or declare it with"
                        + " @Irreversible(reason = \"...\").");
    }

    @Test
    void downgradeInheritedFromASuperclassCounts() {
        JavaFileObject base = JavaFileObjects.forSourceLines("test.migrations.DropsTable",
                "package test.migrations;",
                "import org.divemap.migrations.Migration;",
                "import org.divemap.migrations.Operations;",
                "public abstract class DropsTable implements Migration {",
                "    @Override public void downgrade(Operations op) { op.dropTable(\"photos\"); }",
                "}");
        JavaFileObject photos = JavaFileObjects.forSourceLines("test.migrations.AddPhotos",
                "package test.migrations;",
                "import org.divemap.migrations.Operations;",
                "import org.divemap.migrations.Revision;",
                "@Revision(id = \"0004_add_photos\", revises = \"0003_add_country\")",
                "public final class AddPhotos extends DropsTable {",
                "    @Override public void upgrade(Operations op) { op.execute(\"CREATE TABLE photos (id INT)\"); }",
                "}");
        assertThat(compile(base, photos, country())).succeededWithoutWarnings();
    }

    @Test
    void irreversibleNeedsAReason() {
        JavaFileObject photos = source("bad/blank_reason/AddPhotos.java");
        Compilation compilation = compile(photos, country());
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[Divemap/IrreversibleReason] 0004_add_photos (AddPhotos) is @Irreversible without"
                        + " a reason.")
                .inFile(photos)
                .onLineContaining("@Irreversible(reason = \" \")");
    }
}
