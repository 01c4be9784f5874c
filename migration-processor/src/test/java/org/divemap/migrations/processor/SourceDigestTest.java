package org.divemap.migrations.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The digest the registry records per revision changes with the migration's code and only with it:
 * comments and layout do not count, literals and names do.
 */
class SourceDigestTest {

    private static final String MIGRATION = """
            package test.digest;

            import org.divemap.migrations.*;

            /** Adds a phone number. */
            @Revision(id = "0001_phone", message = "Add phone")
            public final class AddPhone implements Migration {
                @Override public void upgrade(Operations op) {
                    op.addColumn("users", Column.of("phone", Type.varchar(%s)).nullable()); // %s
                }
                @Override public void downgrade(Operations op) {
                    op.dropColumn("users", "phone");
                }
            }
            """;

    private static final Pattern DIGEST = Pattern.compile("64:([0-9a-f]{64})\"");

    private static String digestOf(String source) throws IOException {
        JavaFileObject file = JavaFileObjects.forSourceString("test.digest.AddPhone", source);
        Compilation compilation = RegistryGenerationTest.compile(java.util.List.of(file));
        assertThat(compilation).succeeded();
        String registry = compilation.generatedSourceFile("test.digest.DivemapRevisionRegistry").orElseThrow()
                .getCharContent(true).toString();
        Matcher m = DIGEST.matcher(registry);
        if (!m.find()) {
            throw new AssertionError("no digest in the registry:\n" + registry);
        }
        return m.group(1);
    }

    @Test
    void commentsAndLayoutDoNotChangeTheDigestButCodeDoes() throws IOException {
        String original = digestOf(String.format(MIGRATION, "20", "the number as dialled"));
        String reformatted = digestOf(String.format(MIGRATION, "20", "a new comment")
                .replace("    ", "  ").replace("(Operations op) {", "(Operations op)\n  {"));
        String edited = digestOf(String.format(MIGRATION, "30", "the number as dialled"));
        assertEquals(original, reformatted);
        assertNotEquals(original, edited);
        assertNotEquals(original, digestOf(String.format(MIGRATION, "20", "x").replace("\"phone\", Type", "\"mobile\", Type")));
    }

    @Test
    void normalizationKeepsLiteralsAndSeparatesWordsOnly() {
        assertEquals("int a=1;String s=\"a  /* not a comment */ b\";",
                SourceDigest.normalized("int   a = 1; // one\n/* two */ String s = \"a  /* not a comment */ b\";"));
        assertEquals("char c='\\'';String t=\"\"\"\n   kept  as is\n   \"\"\";",
                SourceDigest.normalized("char c = '\\''; String t = \"\"\"\n   kept  as is\n   \"\"\";"));
        assertNotEquals(SourceDigest.normalized("return a - -b;"), SourceDigest.normalized("return a--b;"));
    }
}
