package org.divemap.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/** {@code mvn divemap:help}: the goals and, with {@code -Ddetail}, their parameters and properties. */
class HelpGoalTest {

    /** Collects what the goal logs at INFO. */
    private static final class Collected extends SystemStreamLog {
        final StringBuilder text = new StringBuilder();

        @Override
        public void info(CharSequence content) {
            text.append(content).append('\n');
        }
    }

    private static String help(boolean detail, String goal) throws Exception {
        HelpMojo mojo = new HelpMojo();
        set(mojo, "detail", detail);
        set(mojo, "goal", goal);
        set(mojo, "lineLength", 120);
        set(mojo, "indentSize", 2);
        Collected log = new Collected();
        mojo.setLog(log);
        mojo.execute();
        return log.text.toString();
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    @Test
    void listsEveryGoal() throws Exception {
        String text = help(false, null);
        for (String goal : new String[] {"upgrade", "downgrade", "current", "history", "heads", "branches", "show",
                "stamp", "check", "sql", "revision", "merge", "help"}) {
            assertTrue(text.contains("divemap:" + goal + "\n"), () -> "no goal " + goal + " in:\n" + text);
        }
    }

    @Test
    void detailShowsAGoalsParametersAndTheirProperties() throws Exception {
        String text = help(true, "downgrade");
        assertTrue(text.contains("divemap:downgrade"), text);
        assertTrue(text.contains("target"), text);
        assertTrue(text.contains("User property: divemap.target"), text);
        assertTrue(text.contains("User property: divemap.url"), text);
    }
}
