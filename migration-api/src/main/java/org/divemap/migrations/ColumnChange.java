package org.divemap.migrations;

import java.util.Optional;

/**
 * What {@link Operations#alterColumn(String, ColumnChange)} changes about one column: any mix of
 * its name, type, nullability, server default, comment and auto-increment, in a single call.
 *
 * <pre>{@code
 * op.alterColumn("dive_sites", ColumnChange.of("country").nullable(false));
 * op.alterColumn("dive_sites", ColumnChange.of("name").type(Type.varchar(200)).rename("title"));
 *
 * // The column as it is now, so MySQL can render CHANGE COLUMN without a database and the change can be undone:
 * Column before = Column.of("name", Type.varchar(100)).comment("Display name");
 * op.alterColumn("dive_sites", ColumnChange.of(before).type(Type.varchar(200)));
 * }</pre>
 *
 * <p><b>Why give the existing column.</b> MySQL changes a column by restating all of it
 * ({@code CHANGE COLUMN}): what the change leaves out — type, nullability, default,
 * {@code AUTO_INCREMENT}, comment — is lost. So on MySQL and MariaDB a change of type, nullability
 * or comment needs the existing column, online as well as offline; without it, {@code alterColumn}
 * fails with a message asking for it (PostgreSQL and H2 alter one property at a time and do not
 * need it). With it, {@link #result()} and {@link #inverse()} are known too, which is how a failed
 * MySQL migration is undone.
 *
 * <p>Immutable: each method returns a changed copy.
 *
 * @param column the column's current name
 * @param newName the new name ({@code RENAME COLUMN}), or {@code null} to keep it
 * @param type the new type, or {@code null} to keep it
 * @param nullable {@code true}/{@code false} to allow/forbid {@code NULL}, or {@code null} to keep it
 * @param defaultValue the new server default ({@code SET DEFAULT}), or {@code null} to keep it
 * @param defaultDropped {@code true} to remove the server default ({@code DROP DEFAULT})
 * @param comment the new comment ({@code ""} removes it), or {@code null} to keep it
 * @param existing the column as it is before the change, or {@code null} if not given
 * @param autoIncrement {@code false} to stop the database generating the column's values,
 *     {@code true} to start it, or {@code null} to keep it as it is
 */
