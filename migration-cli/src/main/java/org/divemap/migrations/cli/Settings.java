package org.divemap.migrations.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The connection settings, from lowest to highest precedence: a {@code divemap.properties} file,
 * the {@code DIVEMAP_*} environment (with {@code DIVEMAP_PASSWORD_FILE} for secrets mounted as
 * files), and command-line flags.
 */
record Settings(String url, String user, String password, String versionTable, String historyTable, String schema) {

    /** Thrown for a configuration the command cannot use; exit code 2. */
    static final class ConfigurationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigurationException(String message) {
            super(message);
        }
    }

    static Settings resolve(Path config, boolean configGiven, Map<String, String> env, String url, String user,
            String password, String versionTable, String historyTable, String schema) {
        return resolve(config, configGiven, env, url, user, password, versionTable, historyTable, schema, true);
    }

    /**
     * With {@code database} false, for commands that render or read the graph without connecting:
     * the table names and schema are resolved as usual, and no URL or credentials are needed or read.
     */
    static Settings resolve(Path config, boolean configGiven, Map<String, String> env, String url, String user,
            String password, String versionTable, String historyTable, String schema, boolean database) {
        Properties file = new Properties();
        if (Files.exists(config)) {
            try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read " + config + ": " + e.getMessage());
            }
        } else if (configGiven) {
            throw new ConfigurationException("The configuration file " + config + " does not exist.");
        }
        String envPassword = env.get("DIVEMAP_PASSWORD");
        String passwordFile = database ? env.get("DIVEMAP_PASSWORD_FILE") : null;
        if (passwordFile != null && !passwordFile.isBlank()) {
            if (envPassword != null && !envPassword.isBlank()) { // a blank variable counts as unset
                throw new ConfigurationException("Both DIVEMAP_PASSWORD and DIVEMAP_PASSWORD_FILE are set; keep one.");
            }
            try {
                envPassword = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read the password file named by DIVEMAP_PASSWORD_FILE ("
                        + passwordFile + "): " + e.getMessage());
            }
        }
        String resolvedUrl = pick(url, env.get("DIVEMAP_URL"), file.getProperty("url"));
        if (resolvedUrl == null && database) {
            throw new ConfigurationException("No database URL: pass --url, set DIVEMAP_URL, or put url=... in "
                    + config + ".");
        }
        return new Settings(resolvedUrl,
                pick(user, env.get("DIVEMAP_USER"), file.getProperty("user")),
                pick(password, envPassword, file.getProperty("password")),
                pick(versionTable, env.get("DIVEMAP_VERSION_TABLE"), file.getProperty("versionTable", "divemap_version")),
                pick(historyTable, env.get("DIVEMAP_HISTORY_TABLE"), file.getProperty("historyTable", "divemap_history")),
                pick(schema, env.get("DIVEMAP_SCHEMA"), file.getProperty("schema")));
    }

    private static String pick(String flag, String env, String file) {
        if (flag != null) {
            return flag;
        }
        if (env != null && !env.isBlank()) {
            return env;
        }
        return file;
    }

    @Override
    public String toString() {
        return "Settings[url=" + (url == null ? null : org.divemap.migrations.runtime.Redaction.url(url)) + ", user=" + user + ", password=" + (password == null ? "(none)" : "****") + "]";
    }
}
