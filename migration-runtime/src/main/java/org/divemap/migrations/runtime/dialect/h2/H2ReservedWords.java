package org.divemap.migrations.runtime.dialect.h2;

import java.util.Set;
import org.divemap.migrations.runtime.dialect.ReservedWords;

/** The words H2 reserves. */
final class H2ReservedWords {

    private H2ReservedWords() {}

    /**
     * H2 2.3's keywords, which cannot be names unless quoted: the list of the H2 documentation
     * ("Keywords / Reserved Words" in advanced.html), the same as the parser's
     * ({@code org.h2.util.ParserUtil}) in H2 2.3.232. Only these: quoting any other lower-case name
     * would keep it in lower case, where H2 folds unquoted names in hand-written SQL to upper case.
     */
    static final Set<String> WORDS = ReservedWords.of("""
            ALL AND ANY ARRAY AS ASYMMETRIC AUTHORIZATION BETWEEN BOTH CASE CAST CHECK CONSTRAINT CROSS
            CURRENT_CATALOG CURRENT_DATE CURRENT_PATH CURRENT_ROLE CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP
            CURRENT_USER DAY DEFAULT DISTINCT ELSE END EXCEPT EXISTS FALSE FETCH FOR FOREIGN FROM FULL GROUP GROUPS
            HAVING HOUR IF ILIKE IN INNER INTERSECT INTERVAL IS JOIN KEY LEADING LEFT LIKE LIMIT LOCALTIME
            LOCALTIMESTAMP MINUS MINUTE MONTH NATURAL NOT NULL OFFSET ON OR ORDER OVER PARTITION PRIMARY QUALIFY
            RANGE REGEXP RIGHT ROW ROWNUM ROWS SECOND SELECT SESSION_USER SET SOME SYMMETRIC SYSTEM_USER TABLE TO
            TOP TRAILING TRUE UESCAPE UNION UNIQUE UNKNOWN USER USING VALUE VALUES WHEN WHERE WINDOW WITH YEAR
            _ROWID_
            """);
}
