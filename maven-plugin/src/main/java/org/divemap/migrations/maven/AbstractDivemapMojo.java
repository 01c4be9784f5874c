package org.divemap.migrations.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.autogenerate.AutogenerateException;
import org.divemap.migrations.autogenerate.EntityModel;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import org.divemap.migrations.runtime.frontend.ProjectClassLoader;
import org.divemap.migrations.runtime.frontend.ResolvedSettings;
import org.divemap.migrations.runtime.frontend.Texts;

/**
 * What every goal shares: the settings, resolved by {@link GoalParameters} with the same rules as
 * the command line's (docs/configuration.md), the project's class loader, the shared progress
 * texts, and turning runtime failures into build failures with the runtime's message.
 */
abstract class AbstractDivemapMojo extends AbstractMojo {

    /** How the goals name the commands in what they print. */
    static final Texts TEXTS = new Texts("mvn divemap:");

    /** JDBC URL of the database; default: {@code DIVEMAP_URL}, else an embedded H2 file under target/. @since 0.1.0 */
    @Parameter(property = "divemap.url")
    private String url;

    /** Database user; or {@code serverId}, or {@code DIVEMAP_USER}. @since 0.1.0 */
    @Parameter(property = "divemap.user")
    private String user;

    /** Database password; prefer {@code serverId} or {@code DIVEMAP_PASSWORD}. Never printed. @since 0.1.0 */
    @Parameter(property = "divemap.password")
    private String password;

    /** The id of a settings.xml {@code <server>} holding the user and (encrypted) password. @since 0.1.0 */
    @Parameter(property = "divemap.serverId")
    private String serverId;

    /**
     * Version table name; default {@code divemap_version}; {@code alembic_version} adopts an Alembic
     * database. @since 0.1.0
     */
    @Parameter(property = "divemap.versionTable")
    private String versionTable;

    /** History table name; default {@code divemap_history}. @since 0.1.0 */
    @Parameter(property = "divemap.historyTable")
    private String historyTable;

    /** Schema (PostgreSQL, H2) or database (MySQL) of both tables; default: the connection's. @since 0.1.0 */
    @Parameter(property = "divemap.schema")
    private String schema;

    /** Seconds to wait for another migrator's lock; default 300. @since 0.1.0 */
    @Parameter(property = "divemap.lockWaitSeconds")
    private Integer lockWaitSeconds;

    /**
     * upgrade and downgrade on MySQL, MariaDB and H2: record applied revisions this many at a time
     * instead of one by one (default 1). Faster, but a crash can leave up to that many applied and
     * unrecorded (the next run then refuses until they are stamped); for databases that can be
     * rebuilt. @since 0.1.0
     */
    @Parameter(property = "divemap.recordEvery")
    private Integer recordEvery;

    /**
     * upgrade and downgrade: run again a revision that an earlier run started and did not finish (or
     * that failed and left changes), when its migration is declared re-runnable
     * ({@code Migration.rerunnable()}); default false. Without it, such a revision stops every
     * upgrade and downgrade until it is stamped. @since 0.1.0
     */
    @Parameter(property = "divemap.retryInterrupted")
    private Boolean retryInterrupted;

    /**
     * upgrade: first check that no applied revision's migration was edited since it ran, and refuse,
     * running nothing, when one was; default true. Set it to false to apply an edit you know changes
     * nothing in the database. @since 0.1.0
     */
    @Parameter(property = "divemap.validate")
    private Boolean validate;

    /**
     * How the indexes and constraints a migration leaves unnamed are named: {@code default}
     * ({@code ix_{table}_{columns}}, {@code fk_{table}_{columns}_{referred_table}}, ...) or
     * {@code none} (the database names them, as in an Alembic project without a
     * {@code naming_convention}); default {@code default}. @since 0.1.0
     */
    @Parameter(property = "divemap.namingConvention")
    private String namingConvention;

    /** Seconds to keep trying to connect before failing; default 10. @since 0.1.0 */
    @Parameter(property = "divemap.connectTimeoutSeconds")
    private Integer connectTimeoutSeconds;

