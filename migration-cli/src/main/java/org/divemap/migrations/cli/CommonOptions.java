package org.divemap.migrations.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.frontend.Setting;
import picocli.CommandLine.Option;

/**
 * The options every command takes. The settings among them have no default here: one not given
 * is looked for in the environment and the properties file (docs/configuration.md).
 */
final class CommonOptions {

    @Option(names = "--classpath", split = "[:;]", paramLabel = "JAR_OR_DIR",
            description = "The application's jars and class folders, where the generated registries are.")
    List<String> classpath = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Default ./divemap.properties: a properties file"
            + " with one key per setting (url, user, password, versionTable, ...).")
    Path config;

    @Option(names = "--url", description = "JDBC URL; or DIVEMAP_URL, or url= in the properties file.")
    String url;

    @Option(names = "--user", description = "Database user; or DIVEMAP_USER, or user= in the properties file.")
    String user;

    @Option(names = "--password", description = "Database password; prefer DIVEMAP_PASSWORD or"
            + " DIVEMAP_PASSWORD_FILE, which do not show in process listings.")
    String password;

    @Option(names = "--version-table", description = "Version table name (default divemap_version;"
            + " alembic_version adopts an Alembic database).")
    String versionTable;

    @Option(names = "--history-table", description = "History table name (default divemap_history).")
    String historyTable;

    @Option(names = "--schema", description = "Schema (PostgreSQL, H2) or database (MySQL) of the tables.")
    String schema;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", description = "How long to wait for another migrator"
            + " (default 300).")
    Integer lockWait;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "How long to keep trying to"
            + " connect to a database that does not answer (default 10).")
    Integer connectTimeout;

    @Option(names = "--naming-convention", paramLabel = "default|none", description = "How indexes and constraints"
            + " the migrations leave unnamed are named: default (ix_{table}_{columns}, fk_..., ...) or none (the"
            + " database names them, as Alembic without a naming_convention).")
    String namingConvention;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Print each SQL statement as it runs, on standard error"
            + " (bound values masked); history also shows each revision's class.")
    boolean verbose;

    /** The settings these options give, as text; null where not given. */
    Map<Setting, String> settings() {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        values.put(Setting.URL, url);
        values.put(Setting.USER, user);
        values.put(Setting.PASSWORD, password);
        values.put(Setting.VERSION_TABLE, versionTable);
        values.put(Setting.HISTORY_TABLE, historyTable);
        values.put(Setting.SCHEMA, schema);
        values.put(Setting.LOCK_WAIT, lockWait == null ? null : lockWait.toString());
        values.put(Setting.CONNECT_TIMEOUT, connectTimeout == null ? null : connectTimeout.toString());
        values.put(Setting.NAMING_CONVENTION, namingConvention);
        return values;
    }

    /** The properties file: {@code --config}, else {@code ./divemap.properties} if it exists. */
    PropertiesFile propertiesFile() {
        return PropertiesFile.read(config != null ? config : Path.of("divemap.properties"), config != null);
    }

    /** The entries of {@code --classpath}, each of which must exist. */
    List<Path> classPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath) {
            try {
                Path path = Path.of(entry);
                if (Files.exists(path)) {
                    entries.add(path);
                    continue;
                }
            } catch (InvalidPathException e) {
                // reported below
            }
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "--classpath names " + entry
                    + ", which does not exist.");
        }
        return entries;
    }
}
