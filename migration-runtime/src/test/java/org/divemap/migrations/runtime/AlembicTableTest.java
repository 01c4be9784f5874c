package org.divemap.migrations.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every row of docs/migrating-from-alembic.md's table of the calls real histories use names a test,
 * and each test it names exists: renaming or deleting one fails here, not silently in the guide.
 */
class AlembicTableTest {

    private static final Path GUIDE = Path.of("").toAbsolutePath().getParent()
            .resolve("docs/migrating-from-alembic.md");
    private static final Pattern TEST = Pattern.compile("`((?:\\w+/)?)(\\w+)\\.(\\w+)`");

    @Test
    void everyRowNamesATestThatExists() throws IOException {
        List<String> lines = Files.readAllLines(GUIDE, StandardCharsets.UTF_8);
        int start = lines.indexOf("## The calls real histories use");
        assertTrue(start >= 0, "the section is missing from " + GUIDE);
        List<String> rows = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).startsWith("| ") && !lines.get(i).startsWith("| Alembic |")) {
                rows.add(lines.get(i));
            }
        }
        assertTrue(rows.size() >= 10, "the table has " + rows.size() + " rows");
        List<String> problems = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split(" \\| ");
            String tests = cells[cells.length - 1];
            Matcher test = TEST.matcher(tests);
            int found = 0;
            while (test.find()) {
                found++;
                String packageName = test.group(1).isEmpty() ? "sql" : test.group(1).replace("/", "");
                String className = "org.divemap.migrations.runtime." + packageName + "." + test.group(2);
                try {
                    Class<?> type = Class.forName(className);
                    boolean exists = Arrays.stream(type.getDeclaredMethods()).map(Method::getName)
                            .anyMatch(test.group(3)::equals);
                    if (!exists) {
                        problems.add(className + " has no test " + test.group(3));
                    }
                } catch (ClassNotFoundException e) {
                    problems.add("no test class " + className);
                }
            }
            if (found == 0) {
                problems.add("a row names no test: " + row);
            }
        }
        assertEquals(List.of(), problems);
    }
}
