package org.divemap.migrations.autogenerate;

import com.palantir.javapoet.CodeBlock;
import java.util.Comparator;
import java.util.List;

/**
 * One difference and the operation that fixes it: a statement for {@code upgrade}, its exact
 * inverse for {@code downgrade}, and the comments a reviewer must read (destructive, maybe a
 * rename). Changes run in the order of their {@link Phase}, so that tables exist before the foreign
 * keys that point at them and foreign keys go before the tables they point at.
 */
record Change(Phase phase, String sortKey, CodeBlock upgrade, CodeBlock downgrade, List<String> comments) {

    /** The order the changes of an upgrade run in; the downgrade runs them backwards. */
    enum Phase {
        DROP_FOREIGN_KEY, DROP_INDEX, DROP_UNIQUE, DROP_PRIMARY_KEY, DROP_TABLE, CREATE_TABLE, ADD_COLUMN,
        ALTER_COLUMN, DROP_COLUMN, ADD_PRIMARY_KEY, ADD_UNIQUE, CREATE_INDEX, ADD_FOREIGN_KEY
    }

    static final Comparator<Change> ORDER = Comparator.comparing(Change::phase).thenComparing(Change::sortKey);

    Change {
        comments = List.copyOf(comments);
    }

    /** The upgrade statement as the migration writes it, with simple class names. */
    String describe() {
        return Code.text(upgrade);
    }
}
