package org.divemap.migrations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Templates that name indexes and constraints the migration leaves unnamed, as SQLAlchemy's and
 * Alembic's {@code naming_convention}. With names that follow a rule, {@code downgrade} can drop
 * what {@code upgrade} created without either spelling the name out, and every database gets the
 * same names (instead of MySQL's {@code dives_ibfk_1} and PostgreSQL's {@code dives_site_id_fkey}).
 *
 * <p>A template is text with placeholders in braces:
 *
 * <table>
 *   <caption>Placeholders</caption>
 *   <tr><th>placeholder</th><th>is replaced by</th><th>allowed in</th></tr>
 *   <tr><td>{@code {table}}</td><td>the table name</td><td>all templates</td></tr>
 *   <tr><td>{@code {columns}}</td><td>the column names joined with {@code _}</td><td>all but check</td></tr>
 *   <tr><td>{@code {column_0}}</td><td>the first column name</td><td>all but check</td></tr>
 *   <tr><td>{@code {referred_table}}</td><td>the referenced table</td><td>foreign key</td></tr>
 *   <tr><td>{@code {referred_columns}}</td><td>the referenced columns joined with {@code _}</td>
 *       <td>foreign key</td></tr>
 *   <tr><td>{@code {constraint}}</td><td>the name given with {@code named(...)}</td><td>all templates</td></tr>
 * </table>
 *
 * <p>The rules, for an index or constraint on table {@code t}:
 *
 * <ol>
 *   <li>A name marked final with {@link Operations#f(String) op.f(...)} is used as written.
 *   <li>A name given with {@code named(...)} is used as written, unless the template contains
 *       {@code {constraint}}: then the template is filled in with it
 *       ({@code ck_{table}_{constraint}} and {@code named("max_depth_positive")} give
 *       {@code ck_dives_max_depth_positive}).
 *   <li>Without a name, the template is filled in. A template that needs {@code {constraint}} then
 *       cannot be, and the call fails asking for a name.
 *   <li>A {@code null} template leaves unnamed objects unnamed: the database picks a name.
 *   <li>A constraint marked {@link Constraint#serverNamed()} is left unnamed whatever the template.
 * </ol>
 *
 * <p>{@link #NONE} has no template at all: everything not named explicitly is named by the
 * database, as in an Alembic project without a {@code naming_convention}. The front ends select
 * it with the {@code namingConvention} setting ({@code none} or {@code default}; see
 * docs/configuration.md), and {@link #named(String)} reads those words.
 *
 * <p>{@link #DEFAULT} is {@code ix_{table}_{columns}}, {@code uq_{table}_{columns}},
 * {@code ck_{table}_{constraint}}, {@code fk_{table}_{columns}_{referred_table}} and
 * {@code pk_{table}}. MySQL always names the primary key {@code PRIMARY}, whatever the convention
 * says. The runtime does not shorten names: one longer than the database allows (64 characters on
 * MySQL, 63 on PostgreSQL) fails there, so name such objects yourself, or use {@link #shorten} in a
 * template of your own.
 *
 * @param index template for indexes, unique ones included, or {@code null}
 * @param unique template for unique constraints, or {@code null}
 * @param check template for check constraints, or {@code null}
 * @param foreignKey template for foreign keys, or {@code null}
 * @param primaryKey template for primary keys, or {@code null}
 */
public record NamingConvention(String index, String unique, String check, String foreignKey, String primaryKey) {

    // Declared before DEFAULT and NONE, whose construction uses them.
    private static final Set<String> COLUMN_PLACEHOLDERS = Set.of("table", "columns", "column_0", "constraint");
    private static final Set<String> CHECK_PLACEHOLDERS = Set.of("table", "constraint");
    private static final Set<String> FOREIGN_KEY_PLACEHOLDERS =
            Set.of("table", "columns", "column_0", "referred_table", "referred_columns", "constraint");
    private static final String CONSTRAINT = "{constraint}";

    /** The convention Divemap uses unless configured otherwise; see the class comment. */
    public static final NamingConvention DEFAULT = new NamingConvention(
            "ix_{table}_{columns}",
            "uq_{table}_{columns}",
            "ck_{table}_{constraint}",
            "fk_{table}_{columns}_{referred_table}",
            "pk_{table}");

    /** No convention: objects without a name get one from the database. */
    public static final NamingConvention NONE = new NamingConvention(null, null, null, null, null);

    /**
     * Checks every non-null template: not blank, braces balanced, and only placeholders its kind
     * has (a check constraint has no columns; only a foreign key refers to another table).
     */
    public NamingConvention {
        validate(index, "index", COLUMN_PLACEHOLDERS);
        validate(unique, "unique", COLUMN_PLACEHOLDERS);
        validate(check, "check", CHECK_PLACEHOLDERS);
        validate(foreignKey, "foreign key", FOREIGN_KEY_PLACEHOLDERS);
        validate(primaryKey, "primary key", COLUMN_PLACEHOLDERS);
    }

    /**
     * The convention a setting names: {@code default} ({@link #DEFAULT}) or {@code none}
     * ({@link #NONE}), ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException for any other word, listing the two
     */
    public static NamingConvention named(String setting) {
        String word = Checks.notNull(setting, "naming convention").strip().toLowerCase(java.util.Locale.ROOT);
        switch (word) {
            case "default":
                return DEFAULT;
            case "none":
                return NONE;
            default:
                throw new IllegalArgumentException("\"" + setting + "\" is not a naming convention; give \"default\""
                        + " (ix_{table}_{columns}, fk_{table}_{columns}_{referred_table}, ...) or \"none\" (the"
                        + " database names what the migrations leave unnamed)");
        }
    }

    /** A copy with this index template ({@code null}: the database names unnamed indexes). */
    public NamingConvention withIndex(String template) {
        return new NamingConvention(template, unique, check, foreignKey, primaryKey);
    }

    /** A copy with this unique-constraint template. */
    public NamingConvention withUnique(String template) {
        return new NamingConvention(index, template, check, foreignKey, primaryKey);
    }

    /** A copy with this check-constraint template. */
    public NamingConvention withCheck(String template) {
        return new NamingConvention(index, unique, template, foreignKey, primaryKey);
    }

    /** A copy with this foreign-key template. */
    public NamingConvention withForeignKey(String template) {
        return new NamingConvention(index, unique, check, template, primaryKey);
    }

    /** A copy with this primary-key template. */
    public NamingConvention withPrimaryKey(String template) {
        return new NamingConvention(index, unique, check, foreignKey, template);
    }

    /**
     * The name of {@code index} on {@code table}, following the rules in the class comment; empty
     * if the index is unnamed and there is no index template.
     *
     * @throws IllegalArgumentException if the index is unnamed and the template needs
     *     {@code {constraint}}
     */
    public Optional<String> nameFor(String table, Index index) {
        Checks.identifier(table, "table name");
        Checks.notNull(index, "index");
        return resolve(this.index, "index", index.name(), table, index.columns(), null, List.of());
    }

    /**
     * The name of {@code constraint} on {@code table}, following the rules in the class comment;
     * empty if it is unnamed and its kind has no template.
     *
     * @throws IllegalArgumentException if the constraint is unnamed and the template needs
     *     {@code {constraint}} (as the default check template does)
     */
    public Optional<String> nameFor(String table, Constraint constraint) {
        Checks.identifier(table, "table name");
        Checks.notNull(constraint, "constraint");
        if (constraint.namedByServer()) {
            return Optional.empty();
        }
        switch (constraint.kind()) {
            case PRIMARY_KEY:
                return resolve(primaryKey, "primary key", constraint.name(), table, constraint.columns(), null,
                        List.of());
            case UNIQUE:
                return resolve(unique, "unique constraint", constraint.name(), table, constraint.columns(), null,
                        List.of());
            case CHECK:
                return resolve(check, "check constraint", constraint.name(), table, List.of(), null, List.of());
            case FOREIGN_KEY:
                Constraint.ForeignKey fk = (Constraint.ForeignKey) constraint;
                return resolve(foreignKey, "foreign key", fk.name(), table, fk.columns(), fk.referredTable(),
                        fk.referredColumns());
            default:
                throw new AssertionError(constraint.kind());
        }
    }

    /**
     * {@code name} if it has at most {@code maxLength} characters; otherwise its first
     * {@code maxLength - 9} characters, an underscore and 8 hex digits of its SHA-256 hash. The
     * result is deterministic, so upgrade and downgrade agree on it, and two long names that share a
     * prefix still differ.
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code maxLength < 16}
     */
    public static String shorten(String name, int maxLength) {
        Checks.identifier(name, "name to shorten");
        if (maxLength < 16) {
            throw new IllegalArgumentException(
                    "maxLength must be at least 16 to leave room for a hash suffix but was " + maxLength);
        }
        if (name.length() <= maxLength) {
            return name;
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        StringBuilder suffix = new StringBuilder("_");
        for (int i = 0; i < 4; i++) {
            suffix.append(String.format("%02x", hash[i] & 0xff));
        }
        return name.substring(0, maxLength - suffix.length()) + suffix;
    }

    private static Optional<String> resolve(String template, String what, Name name, String table,
            List<String> columns, String referredTable, List<String> referredColumns) {
        if (name != null && (name.converted() || template == null || !template.contains(CONSTRAINT))) {
            return Optional.of(name.value());
        }
        if (template == null) {
            return Optional.empty();
        }
        if (name == null && template.contains(CONSTRAINT)) {
            throw new IllegalArgumentException("the " + what + " on table \"" + table + "\" needs a name: the naming "
                    + "convention \"" + template + "\" uses {constraint}. Add .named(\"...\"), or pass "
                    + "op.f(\"...\") to use an exact name");
        }
        StringBuilder result = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                result.append(c);
                i++;
                continue;
            }
            int end = template.indexOf('}', i);
            String placeholder = template.substring(i + 1, end);
            switch (placeholder) {
                case "table":
                    result.append(table);
                    break;
                case "columns":
                    result.append(String.join("_", columns));
                    break;
                case "column_0":
                    result.append(columns.get(0));
                    break;
                case "referred_table":
                    result.append(referredTable);
                    break;
                case "referred_columns":
                    result.append(String.join("_", referredColumns));
                    break;
                case "constraint":
                    result.append(name.value());
                    break;
                default:
                    throw new AssertionError(placeholder); // validated in the constructor
            }
            i = end + 1;
        }
        return Optional.of(result.toString());
    }

    private static void validate(String template, String kind, Set<String> allowed) {
        if (template == null) {
            return;
        }
        if (template.isBlank()) {
            throw new IllegalArgumentException("the " + kind + " naming template must not be blank; "
                    + "use null to let the database name unnamed objects");
        }
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw new IllegalArgumentException("the " + kind + " naming template \"" + template
                        + "\" has a '}' without its '{' at position " + i);
            }
            if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("the " + kind + " naming template \"" + template
                            + "\" has a '{' without its '}' at position " + i);
                }
                String placeholder = template.substring(i + 1, end);
                if (!allowed.contains(placeholder)) {
                    throw new IllegalArgumentException("the " + kind + " naming template \"" + template
                            + "\" uses {" + placeholder + "}, which " + kind + " names cannot use; use "
                            + sorted(allowed));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
    }

    private static String sorted(Set<String> placeholders) {
        return placeholders.stream().sorted().map(p -> "{" + p + "}").reduce((a, b) -> a + ", " + b).orElse("");
    }
}
