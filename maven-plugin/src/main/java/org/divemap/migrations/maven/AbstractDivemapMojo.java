package org.divemap.migrations.maven;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationListener;

/**
 * What every goal shares: the connection settings, the project's class loader, and turning runtime
 * failures into build failures with the runtime's message.
 */
abstract class AbstractDivemapMojo extends AbstractMojo {

    /** JDBC URL of the database; without it, {@code DIVEMAP_URL}, else an embedded H2 file under target/. @since 0.1.0 */
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

    /** Version table name; {@code alembic_version} adopts an Alembic-managed database. @since 0.1.0 */
    @Parameter(property = "divemap.versionTable", defaultValue = "divemap_version")
    private String versionTable;

    /** History table name. @since 0.1.0 */
    @Parameter(property = "divemap.historyTable", defaultValue = "divemap_history")
    private String historyTable;

    /** Schema (PostgreSQL, H2) or database (MySQL) of both tables; default: the connection's. @since 0.1.0 */
    @Parameter(property = "divemap.schema")
    private String schema;

    /** Seconds to wait for another migrator's lock. @since 0.1.0 */
    @Parameter(property = "divemap.lockWaitSeconds", defaultValue = "300")
    private int lockWaitSeconds;

    /**
     * upgrade and downgrade on MySQL, MariaDB and H2: record applied revisions this many at a time
     * instead of one by one. Faster, but a crash can leave up to that many applied and unrecorded (the
     * next run then refuses until they are stamped); for databases that can be rebuilt. @since 0.1.0
     */
    @Parameter(property = "divemap.recordEvery", defaultValue = "1")
    private int recordEvery;

    /**
     * upgrade and downgrade: run again a revision that an earlier run started and did not finish (or
     * that failed and left changes), when its migration is declared re-runnable
     * ({@code Migration.rerunnable()}). Without it, such a revision stops every upgrade and downgrade
     * until it is stamped. @since 0.1.0
     */
    @Parameter(property = "divemap.retryInterrupted", defaultValue = "false")
    private boolean retryInterrupted;

    /** Seconds to keep trying to connect before failing. @since 0.1.0 */
    @Parameter(property = "divemap.connectTimeoutSeconds", defaultValue = "10")
    private int connectTimeoutSeconds;

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

    /** Whether the goal needs a database; those that do not (sql) run without one. */
    boolean needsDatabase() {
        return true;
    }

    /** Whether the goal works on a project with no migration yet (it writes the first one). */
    boolean startsHistories() {
        return false;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("divemap: skipped (divemap.skip)");
            return;
        }
        quietPool();
        if (lockWaitSeconds < 0) {
            throw new MojoFailureException("divemap.lockWaitSeconds is " + lockWaitSeconds
                    + "; give 0 (do not wait) or more.");
        }
        if (recordEvery < 1) {
            throw new MojoFailureException("divemap.recordEvery is " + recordEvery
                    + "; give 1 (record each revision, the default) or more.");
        }
        if (connectTimeoutSeconds < 1) {
            throw new MojoFailureException("divemap.connectTimeoutSeconds is " + connectTimeoutSeconds
                    + "; give 1 or more (the default is 10).");
        }
        ConnectionSettings settings = null; // goals that need no database read no credentials
        if (needsDatabase()) {
            try {
                settings = ConnectionSettings.resolve(url, user, password, server(), System.getenv(),
                        Path.of(project.getBuild().getDirectory()));
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException(e.getMessage(), e);
            }
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = projectLoader()) {
            thread.setContextClassLoader(loader);
            org.divemap.migrations.runtime.Configuration configuration = Divemap.configure()
                    .classLoader(loader)
                    .versionTable(versionTable)
                    .historyTable(historyTable)
                    .schema(schema)
                    .lockWait(Duration.ofSeconds(lockWaitSeconds))
                    .recordEvery(recordEvery)
                    .retryInterrupted(retryInterrupted)
                    .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
                    .listener(new LogListener());
            if (needsDatabase()) {
                getLog().info("Database: " + mask(settings.url()) + (settings.user() != null ? " as " + settings.user() : "")
                        + " (from " + settings.source() + ")");
                configuration.dataSource(settings.url(), settings.user(), settings.password());
            }
            if (startsHistories() && !java.util.ServiceLoader.load(org.divemap.migrations.RevisionRegistry.class, loader)
                    .iterator().hasNext()) {
                configuration.registries(List::of); // no migration yet: the first one starts the history
            }
            try (Divemap divemap = configuration.load()) {
                run(divemap);
            }
        } catch (DivemapException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new MojoExecutionException("Could not close the project's class loader: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Keeps HikariCP's start and shutdown lines out of the build log (Maven's logger shows INFO);
     * its warnings and errors still show. A level the user set with -D wins.
     */
    private static void quietPool() {
        String key = "org.slf4j.simpleLogger.log.com.zaxxer.hikari";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    /** The project's compiled classes and runtime dependencies, over the plugin's own loader. */
    private URLClassLoader projectLoader() throws MojoExecutionException {
        try {
            List<URL> urls = new ArrayList<>();
            for (String element : project.getRuntimeClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
            return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
        } catch (org.apache.maven.artifact.DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("Could not build the project's class path: " + e.getMessage(), e);
        }
    }

    private ConnectionSettings.Server server() throws MojoFailureException {
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
        return new ConnectionSettings.Server(serverId, decrypted.getUsername(), decrypted.getPassword());
    }

    static String mask(String url) {
        return org.divemap.migrations.runtime.Redaction.url(url);
    }

    /** Prints each revision as it runs. */
    private final class LogListener implements MigrationListener {
        @Override
        public void planned(String command, String target, List<String> revisions) {
            if (!command.equals("stamp")) {
                getLog().info(revisions.isEmpty() ? "Nothing to " + command + ": the database is already at " + target
                        : command.substring(0, 1).toUpperCase() + command.substring(1) + " to " + target + ": "
                                + revisions.size() + " revision" + (revisions.size() == 1 ? "" : "s") + " to run");
            }
        }

        @Override
        public void starting(String revision, boolean upgrade) {
            getLog().info("  " + (upgrade ? "upgrade   " : "downgrade ") + revision + " ...");
        }

        @Override
        public void finished(String revision, boolean upgrade, Duration duration) {
            getLog().info("  " + (upgrade ? "upgraded  " : "reverted  ") + revision + " in " + duration.toMillis() + " ms");
        }

        @Override
        public void batch(String revision, org.divemap.migrations.BatchUpdate.Progress progress) {
            // the same line as the command-line tool's, as data-migrations.md shows it
            getLog().info(String.format(java.util.Locale.ROOT, "  %s: %s batch %d, %,d rows so far, %.0f%% of the keys",
                    revision, progress.table(), progress.batch(), progress.rowsSoFar(), 100 * progress.fraction()));
        }

        @Override
        public void waitingForLock(String holder) {
            getLog().info("Waiting for another migrator: " + holder);
        }
    }
}