    /**
     * check and revision with autogenerate: only the entities in these packages (comma-separated)
     * are compared; default: every {@code @Entity} among the project's compiled classes. @since 0.1.0
     */
    @Parameter(property = "divemap.autogenerate.packages")
    private String entityPackages;

    /**
     * check and revision with autogenerate: take the entity classes a {@code persistence.xml} lists,
     * by resource name ({@code META-INF/persistence.xml}). @since 0.1.0
     */
    @Parameter(property = "divemap.autogenerate.persistenceXml")
    private String persistenceXml;

    /**
     * check and revision with autogenerate: the naming strategy, {@code spring} (default, as Spring
     * Boot names tables and columns: snake_case), {@code jpa} (names as written), or the class name
     * of a Hibernate {@code PhysicalNamingStrategy}. @since 0.1.0
     */
    @Parameter(property = "divemap.autogenerate.naming", defaultValue = "spring")
    private String naming;

    /**
     * check and revision with autogenerate: tables never compared, as comma-separated regular
     * expressions matched against the whole name, ignoring case. @since 0.1.0
     */
    @Parameter(property = "divemap.autogenerate.exclude")
    private String excludeTables;

    /** check and revision with autogenerate: compare server defaults ({@code @ColumnDefault}) too; default false. @since 0.1.0 */
    @Parameter(property = "divemap.autogenerate.compareServerDefaults", defaultValue = "false")
    private boolean compareServerDefaults;

    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
    private File outputDirectory;

    /** The project's classes while a goal runs. */
    ClassLoader projectLoader;

