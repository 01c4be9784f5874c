package org.divemap.migrations.benchmarks.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.divemap.migrations.benchmarks.sidebyside.SideBySide.Db;
import org.divemap.migrations.benchmarks.sidebyside.SideBySide.History;
import org.divemap.migrations.benchmarks.sidebyside.SideBySide.Tool;
import org.junit.jupiter.api.Test;

/** The parts of the side-by-side benchmark that decide what every tool runs and how it is reported. */
class SideBySideTest {

    @Test
    void everyHistoryStartsWithTheServerClockAndHasItsSize() {
        for (Db db : Db.values()) {
            for (History history : History.values()) {
                List<String> statements = history.statements(db);
                assertEquals(history.migrations, statements.size(), history + " on " + db);
                assertEquals("CREATE TABLE " + history.clockTable() + " AS SELECT " + db.clock + " AS started",
                        statements.get(0));
                assertEquals(statements.size(), statements.stream().distinct().count(), "statements repeat");
            }
        }
        assertEquals("CREATE TABLE t_1000 (id BIGINT PRIMARY KEY, name VARCHAR(100))",
                History.APPLY1000.statements(Db.MARIADB).get(999));
        assertEquals("ALTER TABLE t_wide ADD COLUMN c_49 VARCHAR(100)", History.ADDCOLUMN.statements(Db.POSTGRES).get(49));
    }

    @Test
    void everyStatementHasAnInverse() {
        assertEquals("DROP TABLE t_0002", History.inverse("CREATE TABLE t_0002 (id BIGINT PRIMARY KEY, name VARCHAR(100))"));
        assertEquals("DROP TABLE t_wide", History.inverse("CREATE TABLE t_wide AS SELECT NOW(6) AS started"));
        assertEquals("ALTER TABLE t_wide DROP COLUMN c_07", History.inverse("ALTER TABLE t_wide ADD COLUMN c_07 VARCHAR(100)"));
        assertThrows(IllegalArgumentException.class, () -> History.inverse("INSERT INTO t VALUES (1)"));
    }

    @Test
    void toolDatabasesKeepTheServerAndItsParameters() {
        assertEquals("jdbc:mysql://127.0.0.1:3306/sbs_raw?user=root&password=",
                SideBySide.url("jdbc:mysql://127.0.0.1:3306/?user=root&password=", "sbs_raw"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/sbs_flyway?user=postgres",
                SideBySide.url("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "sbs_flyway"));
        assertEquals("jdbc:mysql://db:3306/sbs_raw", SideBySide.url("jdbc:mysql://db:3306", "sbs_raw"));
    }

    @Test
    void alembicGetsTheSameServerAndCredentials() {
        assertEquals("mysql+pymysql://root@127.0.0.1:3306/sbs_alembic",
                SideBySide.sqlalchemyUrl(Db.MARIADB, "jdbc:mysql://127.0.0.1:3306/?user=root&password=", "sbs_alembic"));
        assertEquals("postgresql+psycopg2://postgres@127.0.0.1:5432/sbs_alembic",
                SideBySide.sqlalchemyUrl(Db.POSTGRES, "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
                        "sbs_alembic"));
        assertEquals("mysql+pymysql://bench:p%40ss@db.example:3307/sbs_alembic",
                SideBySide.sqlalchemyUrl(Db.MARIADB, "jdbc:mysql://db.example:3307/?user=bench&password=p%40ss",
                        "sbs_alembic"));
    }

    @Test
    void medianSkipsRoundsThatWereNotMeasured() {
        assertEquals(2.0, SideBySide.median(new double[] {3, Double.NaN, 1, 2}));
        assertEquals(2.5, SideBySide.median(new double[] {4, 1, 2, 3}));
        assertTrue(Double.isNaN(SideBySide.median(new double[] {Double.NaN})));
    }

    @Test
    void theCommandLineToolsRunInDatabasesWithPlainNames() {
        assertEquals(Tool.DIVEMAPCLI_CDS, Tool.parse("divemapcli-cds"));
        assertEquals("sbs_divemapcli_cds", Tool.DIVEMAPCLI_CDS.database());
        assertEquals("sbs_divemapcli", Tool.parse(" DivemapCli ").database());
        assertTrue(Tool.DIVEMAPCLI.cli() && !Tool.DIVEMAP.cli());
    }
}
