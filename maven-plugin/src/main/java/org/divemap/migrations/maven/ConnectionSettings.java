package org.divemap.migrations.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.divemap.migrations.runtime.dialect.h2.H2Dialect;

/**
 * Where the goals connect, resolved from the POM (or {@code -Ddivemap.*}), a {@code settings.xml}
 * server and the {@code DIVEMAP_*} environment variables. Credentials given in two places are
 * refused, naming both, so nobody wonders which one won. With no URL anywhere, an embedded H2 file
 * database under {@code target/} is used, so a first run needs no server.
 *
 * @param url the JDBC URL
 * @param user the user, or null
 * @param password the password, or null; never printed
 * @param source where the URL came from, for messages
 */
record ConnectionSettings(String url, String user, String password, String source) {

    static final String URL_VARIABLE = "DIVEMAP_URL";
    static final String USER_VARIABLE = "DIVEMAP_USER";
    static final String PASSWORD_VARIABLE = "DIVEMAP_PASSWORD";

    /** A server entry of settings.xml, already decrypted. */
    record Server(String id, String user, String password) {}

    /**
     * Resolves the settings.
     *
     * @param url, user, password the POM or {@code -Ddivemap.*} values (null when not given)
     * @param server the settings.xml server named by {@code serverId}, or null
     * @param environment the process environment
     * @param buildDirectory the project's {@code target} folder, for the default database
     */
    static ConnectionSettings resolve(String url, String user, String password, Server server,
            Map<String, String> environment, Path buildDirectory) {
        String envUrl = blankToNull(environment.get(URL_VARIABLE));
        String envUser = blankToNull(environment.get(USER_VARIABLE));
        String envPassword = environment.get(PASSWORD_VARIABLE);
        List<String> userSources = new ArrayList<>();
        List<String> passwordSources = new ArrayList<>();
        if (blankToNull(user) != null) {
            userSources.add("<user> / -Ddivemap.user");
        }
        if (password != null && !password.isEmpty()) {
            passwordSources.add("<password> / -Ddivemap.password");
        }
        if (server != null && server.user() != null) {
            userSources.add("the settings.xml server \"" + server.id() + "\"");
        }
        if (server != null && server.password() != null) {
            passwordSources.add("the settings.xml server \"" + server.id() + "\"");
        }
        if (envUser != null) {
            userSources.add(USER_VARIABLE);
        }
        if (envPassword != null && !envPassword.isEmpty()) {
            passwordSources.add(PASSWORD_VARIABLE);
        }
        refuseTwo("user", userSources);
        refuseTwo("password", passwordSources);
        String resolvedUser = first(blankToNull(user), server != null ? server.user() : null, envUser);
        String resolvedPassword = first(password != null && !password.isEmpty() ? password : null,
                server != null ? server.password() : null, envPassword);

        if (blankToNull(url) != null) {
            return new ConnectionSettings(url, resolvedUser, resolvedPassword, "<url> / -Ddivemap.url");
        }
        if (envUrl != null) {
            return new ConnectionSettings(envUrl, resolvedUser, resolvedPassword, URL_VARIABLE);
        }
        Path file = buildDirectory.resolve("divemap").resolve("db").toAbsolutePath();
        return new ConnectionSettings(H2Dialect.fileUrl(file),
                resolvedUser != null ? resolvedUser : "sa", resolvedPassword != null ? resolvedPassword : "",
                "the embedded default (no <url>, -Ddivemap.url or " + URL_VARIABLE + ")");
    }

    private static void refuseTwo(String what, List<String> sources) {
        if (sources.size() > 1) {
            throw new IllegalArgumentException("The database " + what + " is given in " + sources.size() + " places: "
                    + String.join(" and ", sources) + ". Keep one of them and drop the other"
                    + (sources.size() > 2 ? "s" : "") + ".");
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Whether the embedded default database is used. */
    boolean embeddedDefault() {
        return source.startsWith("the embedded default");
    }

    @Override
    public String toString() {
        return "ConnectionSettings[url=" + org.divemap.migrations.runtime.Redaction.url(url) + ", user=" + user + ", password="
                + (password == null || password.isEmpty() ? "(none)" : "****") + ", from " + source + "]";
    }

    ConnectionSettings {
        Objects.requireNonNull(url, "url");
    }
}