public record ColumnChange(String column, String newName, Type type, Boolean nullable, DefaultValue defaultValue,
        boolean defaultDropped, String comment, Column existing, Boolean autoIncrement) {

    /**
     * Checks the change: names are non-blank; a rename changes the name; the default is not both set
     * and dropped; the existing column, if given, has the name being altered; and the column the
     * change would produce is itself valid (for example, a primary-key column cannot become nullable).
     */
    public ColumnChange {
        Checks.identifier(column, "the name of the column to alter");
        if (newName != null) {
            Checks.identifier(newName, "the new name of column \"" + column + "\"");
            if (newName.equals(column)) {
                throw new IllegalArgumentException("column \"" + column
                        + "\" is renamed to its own name; remove rename(...) or give a different name");
            }
        }
        if (defaultValue != null && defaultDropped) {
            throw new IllegalArgumentException("the change to column \"" + column
                    + "\" both sets and drops its default; keep defaultValue(...) or dropDefault(), not both");
        }
        if (existing != null) {
            if (!existing.name().equals(column)) {
                throw new IllegalArgumentException("the existing definition given for column \"" + column
                        + "\" is for column \"" + existing.name() + "\"; pass the definition of \"" + column + "\"");
            }
            if (autoIncrement != null && autoIncrement == existing.isAutoIncrement()) {
                throw new IllegalArgumentException("column \"" + column + "\" "
                        + (autoIncrement ? "already" : "does not") + " auto-increment, so autoIncrement(" + autoIncrement + ") changes nothing; remove it, or"
                        + " check the existing column given");
            }
            apply(column, newName, type, nullable, defaultValue, defaultDropped, comment, existing, autoIncrement);
        }
    }

    /** A change that leaves auto-increment as it is; the form before {@code autoIncrement} existed. */
    public ColumnChange(String column, String newName, Type type, Boolean nullable, DefaultValue defaultValue,
            boolean defaultDropped, String comment, Column existing) {
        this(column, newName, type, nullable, defaultValue, defaultDropped, comment, existing, null);
    }

    /** A change to the column named {@code column}; add what changes with the other methods. */
    public static ColumnChange of(String column) {
        return new ColumnChange(column, null, null, null, null, false, null, null, null);
    }

    /**
     * A change to {@code existing}, a column whose current definition is known. Add what changes
     * with the other methods.
     */
    public static ColumnChange of(Column existing) {
        Checks.notNull(existing, "existing column");
        return new ColumnChange(existing.name(), null, null, null, null, false, null, existing, null);
    }

    /** A copy that renames the column to {@code newName}: {@code RENAME COLUMN} (MySQL {@code CHANGE}). */
    public ColumnChange rename(String newName) {
        Checks.notNull(newName, "the new name of column \"" + column + "\"");
        return new ColumnChange(column, newName, type, nullable, defaultValue, defaultDropped, comment,
                existing, autoIncrement);
    }

    /**
     * A copy that changes the type: {@code ALTER COLUMN ... TYPE} on PostgreSQL, {@code CHANGE COLUMN} on
     * MySQL. Whether existing values convert is the database's call; PostgreSQL may need a
     * {@code USING} clause, which {@link Operations#execute(String)} can give.
     */
    public ColumnChange type(Type type) {
        Checks.notNull(type, "the new type of column \"" + column + "\"");
        return new ColumnChange(column, newName, type, nullable, defaultValue, defaultDropped, comment,
                existing, autoIncrement);
    }

    /**
     * A copy that allows ({@code true}) or forbids ({@code false}) {@code NULL}:
     * {@code SET/DROP NOT NULL}. Forbidding fails on the database if rows hold {@code NULL}; update
     * them first.
     */
    public ColumnChange nullable(boolean nullable) {
        return new ColumnChange(column, newName, type, nullable, defaultValue, defaultDropped, comment,
                existing, autoIncrement);
    }

    /** A copy that sets the server default: {@code ALTER COLUMN ... SET DEFAULT ...}. */
    public ColumnChange defaultValue(DefaultValue value) {
        Checks.notNull(value, "the new default of column \"" + column + "\" (use dropDefault() to remove it)");
        return new ColumnChange(column, newName, type, nullable, value, defaultDropped, comment,
                existing, autoIncrement);
    }

    /**
     * A copy that stops ({@code false}) or starts ({@code true}) the database generating the column's
     * values: MySQL's {@code AUTO_INCREMENT}, an identity column elsewhere. Removing it from a primary
     * key before converting ids to UUIDs is {@code ColumnChange.of(id).autoIncrement(false)}, where
     * {@code id} is the column as it is ({@code Column.of("id", Type.integer()).autoIncrement().primaryKey()}):
     * MySQL restates the column without {@code AUTO_INCREMENT} ({@code CHANGE COLUMN id id INT NOT NULL}),
     * PostgreSQL and H2 {@code DROP IDENTITY}. The inverse, {@code autoIncrement(true)}, continues
     * after the largest value in the column on every database, so it is also the automatic undo and
     * the {@code downgrade}.
     */
    public ColumnChange autoIncrement(boolean autoIncrement) {
        return new ColumnChange(column, newName, type, nullable, defaultValue, defaultDropped, comment, existing,
                autoIncrement);
    }

    /** A copy that removes the server default: {@code ALTER COLUMN ... DROP DEFAULT}. */
    public ColumnChange dropDefault() {
        return new ColumnChange(column, newName, type, nullable, defaultValue, true, comment, existing, autoIncrement);
    }

    /** A copy that sets the column comment; {@code ""} removes it. */
    public ColumnChange comment(String comment) {
        Checks.notNull(comment, "the new comment of column \"" + column + "\" (use \"\" to remove it)");
        return new ColumnChange(column, newName, type, nullable, defaultValue, defaultDropped, comment,
                existing, autoIncrement);
    }

    /**
     * A copy that records the column's current definition (see the class comment for why).
     *
     * @throws IllegalArgumentException if {@code existing} has another name
     */
    public ColumnChange existing(Column existing) {
        Checks.notNull(existing, "existing column");
        return new ColumnChange(column, newName, type, nullable, defaultValue, defaultDropped, comment,
                existing, autoIncrement);
    }

    /** Whether this change changes nothing; {@code alterColumn} rejects such a change. */
    public boolean isEmpty() {
        return newName == null && type == null && nullable == null && defaultValue == null && !defaultDropped
                && comment == null && autoIncrement == null;
    }

    /**
     * The column as it will be after the change, if the {@linkplain #existing() existing} column is
     * known: what MySQL's {@code CHANGE COLUMN} restates.
     */
    public Optional<Column> result() {
        if (existing == null) {
            return Optional.empty();
        }
        return Optional.of(apply(column, newName, type, nullable, defaultValue, defaultDropped, comment, existing,
                autoIncrement));
    }

    /**
     * The change that undoes this one, if the {@linkplain #existing() existing} column is known: it
     * renames back, and restores the old type, nullability, default and comment, touching only what
     * this change touched.
     */
    public Optional<ColumnChange> inverse() {
        Optional<Column> result = result();
        if (result.isEmpty()) {
            return Optional.empty();
        }
        Column after = result.get();
        DefaultValue oldDefault = null;
        boolean dropOldDefault = false;
        if (defaultValue != null || defaultDropped) {
            oldDefault = existing.defaultValue().orElse(null);
            dropOldDefault = oldDefault == null;
        }
        return Optional.of(new ColumnChange(
                after.name(),
                newName == null ? null : existing.name(),
                type == null ? null : existing.type(),
                nullable == null ? null : existing.isNullable(),
                oldDefault,
                dropOldDefault,
                comment == null ? null : existing.comment().orElse(""),
                after,
                autoIncrement == null ? null : existing.isAutoIncrement()));
    }

    private static Column apply(String column, String newName, Type type, Boolean nullable,
            DefaultValue defaultValue, boolean defaultDropped, String comment, Column existing,
            Boolean autoIncrement) {
        try {
            Column result = Column.of(newName != null ? newName : column, type != null ? type : existing.type());
            if (nullable != null ? nullable : existing.isNullable()) {
                result = result.nullable();
            }
            DefaultValue newDefault = defaultDropped ? null
                    : defaultValue != null ? defaultValue : existing.defaultValue().orElse(null);
            if (newDefault != null) {
                result = result.defaultValue(newDefault);
            }
            if (autoIncrement != null ? autoIncrement : existing.isAutoIncrement()) {
                result = result.autoIncrement();
            }
            if (existing.isPrimaryKey()) {
                result = result.primaryKey();
            }
            if (existing.isUnique()) {
                result = result.unique();
            }
            String newComment = comment != null ? comment : existing.comment().orElse("");
            if (!newComment.isEmpty()) {
                result = result.comment(newComment);
            }
            if (existing.isOnUpdateCurrentTimestamp()) {
                result = result.onUpdateCurrentTimestamp();
            }
            return result;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the change to column \"" + column + "\" would leave an invalid column: " + e.getMessage(), e);
        }
    }
}
