package org.divemap.migrations.runtime;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords out of everything we print; the plugin and the command line use it too. */
public final class Redaction {

    private static final String MASK = "****";
    /** A parameter name that says it holds a secret: any name containing password, secret or pwd, in any case. */
    private static final String SECRET_NAME = "[\\w.-]*(?:password|secret|pwd)[\\w.-]*=";
    /**
     * A secret parameter of a URL, in a query string ({@code ?a=b&c=d}) or in the {@code ;key=value}
     * form of H2 and SQL Server: its value ends where the next parameter starts.
     */
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)(" + SECRET_NAME + ")[^&;]*");
    /** {@code //user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^@/\\s]*@");
    /** Oracle's {@code user/password@host}: {@code jdbc:oracle:thin:scott/tiger@host:1521/db}. */
    private static final Pattern SLASH_USER_INFO = Pattern.compile(
            "(?i)(jdbc(?::[a-z0-9]+)+:[^/:@\\s'\"]+/)[^@\\s'\"]*@");
    /** A secret parameter inside running text: it ends where the parameter or the word ends. */
    private static final Pattern TEXT_PASSWORD = Pattern.compile("(?i)(" + SECRET_NAME + ")[^&;\\s'\"]*");

    private Redaction() {}

    /**
     * The URL with any password in it replaced by {@code ****}: the value of every parameter whose name
     * contains {@code password}, {@code secret} or {@code pwd} (any case; {@code ?a=b&c=d} and
     * {@code ;key=value}), and the password of {@code //user:password@host} and of Oracle's
     * {@code user/password@host}.
     */
    public static String url(String url) {
        return userInfo(QUERY_PASSWORD.matcher(url).replaceAll("$1" + MASK));
    }

    private static String userInfo(String text) {
        String masked = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        return SLASH_USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    /**
     * The text with every occurrence of the password replaced by {@code ****}, and with any password
     * that a URL quoted in the text carries ({@code password=...}, {@code clientSecret=...},
     * {@code //user:secret@host}, {@code scott/tiger@host}) masked too:
     * drivers and pools quote the URL they were given in their messages.
     */
    public static String text(String text, String password) {
        return text(text, password, null);
    }

    /**
     * Like {@link #text(String, String)}, and also masks every occurrence of the password that
     * {@code url} carries, wherever it appears in the text (a driver may quote it decoded or alone).
     */
    public static String text(String text, String password, String url) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets(password, url)) { // longest first: a secret may contain another
            masked = masked.replace(secret, MASK);
        }
        return userInfo(TEXT_PASSWORD.matcher(masked).replaceAll("$1" + MASK));
    }

    /**
     * The text (a command-line parser's message, say) with the values of password-like options among
     * the command-line {@code arguments} masked, wherever they appear, and with URLs masked as in
     * {@link #text(String, String)}. An option is password-like when its name resembles "password":
     * {@code --password}, a misspelling ({@code --pasword}, {@code --passwrod}), a short or related
     * form ({@code --pass}, {@code --passwd}, {@code --pwd}, {@code -p}, {@code --db-password}), or a
     * name with {@code secret} in it. Its value is what follows {@code =}, else the next argument;
     * {@code -pSECRET} (as mysql takes it) is masked too. Parsers quote unknown options back, and a
     * misspelt {@code --password} is still the password.
     */
    public static String arguments(String text, List<String> arguments) {
        if (text == null) {
            return null;
        }
        Set<String> secrets = new LinkedHashSet<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            secrets.addAll(secrets(null, argument)); // a URL among the arguments
            if (!argument.startsWith("-") || argument.equals("-") || argument.equals("--")) {
                continue;
            }
            int equals = argument.indexOf('=');
            String name = (equals < 0 ? argument : argument.substring(0, equals)).replaceFirst("^-+", "");
            if (equals < 0 && !argument.startsWith("--") && argument.length() > 2 && argument.charAt(1) == 'p'
                    && !name.toLowerCase(java.util.Locale.ROOT).matches("pa?s+w.*|pass?|pwd?")) {
                secrets.add(argument.substring(2)); // -pSECRET, as mysql takes it; not -password or -pwd
                continue;
            }
            if (!passwordLike(name)) {
                continue;
            }
            if (equals > 0) {
                secrets.add(argument.substring(equals + 1));
            } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) { // not the next option
                secrets.add(arguments.get(i + 1));
            }
        }
        String masked = text;
        for (String secret : secrets.stream().filter(s -> !s.isEmpty())
                .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList()) {
            // parsers quote arguments: 'SECRET', '--pasword=SECRET'; a short secret is masked only there,
            // so that "--pass a" does not mask every "a" of the message
            masked = masked.replace("'" + secret + "'", "'" + MASK + "'").replace("=" + secret + "'", "=" + MASK + "'");
            if (secret.length() >= 4) {
                masked = masked.replace(secret, MASK);
            }
        }
        return text(masked, null);
    }

    /** Whether an option's name (without its dashes) resembles "password". */
    private static boolean passwordLike(String name) {
        String letters = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return letters.equals("p") || letters.equals("pw") || letters.contains("pwd") || letters.contains("secret")
                || letters.matches(".*pa?s+w.*") // passw, pasw, psw: password, passwd, paswd, pswd, db-password
                || org.divemap.migrations.graph.Names.closest(letters, List.of("password")) != null; // pass, pasword
    }

    /**
     * The exception itself when no message in its chain shows a secret; otherwise a copy of the chain
     * in which every message is masked (each link keeps its stack trace and names its original class),
     * so that an error report cannot show the password through a cause either.
     */
    public static Throwable throwable(Throwable e, String password, String url) {
        if (e == null || !showsSecret(e, password, url)) {
            return e;
        }
        Throwable cause = e.getCause() == e ? null : throwable(e.getCause(), password, url);
        String message = e.getMessage() == null ? null : text(e.getMessage(), password, url);
        RuntimeException copy = new RuntimeException(e.getClass().getName() + (message == null ? "" : ": " + message),
                cause);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static boolean showsSecret(Throwable e, String password, String url) {
        for (Throwable link = e; link != null; link = link.getCause() == link ? null : link.getCause()) {
            String message = link.getMessage();
            if (message != null && !message.equals(text(message, password, url))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> secrets(String password, String url) {
        Set<String> secrets = new LinkedHashSet<>();
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        if (url != null) {
            Matcher query = QUERY_PASSWORD.matcher(url);
            while (query.find()) {
                secrets.add(url.substring(query.end(1), query.end()));
            }
            for (Pattern form : List.of(USER_INFO, SLASH_USER_INFO)) {
                Matcher userInfo = form.matcher(url);
                while (userInfo.find()) {
                    secrets.add(url.substring(userInfo.end(1), userInfo.end() - 1));
                }
            }
        }
        secrets.removeIf(String::isEmpty);
        for (String secret : Set.copyOf(secrets)) {
            String decoded = decoded(secret);
            if (!decoded.isEmpty()) {
                secrets.add(decoded);
            }
        }
        return secrets.stream().sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static String decoded(String secret) {
        try {
            return java.net.URLDecoder.decode(secret, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return secret;
        }
    }
}
