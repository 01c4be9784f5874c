package org.divemap.migrations.test;

import java.lang.reflect.InvocationTargetException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.runtime.Redaction;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.dialect.h2.H2Dialect;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link MigrationTest} registers: creates the class's {@link MigrationDatabase} before its
 * first test, hands it to the tests that ask for one, and drops it after the last.
 */
public final class MigrationTestExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MigrationTestExtension.class);
    /** The longest prefix: with eight hex digits, the name fits PostgreSQL's 63 bytes and MySQL's 64 characters. */
    static final int MAX_PREFIX = 40;
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0," + (MAX_PREFIX - 1) + "}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        MigrationTest settings = settings(testClass);
        List<RevisionRegistry> registries = registries(settings, testClass);
        String prefix = prefix(settings);
        MigrationDatabase database;
        if (settings.dataSource() != DataSourceProvider.class) {
            DataSource dataSource = provided(settings.dataSource());
            database = MigrationDatabase.create(dataSource::getConnection, settings.dataSource().getSimpleName(),
                    prefix, registries, () -> { }); // the provider's data source is the provider's to close
        } else if (!settings.container().isBlank() || settings.containerProvider() != ContainerProvider.class) {
            Containers.Server server = container(settings);
            database = pooled(server.url(), server.user(), server.password(), prefix, registries);
        } else {
            String configured = expand(settings.database(), "database");
            // without a URL, a private in-memory H2 database; a URL whose connections would each get a
            // database of their own (an unnamed in-memory H2 database) names one they share
            String privateName = prefix + Integer.toHexString(ThreadLocalRandom.current().nextInt());
            String url = configured.isBlank() ? H2Dialect.inMemoryUrl(privateName)
                    : Dialect.forUrl(configured).map(dialect -> dialect.sharedUrl(configured, privateName))
                            .orElse(configured);
            database = pooled(url, expand(settings.user(), "user"), expand(settings.password(), "password"),
                    prefix, registries);
        }
        context.getStore(NAMESPACE).put(MigrationDatabase.class, database);
    }

    /**
     * A small pool: the checks open several connections per revision, and a new PostgreSQL or MySQL
     * session costs milliseconds each time.
     */
    private static MigrationDatabase pooled(String url, String user, String password, String prefix,
            List<RevisionRegistry> registries) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("divemap-test");
        config.setJdbcUrl(url);
        if (user != null && !user.isEmpty()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(5);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1); // report an unreachable server where it is used
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return MigrationDatabase.create(pool::getConnection, Redaction.url(url), prefix, registries, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The server of the container the settings name; Testcontainers is touched only here. */
    private static Containers.Server container(MigrationTest settings) {
        if (!settings.container().isBlank() && settings.containerProvider() != ContainerProvider.class) {
            throw new ExtensionConfigurationException("@MigrationTest has both container and containerProvider:"
                    + " give one.");
        }
        String attribute = settings.container().isBlank()
                ? "containerProvider = " + settings.containerProvider().getSimpleName() + ".class"
                : "container = \"" + settings.container() + "\"";
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, MigrationTestExtension.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExtensionConfigurationException("@MigrationTest(" + attribute + ") needs Testcontainers on the"
                    + " test class path: add org.testcontainers:testcontainers-mysql (or -mariadb, -postgresql) with"
                    + " test scope.", e);
        }
        if (!settings.container().isBlank()) {
            return Containers.ofImage(settings.container());
        }
        ContainerProvider provider = instantiate(settings.containerProvider(), "container provider");
        try {
            return Containers.ofProvided(provider.container(), settings.containerProvider().getSimpleName());
        } catch (ExtensionConfigurationException | org.opentest4j.TestAbortedException e) {
            throw e;
        } catch (Exception e) {
            throw new ExtensionConfigurationException(settings.containerProvider().getName() + ".container() failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        MigrationDatabase database = context.getStore(NAMESPACE).remove(MigrationDatabase.class, MigrationDatabase.class);
        if (database != null) {
            database.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MigrationDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MigrationDatabase database = context.getStore(NAMESPACE).get(MigrationDatabase.class, MigrationDatabase.class);
        if (database == null) {
            throw new ExtensionConfigurationException("No test database: a MigrationDatabase parameter needs"
                    + " @MigrationTest on the test class (it is created before the class's first test).");
        }
        return database;
    }

    /** The prefix of the test database's name, checked so that it needs no quoting on any database. */
    static String prefix(MigrationTest settings) {
        String prefix = expand(settings.databasePrefix(), "databasePrefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ExtensionConfigurationException("@MigrationTest(databasePrefix = \"" + prefix + "\") cannot"
                    + " start a database name: use lower-case letters, digits and '_', starting with a letter, at most "
                    + MAX_PREFIX + " characters (eight hex digits follow it), for example \"ci_\".");
        }
        return prefix;
    }

    static MigrationTest settings(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, MigrationTest.class).orElseThrow(() ->
                new ExtensionConfigurationException(testClass.getName() + " needs @MigrationTest"));
    }

    private static List<RevisionRegistry> registries(MigrationTest settings, Class<?> testClass) {
        List<RevisionRegistry> registries = new ArrayList<>();
        for (Class<? extends RevisionRegistry> type : settings.registries()) {
            registries.add(instantiate(type, "registry"));
        }
        if (registries.isEmpty()) {
            registries.addAll(MigrationDatabase.discover(testClass.getClassLoader()));
        }
        if (registries.isEmpty()) {
            throw new ExtensionConfigurationException("No revision registry found on the class path of "
                    + testClass.getName() + ". Compile the @Revision classes with migration-processor"
                    + " (annotationProcessorPaths in maven-compiler-plugin), which generates one, or name the"
                    + " registries with @MigrationTest(registries = ...).");
        }
        return registries;
    }

    private static DataSource provided(Class<? extends DataSourceProvider> type) {
        DataSourceProvider provider = instantiate(type, "data source provider");
        try {
            DataSource dataSource = provider.dataSource();
            if (dataSource == null) {
                throw new ExtensionConfigurationException(type.getName() + ".dataSource() returned null");
            }
            return dataSource;
        } catch (ExtensionConfigurationException e) {
            throw e;
        } catch (Exception e) {
            throw new ExtensionConfigurationException(type.getName() + ".dataSource() failed: " + e.getMessage(), e);
        }
    }

    private static <T> T instantiate(Class<T> type, String what) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ExtensionConfigurationException("The " + what + " " + type.getName()
                    + " needs a constructor without parameters.", e);
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException("Creating the " + what + " " + type.getName() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("Cannot create the " + what + " " + type.getName() + ": " + e, e);
        }
    }

    /**
     * Replaces {@code ${VAR}} and {@code ${VAR:-fallback}} with the environment's value. A variable
     * that is unset and has no fallback skips the class, saying which one.
     */
    static String expand(String text, String attribute) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = System.getenv(matcher.group(1));
            if (value == null || value.isEmpty()) {
                value = matcher.group(2);
            }
            if (value == null) {
                Assumptions.abort("Skipped: the environment variable " + matcher.group(1) + " in @MigrationTest("
                        + attribute + ") is not set (write ${" + matcher.group(1) + ":-fallback} for a default).");
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }
}
