package org.divemap.migrations.maven;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.divemap.migrations.runtime.dialect.h2.H2Dialect;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver.Source;
import org.divemap.migrations.runtime.frontend.ResolvedSettings;
import org.divemap.migrations.runtime.frontend.Setting;

/**
 * The goal parameters that configure Divemap, as Maven injects them from the POM and
 * {@code -Ddivemap.*} (null when not given), with the {@code settings.xml} server that
 * {@code serverId} names. {@link #resolve} hands them to the runtime's
 * {@link ConfigurationResolver} with the {@code DIVEMAP_*} environment, exactly as the command
 * line hands over its options; with no URL anywhere, the goals use an embedded H2 file database
 * under {@code target/}, so a first run needs no server. Public so that the command line's tests
 * can run both front ends over the same cases.
 *
 * @param server the settings.xml server named by {@code serverId}, decrypted, or null
 * @param buildDirectory the project's {@code target} folder, for the embedded database
 */
public record GoalParameters(String url, String user, String password, String versionTable, String historyTable,
        String schema, Integer lockWaitSeconds, Integer connectTimeoutSeconds, Integer recordEvery,
        Boolean retryInterrupted, Boolean validate, String namingConvention, Server server, Path buildDirectory) {

    /** Where the goals say the embedded database's URL came from. */
    static final String EMBEDDED = "the embedded default (no <url>, -Ddivemap.url or DIVEMAP_URL)";

    /** A server entry of settings.xml, already decrypted. */
    public record Server(String id, String user, String password) {}

    /** Resolves the parameters with this environment; {@code connect} says whether the goal connects. */
    public ResolvedSettings resolve(Map<String, String> environment, ConfigurationResolver.Connect connect) {
        Map<Setting, String> pom = new EnumMap<>(Setting.class);
        pom.put(Setting.URL, url);
        pom.put(Setting.USER, user);
        pom.put(Setting.PASSWORD, password);
        pom.put(Setting.VERSION_TABLE, versionTable);
        pom.put(Setting.HISTORY_TABLE, historyTable);
        pom.put(Setting.SCHEMA, schema);
        pom.put(Setting.LOCK_WAIT, text(lockWaitSeconds));
        pom.put(Setting.CONNECT_TIMEOUT, text(connectTimeoutSeconds));
        pom.put(Setting.RECORD_EVERY, text(recordEvery));
        pom.put(Setting.RETRY_INTERRUPTED, text(retryInterrupted));
        pom.put(Setting.VALIDATE, text(validate));
        pom.put(Setting.NAMING_CONVENTION, namingConvention);
        Source settingsXml = Source.empty();
        if (server != null) {
            Map<Setting, String> credentials = new EnumMap<>(Setting.class);
            credentials.put(Setting.USER, server.user());
            credentials.put(Setting.PASSWORD, server.password());
            settingsXml = new Source(credentials, setting -> setting.credential()
                    ? "the settings.xml server \"" + server.id() + "\"" : null);
        }
        Path file = buildDirectory.resolve("divemap").resolve("db").toAbsolutePath();
        return ConfigurationResolver.resolve(new Source(pom, setting -> "<" + setting.key() + "> / -D"
                + setting.property()), environment, settingsXml, new ConfigurationResolver.DefaultDatabase(
                        H2Dialect.fileUrl(file), "sa", "", EMBEDDED),
                connect);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
