package org.divemap.migrations.autogenerate;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a new revision is named, the same for {@code divemap:revision}, {@code divemap revision} and
 * autogenerate: a fresh id ({@code 0004_add_phone_to_users}, or twelve hex digits as Alembic makes
 * them when the existing ids are not numbered), a class name from the message, and the package of
 * the existing migrations.
 */
public final class RevisionNames {

    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)_");

    private RevisionNames() {}

    /**
     * A fresh id: when the existing ids are numbered ({@code 0003_add_country}), the next number and
     * a slug of the message; otherwise twelve hex digits, as Alembic makes them.
     */
    public static String freshId(Collection<String> existing, String message) {
        int width = 0;
        long highest = -1;
        for (String id : existing) {
            Matcher m = NUMBERED.matcher(id);
            if (m.find()) {
                width = Math.max(width, m.group(1).length());
                highest = Math.max(highest, Long.parseLong(m.group(1)));
            }
        }
        String slug = slug(message);
        if (highest >= 0 || existing.isEmpty()) {
            String number = String.format(Locale.ROOT, "%0" + Math.max(4, width) + "d", highest < 0 ? 1 : highest + 1);
            return slug.isEmpty() ? number : number + "_" + slug;
        }
        String hex;
        do {
            hex = String.format(Locale.ROOT, "%012x", ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL);
        } while (existing.contains(hex));
        return hex;
    }

    /** {@code "Add phone to users"} becomes {@code add_phone_to_users}, at most 40 characters. */
    public static String slug(String message) {
        String slug = message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return slug.length() > 40 ? slug.substring(0, 40).replaceAll("_+$", "") : slug;
    }

    /** {@code add_phone_to_users} becomes {@code AddPhoneToUsers}; a leading digit gets a prefix. */
    public static String className(String slug, String id) {
        StringBuilder name = new StringBuilder();
        for (String part : (slug.isEmpty() ? "revision_" + id : slug).split("_")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return Character.isJavaIdentifierStart(name.charAt(0)) ? name.toString() : "Revision" + name;
    }

    /** The deepest package holding all these classes, or null when there are none. */
    public static String commonPackage(Collection<String> classNames) {
        String common = null;
        for (String name : classNames) {
            int dot = name.lastIndexOf('.');
            String pkg = dot < 0 ? "" : name.substring(0, dot);
            if (common == null) {
                common = pkg;
            } else {
                String[] a = common.split("\\.");
                String[] b = pkg.split("\\.");
                StringBuilder shared = new StringBuilder();
                for (int i = 0; i < Math.min(a.length, b.length) && a[i].equals(b[i]); i++) {
                    shared.append(shared.length() > 0 ? "." : "").append(a[i]);
                }
                common = shared.toString();
            }
        }
        return common;
    }
}