    /** Skips the goal. @since 0.1.0 */
    @Parameter(property = "divemap.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private SettingsDecrypter decrypter;

    /** Runs the goal's command. */
    abstract void run(Divemap divemap) throws MojoFailureException;

    /** Whether the goal reads the URL and credentials and connects. */
    ConfigurationResolver.Connect connect() {
        return this instanceof OfflineGoal ? ConfigurationResolver.Connect.NEVER : ConfigurationResolver.Connect.ALWAYS;
    }

    /** Adds what this goal needs to the configuration. */
    void configure(Configuration configuration) {
    }

    /** The project's entities, as the autogenerate parameters describe them. */
    EntityModel entityModel() {
        EntityModel model = EntityModel.of(projectLoader).naming(naming)
                .compareServerDefaults(compareServerDefaults);
        if (entityPackages != null && !entityPackages.isBlank()) {
            model = model.packages(split(entityPackages));
        }
        model = model.classRoots(List.of(outputDirectory.toPath()));
        if (persistenceXml != null && !persistenceXml.isBlank()) {
            model = model.persistenceXml(persistenceXml);
        }
        if (excludeTables != null && !excludeTables.isBlank()) {
            model = model.excludeTables(split(excludeTables));
        }
        return model;
    }

    private static String[] split(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }

    /** Logs a text line by line, or writes it to a file when one is given. */
    void print(String text, File file) throws MojoFailureException {
        if (file == null) {
            text.lines().forEach(getLog()::info);
            return;
        }
        try {
            Files.createDirectories(file.toPath().toAbsolutePath().getParent());
            Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
            getLog().info("Wrote " + file);
        } catch (IOException e) {
            throw new MojoFailureException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Logs where a command left the database. */
    void report(MigrationResult result) {
        getLog().info(TEXTS.result(result));
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("divemap: skipped (divemap.skip)");
            return;
        }
        checkParameters();
        quietPool();
        ConfigurationResolver.Connect connect = connect();
        try (ProjectClassLoader classes = ProjectClassLoader.open(classPath(), getClass().getClassLoader())) {
            projectLoader = classes.loader();
            ResolvedSettings settings = parameters(connect).resolve(System.getenv(), connect);
            if (settings.url() != null) {
                getLog().info(TEXTS.database(settings));
            }
            Configuration configuration = settings.applyTo(Divemap.configure().classLoader(classes.loader())
                    .listener(TEXTS.progress(getLog()::info)));
            CompiledMigrations compiled = compiledMigrations();
            boolean writes = this instanceof AbstractWriteMojo;
            if (ServiceLoader.load(RevisionRegistry.class, classes.loader()).stream().findAny().isEmpty()) {
                // a goal that writes migrations works in a project with none yet: it writes the first one
                if (!writes || !compiled.sources().isEmpty()) {
                    throw new MojoFailureException(compiled.noRegistry(goal()));
                }
                configuration.registries(List::of);
            } else if (compiled.outOfDate(goal()) != null) {
                // a new revision written from a graph that the sources no longer have would be wrong
                if (writes) {
                    throw new MojoFailureException(compiled.outOfDate(goal()));
                }
                getLog().warn(compiled.outOfDate(goal()));
            }
            configure(configuration);
            try (Divemap divemap = configuration.load()) {
                run(divemap);
            }
        } catch (AutogenerateException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (DivemapException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /**
     * Refuses parameters the goal cannot run without, before anything connects; Maven's own check of
     * required parameters names no property and no example, so the goals check theirs here.
     */
    void checkParameters() throws MojoFailureException {}

    /** The goal's name, as {@code mvn divemap:<name>}: each goal's class is named after it ({@code MergeMojo}). */
    private String goal() {
        return getClass().getSimpleName().replaceFirst("Mojo$", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** The project's migration sources beside its compiled classes. */
    private CompiledMigrations compiledMigrations() {
        return CompiledMigrations.inspect(project.getBasedir().toPath(),
                project.getCompileSourceRoots().stream().map(Path::of).toList(),
                Path.of(project.getBuild().getOutputDirectory()));
    }

    /** The parameters as the POM and -D give them; the settings.xml server only for goals that connect. */
    private GoalParameters parameters(ConfigurationResolver.Connect connect) throws MojoFailureException {
        GoalParameters.Server server = connect == ConfigurationResolver.Connect.NEVER ? null : server();
        Path target = Path.of(project.getBuild().getDirectory());
        return new GoalParameters(url, user, password, versionTable, historyTable, schema, lockWaitSeconds,
                connectTimeoutSeconds, recordEvery, retryInterrupted, validate, namingConvention, server, target);
    }

    /**
     * The runtime logs through SLF4J, which in a plugin is Maven's own log: its SQL shows as
     * {@code [DEBUG]} with {@code mvn -X}, its warnings as {@code [WARNING]}. Its progress lines at
     * INFO are left out, as the goals print the same progress themselves, and so are HikariCP's
     * start and shutdown lines; warnings and errors still show. A level the user set with -D wins.
     */
    private static void quietPool() {
        quiet("org.slf4j.simpleLogger.log.com.zaxxer.hikari");
        quiet("org.slf4j.simpleLogger.log." + org.divemap.migrations.runtime.Logs.PROGRESS);
    }

    private static void quiet(String key) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    /** The project's compiled classes and runtime dependencies. */
    private List<Path> classPath() throws MojoExecutionException {
        try {
            // the compile class path too: entities may need provided-scope classes (jakarta.persistence-api)
            java.util.Set<String> entries = new java.util.LinkedHashSet<>(project.getRuntimeClasspathElements());
            entries.addAll(project.getCompileClasspathElements());
            return entries.stream().map(Path::of).toList();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Could not build the project's class path: " + e.getMessage(), e);
        }
    }

    private GoalParameters.Server server() throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            return null;
        }
        Server server = session.getSettings().getServer(serverId);
        if (server == null) {
            throw new MojoFailureException("No <server> with id \"" + serverId + "\" in settings.xml. Add one with"
                    + " <username> and <password>, or drop divemap.serverId.");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!result.getProblems().isEmpty()) {
            // never go on with the ciphertext as the password
            throw new MojoFailureException("Could not decrypt the password of <server> \"" + serverId + "\" in"
                    + " settings.xml: " + result.getProblems().get(0).getMessage() + ". Check"
                    + " ~/.m2/settings-security.xml (mvn --encrypt-master-password), or store the password plainly.");
        }
        Server decrypted = result.getServer();
        return new GoalParameters.Server(serverId, decrypted.getUsername(), decrypted.getPassword());
    }
}
