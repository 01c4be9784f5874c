package org.divemap.migrations.runtime.dialect.postgres;

import java.util.Set;
import org.divemap.migrations.runtime.dialect.ReservedWords;

/** The words PostgreSQL reserves, with the SQL standard's. */
final class PostgresReservedWords {

    private PostgresReservedWords() {}

    /**
     * PostgreSQL's reserved key words and those reserved except as function or type names (appendix C
     * of its documentation; {@code pg_get_keywords()} with {@code catcode} {@code R} or {@code T} on
     * PostgreSQL 15, and {@code SYSTEM_USER}, reserved since 16): none of them can name a column
     * unquoted. Then the SQL standard's, which PostgreSQL treats the same when they are quoted in
     * lower case.
     */
    static final Set<String> WORDS = ReservedWords.of("""
            ALL ANALYSE ANALYZE AND ANY ARRAY AS ASC ASYMMETRIC AUTHORIZATION BINARY BOTH CASE CAST CHECK COLLATE
            COLLATION COLUMN CONCURRENTLY CONSTRAINT CREATE CROSS CURRENT_CATALOG CURRENT_DATE CURRENT_ROLE
            CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DEFAULT DEFERRABLE DESC DISTINCT DO ELSE END
            EXCEPT FALSE FETCH FOR FOREIGN FREEZE FROM FULL GRANT GROUP HAVING ILIKE IN INITIALLY INNER INTERSECT
            INTO IS ISNULL JOIN LATERAL LEADING LEFT LIKE LIMIT LOCALTIME LOCALTIMESTAMP NATURAL NOT NOTNULL NULL
            OFFSET ON ONLY OR ORDER OUTER OVERLAPS PLACING PRIMARY REFERENCES RETURNING RIGHT SELECT SESSION_USER
            SIMILAR SOME SYMMETRIC SYSTEM_USER TABLE TABLESAMPLE THEN TO TRAILING TRUE UNION UNIQUE USER USING
            VARIADIC VERBOSE WHEN WHERE WINDOW WITH
            """, ReservedWords.SQL_2023);
}
