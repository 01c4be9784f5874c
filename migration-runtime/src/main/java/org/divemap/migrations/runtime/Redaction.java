package org.divemap.migrations.runtime;

import java.util.regex.Pattern;

/** Keeps passwords out of everything we print; the plugin and the command line use it too. */
public final class Redaction {

    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

    private Redaction() {}

    /** The URL with any password in it replaced by {@code ****}. */
    public static String url(String url) {
        String masked = QUERY_PASSWORD.matcher(url).replaceAll("$1****");
        return USER_INFO.matcher(masked).replaceAll("$1****@");
    }

    /** The text with every occurrence of the password replaced by {@code ****}. */
    public static String text(String text, String password) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "****");
    }
}
