package org.divemap.migrations.runtime.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A MySQL or PostgreSQL JDBC URL taken apart: {@code jdbc:mysql://[user[:password]@]host[:port]/[database][?k=v&...]}
 * or {@code jdbc:postgresql://host[:port]/[database][?k=v&...]} (also the short {@code jdbc:postgresql:database}).
 * The user and password are taken out of the URL, from the query string or the MySQL user info, so
 * they can be passed separately and never printed.
 *
 * @param scheme {@code jdbc:mysql:} or {@code jdbc:postgresql:}
 * @param authority {@code //host:port} without user info, or empty for the short form
 * @param database the path after the authority, possibly empty
 * @param parameters the remaining query parameters, raw ({@code key=value}), in their order
 * @param user the user, or null
 * @param password the password, or null
 */
record JdbcUrl(String scheme, String authority, String database, List<String> parameters, String user,
        String password) {

    JdbcUrl {
        parameters = List.copyOf(parameters);
    }

    static JdbcUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        int colon = url.startsWith("jdbc:") ? url.indexOf(':', 5) : -1;
        if (colon < 0) {
            throw new IllegalArgumentException("not a JDBC URL: " + redact(url));
        }
        String scheme = url.substring(0, colon + 1);
        String rest = url.substring(colon + 1);
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        String authority = "";
        String user = null;
        String password = null;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            authority = slash < 0 ? rest : rest.substring(0, slash);
            rest = slash < 0 ? "" : rest.substring(slash + 1);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String info = authority.substring(2, at);
                authority = "//" + authority.substring(at + 1);
                int separator = info.indexOf(':');
                user = decode(separator < 0 ? info : info.substring(0, separator));
                password = separator < 0 ? null : decode(info.substring(separator + 1));
            }
        }
        List<String> parameters = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                default -> parameters.add(pair);
            }
        }
        return new JdbcUrl(scheme, authority, rest, parameters, user, password);
    }

    /** This URL with {@code database} as its path, without user and password. */
    JdbcUrl withDatabase(String database) {
        return new JdbcUrl(scheme, authority, database, parameters, user, password);
    }

    /** This URL with {@code key} set to {@code value} (an identifier, needing no encoding). */
    JdbcUrl withParameter(String key, String value) {
        List<String> changed = new ArrayList<>();
        for (String pair : parameters) {
            if (!decode(pair.split("=", 2)[0]).equals(key)) {
                changed.add(pair);
            }
        }
        changed.add(key + "=" + value);
        return new JdbcUrl(scheme, authority, database, changed, user, password);
    }

    /** The URL without user and password. */
    String url() {
        StringBuilder url = new StringBuilder(scheme).append(authority);
        if (!authority.isEmpty()) {
            url.append('/');
        }
        url.append(database);
        if (!parameters.isEmpty()) {
            url.append('?').append(String.join("&", parameters));
        }
        return url.toString();
    }

    /** The URL for messages: the user shown, the password masked. */
    String display() {
        String credentials = (user == null ? "" : "user=" + user) + (password == null ? ""
                : (user == null ? "" : ", ") + "password=****");
        return url() + (credentials.isEmpty() ? "" : " (" + credentials + ")");
    }

    /** Masks the password anywhere in a raw URL, for messages about URLs that did not parse. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("//([^/@:]*):[^/@]*@", "//$1:****@");
    }

    @Override
    public String toString() {
        return display();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
