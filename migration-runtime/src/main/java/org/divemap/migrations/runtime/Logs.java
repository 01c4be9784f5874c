package org.divemap.migrations.runtime;

import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * The runtime's two SLF4J loggers: {@value #PROGRESS} (what runs: plans and revisions at INFO,
 * waits for the lock and other warnings at WARN) and {@value #SQL} (each statement at DEBUG, bound
 * values masked). The application's SLF4J provider (Logback, Log4j, java.util.logging) decides
 * where they go.
 *
 * <p>An application without any SLF4J provider would see SLF4J's "No SLF4J providers were found"
 * on its first log call, from the runtime or from HikariCP; in that case only, and only when the
 * application has not chosen a provider with {@code slf4j.provider}, the runtime selects SLF4J's
 * no-operation provider explicitly, which is what SLF4J falls back to anyway, without the warning.
 */
public final class Logs {

    /** The logger of plans and revisions (INFO) and warnings (WARN). */
    public static final String PROGRESS = "org.divemap.migrations.runtime.Divemap";
    /** The logger of the statements a migration runs (DEBUG). */
    public static final String SQL = "org.divemap.migrations.runtime.sql";

    /**
     * Whether the application has no SLF4J provider, so that nothing it logs goes anywhere: then the
     * runtime's loggers are SLF4J's no-operation logger, and SLF4J itself is never set up (its
     * provider lookup and start-up are about a hundred classes on every run's start-up path).
     */
    private static final boolean NOWHERE = quietWithoutProvider();

    private Logs() {}

    /** The progress logger. */
    public static Logger progress() {
        return NOWHERE ? NOPLogger.NOP_LOGGER : LoggerFactory.getLogger(PROGRESS);
    }

    /** The SQL logger. */
    public static Logger sql() {
        return NOWHERE ? NOPLogger.NOP_LOGGER : LoggerFactory.getLogger(SQL);
    }

    /** Makes sure {@link #quietWithoutProvider()} ran before HikariCP or anything else first uses SLF4J. */
    static void init() {
        // the static initializer did the work
    }

    /** Selects the no-operation provider where there is none; returns whether it did. */
    private static boolean quietWithoutProvider() {
        if (System.getProperty("slf4j.provider") != null) {
            return false;
        }
        ClassLoader loader = Logger.class.getClassLoader(); // not LoggerFactory: loading it sets SLF4J up
        Class<?> spi;
        try {
            // SLF4J 2 finds providers through ServiceLoader; with SLF4J 1.7 (Maven 3's own) there is nothing to do
            spi = Class.forName("org.slf4j.spi.SLF4JServiceProvider", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        try {
            if (ServiceLoader.load(spi, loader).iterator().hasNext()) {
                return false;
            }
        } catch (java.util.ServiceConfigurationError e) {
            return false; // a provider is there, if broken: SLF4J will say so
        }
        String nop = "org.slf4j.helpers.NOP_FallbackServiceProvider";
        try {
            Class.forName(nop, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // an SLF4J 2 older than this class: it warns once, as it would without Divemap
        }
        System.setProperty("slf4j.provider", nop);
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN"); // not "Attempting to load provider ..."
        }
        return true;
    }
}
