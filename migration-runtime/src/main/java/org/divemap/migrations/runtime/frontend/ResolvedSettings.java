package org.divemap.migrations.runtime.frontend;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.Redaction;

/**
 * What {@link ConfigurationResolver} chose: each given setting's value and where it came from.
 * Settings not given are left to {@link Configuration}'s defaults.
 */
public final class ResolvedSettings {

    private final Map<Setting, ConfigurationResolver.Given> chosen;

    ResolvedSettings(Map<Setting, ConfigurationResolver.Given> chosen) {
        Map<Setting, ConfigurationResolver.Given> copy = new EnumMap<>(Setting.class);
        copy.putAll(chosen);
        this.chosen = Collections.unmodifiableMap(copy);
    }

    /** The JDBC URL, or null for a command that does not connect. */
    public String url() {
        return value(Setting.URL);
    }

    /** The user, or null. */
    public String user() {
        return value(Setting.USER);
    }

    /** The password, or null; never printed. */
    public String password() {
        return value(Setting.PASSWORD);
    }

    /** The value of a setting, as text, or null when it was not given. */
    public String value(Setting setting) {
        ConfigurationResolver.Given given = chosen.get(setting);
        return given == null ? null : given.value();
    }

    /** Where the value of a setting came from ({@code --url}, {@code DIVEMAP_URL}, ...), or null. */
    public String where(Setting setting) {
        ConfigurationResolver.Given given = chosen.get(setting);
        return given == null ? null : given.where();
    }

    /** The given settings and their values, the password included. */
    public Map<Setting, String> values() {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        chosen.forEach((setting, given) -> values.put(setting, given.value()));
        return Collections.unmodifiableMap(values);
    }

    /**
     * Hands the settings to a configuration, which checks them. A value it refuses, or one that is
     * not a number where a number belongs, is a {@code CONFIGURATION} error that starts with the
     * place the value came from: {@code --lock-wait: lockWait is -1 s; give 0 (do not wait) or more.}
     *
     * @return the configuration
     */
    public Configuration applyTo(Configuration configuration) {
        apply(Setting.VERSION_TABLE, configuration::versionTable);
        apply(Setting.HISTORY_TABLE, configuration::historyTable);
        apply(Setting.SCHEMA, configuration::schema);
        apply(Setting.LOCK_WAIT, value -> configuration.lockWait(Duration.ofSeconds(number(value, "of seconds"))));
        apply(Setting.CONNECT_TIMEOUT, value -> configuration.connectTimeout(
                Duration.ofSeconds(number(value, "of seconds"))));
        apply(Setting.RECORD_EVERY, value -> configuration.recordEvery(Math.toIntExact(number(value, ""))));
        apply(Setting.RETRY_INTERRUPTED, value -> configuration.retryInterrupted(bool(value)));
        apply(Setting.VALIDATE, value -> configuration.validateOnMigrate(bool(value)));
        apply(Setting.NAMING_CONVENTION, configuration::namingConvention);
        if (url() != null) {
            configuration.dataSource(url(), user(), password());
        }
        return configuration;
    }

    private void apply(Setting setting, Consumer<String> setter) {
        ConfigurationResolver.Given given = chosen.get(setting);
        if (given == null) {
            return;
        }
        try {
            setter.accept(given.value());
        } catch (DivemapException e) {
            throw new DivemapException(e.kind(), given.where() + ": " + e.getMessage(), e);
        }
    }

    private static long number(String value, String unit) {
        try {
            long number = Long.parseLong(value.strip());
            if (unit.isEmpty() && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "\"" + value + "\" is not a whole number"
                    + (unit.isEmpty() ? "" : " " + unit) + ".");
        }
    }

    private static boolean bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new DivemapException(DivemapException.Kind.CONFIGURATION, "\"" + value
                    + "\" is not true or false.");
        };
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ResolvedSettings[");
        chosen.forEach((setting, given) -> text.append(text.length() > 17 ? ", " : "").append(setting.key())
                .append('=').append(setting == Setting.PASSWORD ? "****" : setting == Setting.URL
                        ? Redaction.url(given.value()) : given.value())
                .append(" (").append(given.where()).append(')'));
        return text.append(']').toString();
    }
}
