package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexTest {

    @Test
    void factoriesSetTheKind() {
        assertEquals(Index.Kind.STANDARD, Index.on("a").kind());
        assertEquals(Index.Kind.UNIQUE, Index.uniqueOn("a").kind());
        assertTrue(Index.uniqueOn("a").isUnique());
        assertFalse(Index.on("a").isUnique());
        assertEquals(Index.Kind.FULLTEXT, Index.fulltextOn("name", "description").kind());
        assertEquals(Index.Kind.SPATIAL, Index.spatialOn("location").kind());
        assertEquals(List.of("country", "region"), Index.on("country", "region").columns());
    }

    @Test
    void withersReturnCopies() {
        Index base = Index.on("description", "site_id");
        Index prefixed = base.prefixLength("description", 191);
        Index partial = prefixed.where("deleted_at IS NULL");
        Index named = partial.named("ix_custom");

        assertEquals(Map.of(), base.prefixLengths());
        assertNull(base.where());
        assertNull(base.name());
        assertEquals(Map.of("description", 191), prefixed.prefixLengths());
        assertEquals("deleted_at IS NULL", partial.where());
        assertEquals(Name.of("ix_custom"), named.name());
        assertEquals(Map.of("description", 191), named.prefixLengths());
        assertThrows(UnsupportedOperationException.class, () -> named.prefixLengths().put("x", 1));
    }

    @Test
    void prefixLengthsFollowColumnOrder() {
        Index index = Index.on("a", "b").prefixLength("b", 10).prefixLength("a", 20);
        assertEquals(List.of("a", "b"), List.copyOf(index.prefixLengths().keySet()));
        assertEquals(index, Index.on("a", "b").prefixLength("a", 20).prefixLength("b", 10));
    }

    @Test
    void prefixLengthsAreChecked() {
        assertRejected(() -> Index.on("a").prefixLength("b", 10),
                "prefix length given for column \"b\", which is not one of the indexed columns [a]");
        assertRejected(() -> Index.on("a").prefixLength("a", 0), "prefix length of column \"a\" must be greater than 0");
        assertRejected(() -> Index.fulltextOn("a").prefixLength("a", 10), "a FULLTEXT index always covers whole columns");
    }

    @Test
    void kindsRestrictWhatIsAllowed() {
        assertRejected(() -> new Index(null, List.of("a", "b"), Index.Kind.SPATIAL, Map.of(), null),
                "a SPATIAL index covers exactly one column, but [a, b] were given");
        assertRejected(() -> Index.spatialOn("geo").where("x > 0"), "a SPATIAL index cannot be partial");
        assertRejected(() -> Index.on("a").where(" "), "a partial index condition must not be blank");
    }

    @Test
    void columnsAreChecked() {
        assertRejected(() -> Index.on(), "an index must name at least one column");
        assertRejected(() -> Index.on("a", "a"), "names column \"a\" twice");
        assertRejected(() -> Index.spatialOn(""), "spatial index column must not be blank");
    }
}
