package org.divemap.migrations.runtime.dialect;

import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Words a database reserves, which {@link Dialect#quote} quotes even when they are written in lower
 * case. Each dialect package keeps its database's list; this class holds the SQL standard's and
 * builds the sets.
 */
public final class ReservedWords {

    private ReservedWords() {}

    /**
     * The reserved words of SQL:2023 (ISO/IEC 9075-2:2023, the "reserved word" list of its section
     * 5.2, as PostgreSQL's documentation lists it in {@code doc/src/sgml/keywords/sql2023-02-reserved.txt}),
     * without {@code END-EXEC}, which is no name, as a text for {@link #of}. MySQL and PostgreSQL add
     * them to their own lists: there, quoting a lower-case name changes nothing but the text, and it
     * keeps a name working when a later version of the server reserves the word, as MySQL 8 reserved
     * {@code rank} and {@code window}. H2 does not: quoting keeps a name in lower case there, which hand-written SQL
     * would then have to quote too.
     */
    public static final String SQL_2023 = """
            ABS ABSENT ACOS ALL ALLOCATE ALTER AND ANY ANY_VALUE ARE ARRAY ARRAY_AGG ARRAY_MAX_CARDINALITY AS
            ASENSITIVE ASIN ASYMMETRIC AT ATAN ATOMIC AUTHORIZATION AVG BEGIN BEGIN_FRAME BEGIN_PARTITION BETWEEN
            BIGINT BINARY BLOB BOOLEAN BOTH BTRIM BY CALL CALLED CARDINALITY CASCADED CASE CAST CEIL CEILING CHAR
            CHAR_LENGTH CHARACTER CHARACTER_LENGTH CHECK CLASSIFIER CLOB CLOSE COALESCE COLLATE COLLECT COLUMN COMMIT
            CONDITION CONNECT CONSTRAINT CONTAINS CONVERT COPY CORR CORRESPONDING COS COSH COUNT COVAR_POP COVAR_SAMP
            CREATE CROSS CUBE CUME_DIST CURRENT CURRENT_CATALOG CURRENT_DATE CURRENT_DEFAULT_TRANSFORM_GROUP
            CURRENT_PATH CURRENT_ROLE CURRENT_ROW CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP
            CURRENT_TRANSFORM_GROUP_FOR_TYPE CURRENT_USER CURSOR CYCLE DATE DAY DEALLOCATE DEC DECFLOAT DECIMAL
            DECLARE DEFAULT DEFINE DELETE DENSE_RANK DEREF DESCRIBE DETERMINISTIC DISCONNECT DISTINCT DOUBLE DROP
            DYNAMIC EACH ELEMENT ELSE EMPTY END END_FRAME END_PARTITION EQUALS ESCAPE EVERY EXCEPT EXEC EXECUTE
            EXISTS EXP EXTERNAL EXTRACT FALSE FETCH FILTER FIRST_VALUE FLOAT FLOOR FOR FOREIGN FRAME_ROW FREE FROM
            FULL FUNCTION FUSION GET GLOBAL GRANT GREATEST GROUP GROUPING GROUPS HAVING HOLD HOUR IDENTITY IN
            INDICATOR INITIAL INNER INOUT INSENSITIVE INSERT INT INTEGER INTERSECT INTERSECTION INTERVAL INTO IS
            JOIN JSON JSON_ARRAY JSON_ARRAYAGG JSON_EXISTS JSON_OBJECT JSON_OBJECTAGG JSON_QUERY JSON_SCALAR
            JSON_SERIALIZE JSON_TABLE JSON_TABLE_PRIMITIVE JSON_VALUE LAG LANGUAGE LARGE LAST_VALUE LATERAL LEAD
            LEADING LEAST LEFT LIKE LIKE_REGEX LISTAGG LN LOCAL LOCALTIME LOCALTIMESTAMP LOG LOG10 LOWER LPAD LTRIM
            MATCH MATCH_NUMBER MATCH_RECOGNIZE MATCHES MAX MEMBER MERGE METHOD MIN MINUTE MOD MODIFIES MODULE MONTH
            MULTISET NATIONAL NATURAL NCHAR NCLOB NEW NO NONE NORMALIZE NOT NTH_VALUE NTILE NULL NULLIF NUMERIC
            OCCURRENCES_REGEX OCTET_LENGTH OF OFFSET OLD OMIT ON ONE ONLY OPEN OR ORDER OUT OUTER OVER OVERLAPS
            OVERLAY PARAMETER PARTITION PATTERN PER PERCENT PERCENT_RANK PERCENTILE_CONT PERCENTILE_DISC PERIOD
            PORTION POSITION POSITION_REGEX POWER PRECEDES PRECISION PREPARE PRIMARY PROCEDURE PTF RANGE RANK READS
            REAL RECURSIVE REF REFERENCES REFERENCING REGR_AVGX REGR_AVGY REGR_COUNT REGR_INTERCEPT REGR_R2
            REGR_SLOPE REGR_SXX REGR_SXY REGR_SYY RELEASE RESULT RETURN RETURNS REVOKE RIGHT ROLLBACK ROLLUP ROW
            ROW_NUMBER ROWS RPAD RTRIM RUNNING SAVEPOINT SCOPE SCROLL SEARCH SECOND SEEK SELECT SENSITIVE
            SESSION_USER SET SHOW SIMILAR SIN SINH SKIP SMALLINT SOME SPECIFIC SPECIFICTYPE SQL SQLEXCEPTION
            SQLSTATE SQLWARNING SQRT START STATIC STDDEV_POP STDDEV_SAMP SUBMULTISET SUBSET SUBSTRING
            SUBSTRING_REGEX SUCCEEDS SUM SYMMETRIC SYSTEM SYSTEM_TIME SYSTEM_USER TABLE TABLESAMPLE TAN TANH THEN
            TIME TIMESTAMP TIMEZONE_HOUR TIMEZONE_MINUTE TO TRAILING TRANSLATE TRANSLATE_REGEX TRANSLATION TREAT
            TRIGGER TRIM TRIM_ARRAY TRUE TRUNCATE UESCAPE UNION UNIQUE UNKNOWN UNNEST UPDATE UPPER USER USING VALUE
            VALUES VALUE_OF VAR_POP VAR_SAMP VARBINARY VARCHAR VARYING VERSIONING WHEN WHENEVER WHERE WIDTH_BUCKET
            WINDOW WITH WITHIN WITHOUT YEAR
            """;

    /**
     * The words of {@code lists} (separated by blanks), in upper case, as an unmodifiable set: one
     * set built in one pass, since this runs in every run's cold JVM (the no-op start's included)
     * before the version table's name can be quoted.
     */
    public static Set<String> of(String... lists) {
        // a plain scan: a regular expression and a stream pipeline would cost more to load than the words
        // take to split
        Set<String> words = new HashSet<>(1024);
        for (String list : lists) {
            int start = -1;
            for (int i = 0; i <= list.length(); i++) {
                boolean blank = i == list.length() || Character.isWhitespace(list.charAt(i));
                if (!blank && start < 0) {
                    start = i;
                } else if (blank && start >= 0) {
                    words.add(list.substring(start, i).toUpperCase(Locale.ROOT));
                    start = -1;
                }
            }
        }
        return Collections.unmodifiableSet(words);
    }
}
