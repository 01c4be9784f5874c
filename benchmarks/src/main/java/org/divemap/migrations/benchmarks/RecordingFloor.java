package org.divemap.migrations.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What recording each revision costs on MySQL/MariaDB at the least, whatever the tool: N
 * {@code CREATE TABLE} statements, each followed by the two writes every revision needs (the version
 * row and a history row), in the ways a tool can send them. No migration tool runs here, only JDBC,
 * so the figures are a floor under any tool that records each revision before the next starts.
 *
 * <p>Each way runs on its own connection into its own database, all of them at once: the N
 * statements go in blocks of 50, and each block runs every way in turn, starting with a different
 * way each block. A slow spell of the server's disk then falls on every way alike, which
 * back-to-back runs of 1,000 statements (the way {@code ApplyBenchmark} has to run whole tools)
 * cannot promise.
 *
 * <p>Around each block the server's own counters are read on a separate connection, outside the timed
 * part: redo-log writes and fsyncs ({@code Innodb_log_writes}, {@code Innodb_data_fsyncs}, and, where
 * the server has it, {@code Innodb_os_log_fsyncs}). The blocks run one after the other, so each delta
 * belongs to one way (and to whatever else the server did meanwhile: run it on a server of its own).
 *
 * <pre>
 * benchmarks/recording-floor.sh [--mysql URL] [--statements N] [--ways raw,marked_implicit_kept,...]
 * </pre>
 */
public final class RecordingFloor {

    /** The ways of recording a revision after its statement. */
    enum Way {
        RAW("the statement alone, auto-commit (raw JDBC)", false, false),
        SWITCHES("auto-commit on for the statement, off for UPDATE + INSERT + commit()", false, false),
        COMMIT_EACH("auto-commit off: statement, UPDATE, INSERT, commit()", true, false),
        /** Divemap since the interrupted-revision mark: the record rewrites this revision's mark and marks the next. */
        MARKED("auto-commit off: statement, UPDATE, UPDATE of its mark, INSERT of the next mark, commit()", true,
                false),
        /** One upsert finishes this revision's mark and inserts the next one's. */
        MARKED_UPSERT("auto-commit off: statement, UPDATE, one upsert of its mark and the next mark, commit()", true,
                false),
        /** Divemap since issue 19: as MARKED_UPSERT, committed by the next revision's DDL. */
        MARKED_IMPLICIT("auto-commit off: statement, UPDATE, one upsert of its mark and the next mark; the next"
                + " statement commits them", true, false),
        /** MARKED_IMPLICIT with both statements prepared once for the run, as Divemap's runtime keeps them. */
        MARKED_IMPLICIT_KEPT("auto-commit off: statement, UPDATE, one upsert; the next statement commits them;"
                + " both kept prepared for the run (Divemap until 2026-12-05, 13:00 UTC)", true, false, Kept.CLIENT),
        /** MARKED_IMPLICIT_KEPT with both statements prepared on the server: Connector/J's binary protocol. */
        MARKED_IMPLICIT_ON_SERVER("auto-commit off: statement, UPDATE, one upsert; the next statement commits them;"
                + " both kept prepared on the server (Divemap now)", true, false, Kept.SERVER),
        /** MARKED_IMPLICIT's two statements in one text (allowMultiQueries): measured, not adopted. */
        MARKED_ONE_TRIP_IMPLICIT("auto-commit off: statement, then \"UPDATE; upsert of its mark and the next mark\" in"
                + " one round trip, committed by the next", true, true),
        /** MARKED's three statements in one text, committed by the next revision's DDL. */
        MARKED_THREE_IMPLICIT("auto-commit off: statement, then \"UPDATE; UPDATE of its mark; INSERT of the next"
                + " mark\" in one round trip, committed by the next", true, true),
        /** The revision's last statement sent with its record: MARKED_ONE_TRIP_IMPLICIT without a round trip of its own. */
        WITH_STATEMENT_IMPLICIT("auto-commit off: \"statement; UPDATE; upsert of its mark and the next mark\" in one"
                + " round trip, committed by the next", true, true),
        IMPLICIT("auto-commit off: statement, UPDATE, INSERT; the next statement commits them", true, false),
        MULTI_TABLE_IMPLICIT("auto-commit off: statement, one multi-table UPDATE of the version row, its mark and the"
                + " next revision's (pre-inserted) mark; the next statement commits it", true, false),
        ONE_TRIP("auto-commit off: statement, then \"UPDATE; INSERT; COMMIT\" in one round trip", true, true),
        ONE_TRIP_IMPLICIT("auto-commit off: statement, then \"UPDATE; INSERT\" in one round trip, committed by the next", true, true),
        /**
         * The statement alone on the run's connection (auto-commit, as raw JDBC), the record and the
         * next mark committed in one round trip on a second connection to the same database, before
         * the next statement starts: as durable as MARKED_IMPLICIT, one round trip fewer per revision.
         */
        SECOND_CONNECTION("statement alone (auto-commit); \"UPDATE; upsert of its mark and the next mark; COMMIT\" in"
                + " one round trip on a second connection", false, false),
        /** Not a per-revision record: what giving up that guarantee would buy. */
        EVERY_50("not per revision: the rows of 50 revisions in one round trip and one commit", true, true);

        final String title;
        final boolean autoCommitOff;
        final boolean multiQueries;
        final Kept kept;

        Way(String title, boolean autoCommitOff, boolean multiQueries) {
            this(title, autoCommitOff, multiQueries, Kept.NO);
        }

        Way(String title, boolean autoCommitOff, boolean multiQueries, Kept kept) {
            this.title = title;
            this.autoCommitOff = autoCommitOff;
            this.multiQueries = multiQueries;
            this.kept = kept;
        }

        String database() {
            return "floor_" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether a way prepares its statements for each revision, or once for the run: on the client or the server. */
    enum Kept { NO, CLIENT, SERVER }

    private static final int BLOCK = 50;
    /** The error text of a revision's mark, as long as Divemap's (RecordedJdbcRun writes it too). */
    public static final String MARK = "running: process 4242 started this revision and has not recorded its end; if"
            + " this row stays, the process stopped inside the revision.\nNo statement is known to have completed.";
    private static final String HISTORY_COLUMNS = "(revision, direction, started_at, duration_ms, success, os_user, host,"
            + " checksum)";

    public static void main(String[] args) throws Exception {
        String mysql = System.getenv().getOrDefault("DIVEMAP_TEST_MYSQL_URL",
                "jdbc:mysql://127.0.0.1:3306/?user=root&password=");
        int n = 1_000;
        List<Way> ways = List.of(Way.values());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mysql" -> mysql = args[++i];
                case "--statements" -> n = Integer.parseInt(args[++i]);
                case "--ways" -> ways = Arrays.stream(args[++i].split(","))
                        .map(w -> Way.valueOf(w.trim().toUpperCase(Locale.ROOT))).toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!ways.contains(Way.RAW)) { // the ratios are to it
            ways = java.util.stream.Stream.concat(java.util.stream.Stream.of(Way.RAW), ways.stream()).toList();
        }
        int q = mysql.indexOf('?');
        String server = q < 0 ? mysql : mysql.substring(0, q);
        String base = server.endsWith("/") ? server : server + "/";
        String query = q < 0 ? "?" : mysql.substring(q) + "&";

        Map<Way, Connection> connections = new EnumMap<>(Way.class);
        Map<Way, Long> nanos = new EnumMap<>(Way.class);
        Map<Way, Map<String, Long>> counted = new EnumMap<>(Way.class);
        try (Connection admin = DriverManager.getConnection(mysql); Statement s = admin.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT VERSION(), @@innodb_flush_log_at_trx_commit")) {
                rs.next();
                System.out.printf(Locale.ROOT, "server %s, innodb_flush_log_at_trx_commit=%s, %d statements%n",
                        rs.getString(1), rs.getString(2), n);
            }
            for (Way way : ways) {
                s.execute("DROP DATABASE IF EXISTS " + way.database());
                s.execute("CREATE DATABASE " + way.database());
            }
        }
        try (Connection admin = DriverManager.getConnection(mysql); Statement counters = admin.createStatement()) {
            for (Way way : ways) {
                Connection c = DriverManager.getConnection(base + way.database() + query
                        + (way.multiQueries ? "allowMultiQueries=true" : ""));
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE version (version_num VARCHAR(255) NOT NULL PRIMARY KEY)");
                    s.execute("CREATE TABLE history (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                            + " revision VARCHAR(255) NOT NULL, direction VARCHAR(5) NOT NULL,"
                            + " started_at DATETIME(3) NOT NULL, duration_ms BIGINT NOT NULL, success BOOLEAN NOT NULL,"
                            + " os_user VARCHAR(255), host VARCHAR(255), checksum VARCHAR(64), error TEXT)");
                    s.execute("INSERT INTO version VALUES ('r0')");
                    if (way == Way.MULTI_TABLE_IMPLICIT) {
                        preInsert(s, n + 1);
                    }
                }
                c.setAutoCommit(!way.autoCommitOff);
                if (way == Way.SECOND_CONNECTION) {
                    Connection bookkeeping = DriverManager.getConnection(base + way.database() + query
                            + "allowMultiQueries=true");
                    bookkeeping.setAutoCommit(false);
                    SECOND.put(c, bookkeeping);
                }
                if (way.kept != Kept.NO) {
                    KEPT.put(c, new java.util.HashMap<>());
                    if (way.kept == Kept.SERVER) {
                        ON_SERVER.add(c);
                    }
                }
                connections.put(way, c);
                nanos.put(way, 0L);
                counted.put(way, new java.util.TreeMap<>());
            }
            List<Way> order = new ArrayList<>(ways);
            for (int first = 1; first <= n; first += BLOCK) {
                for (Way way : order) {
                    Connection c = connections.get(way);
                    Map<String, Long> before = counters(counters);
                    long t = System.nanoTime();
                    for (int i = first; i < first + BLOCK && i <= n; i++) {
                        revision(way, c, i);
                    }
                    if (!c.getAutoCommit()) {
                        c.commit();
                    }
                    nanos.merge(way, System.nanoTime() - t, Long::sum);
                    counters(counters).forEach((name, after) -> counted.get(way).merge(name, after - before.get(name),
                            Long::sum));
                }
                Collections.rotate(order, 1);
            }
        } finally {
            for (Connection c : SECOND.values()) {
                c.close();
            }
            for (Connection c : connections.values()) {
                c.close();
            }
            try (Connection admin = DriverManager.getConnection(mysql); Statement s = admin.createStatement()) {
                for (Way way : ways) {
                    s.execute("DROP DATABASE IF EXISTS " + way.database());
                }
            }
        }
        long raw = nanos.get(Way.RAW);
        List<String> names = List.copyOf(counted.get(Way.RAW).keySet());
        System.out.println();
        System.out.println("| way | ms | ms per statement | ratio to raw |" + names.stream()
                .map(name -> " " + name + " per statement |").collect(java.util.stream.Collectors.joining()));
        System.out.println("|---|---:|---:|---:|" + "---:|".repeat(names.size()));
        for (Way way : ways) {
            long t = nanos.get(way);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %,d | %.2f | %.2fx |", way.title,
                    t / 1_000_000, t / 1e6 / n, (double) t / raw));
            for (String name : names) {
                row.append(String.format(Locale.ROOT, " %.2f |", counted.get(way).get(name) / (double) n));
            }
            System.out.println(row);
        }
    }

    /** The server's redo-log counters that this server has, by name. */
    private static Map<String, Long> counters(Statement s) throws SQLException {
        Map<String, Long> values = new java.util.TreeMap<>();
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
                + " ('Innodb_log_writes', 'Innodb_data_fsyncs', 'Innodb_os_log_fsyncs')")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    private static String statement(int i) {
        return String.format(Locale.ROOT, "CREATE TABLE table_%04d (id BIGINT PRIMARY KEY, name VARCHAR(100))", i);
    }

    private static void revision(Way way, Connection c, int i) throws SQLException {
        try (Statement s = c.createStatement()) {
            switch (way) {
                case RAW -> s.execute(statement(i));
                case SWITCHES -> {
                    c.setAutoCommit(true);
                    s.execute(statement(i));
                    c.setAutoCommit(false);
                    record(c, i);
                    c.commit();
                }
                case COMMIT_EACH -> {
                    s.execute(statement(i));
                    record(c, i);
                    c.commit();
                }
                case MARKED -> {
                    s.execute(statement(i));
                    recordMarked(c, i);
                    c.commit();
                }
                case MARKED_UPSERT -> {
                    s.execute(statement(i));
                    recordUpsert(c, i, false);
                    c.commit();
                }
                case MARKED_IMPLICIT, MARKED_IMPLICIT_KEPT, MARKED_IMPLICIT_ON_SERVER -> {
                    s.execute(statement(i));
                    recordUpsert(c, i, false);
                }
                case MARKED_THREE_IMPLICIT -> {
                    s.execute(statement(i));
                    recordMarkedInOneText(c, i);
                }
                case MARKED_ONE_TRIP_IMPLICIT -> {
                    s.execute(statement(i));
                    recordUpsert(c, i, true);
                }
                case WITH_STATEMENT_IMPLICIT -> recordUpsert(c, i, true, statement(i));
                case SECOND_CONNECTION -> {
                    s.execute(statement(i));
                    recordUpsert(SECOND.get(c), i, true, null, true);
                }
                case MULTI_TABLE_IMPLICIT -> {
                    s.execute(statement(i));
                    recordMultiTable(c, i);
                }
                case IMPLICIT -> {
                    s.execute(statement(i));
                    record(c, i);
                }
                case ONE_TRIP -> {
                    s.execute(statement(i));
                    s.execute(recordInline(i) + "; COMMIT");
                }
                case ONE_TRIP_IMPLICIT -> {
                    s.execute(statement(i));
                    s.execute(recordInline(i));
                }
                case EVERY_50 -> {
                    s.execute(statement(i));
                    if (i % BLOCK == 0) {
                        StringBuilder rows = new StringBuilder();
                        for (int r = i - BLOCK + 1; r <= i; r++) {
                            rows.append(r == i - BLOCK + 1 ? "" : ", ").append("('r").append(r)
                                    .append("', 'up', UTC_TIMESTAMP(3), 3, TRUE, 'deploy', 'host', '")
                                    .append("0".repeat(64)).append("')");
                        }
                        s.execute("UPDATE version SET version_num = 'r" + i + "' WHERE version_num = 'r" + (i - BLOCK)
                                + "'; INSERT INTO history " + HISTORY_COLUMNS + " VALUES " + rows + "; COMMIT");
                    }
                }
            }
        }
    }

    /** The version row and the history row as Divemap writes them: two prepared statements. */
    private static void record(Connection c, int i) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE version SET version_num = ? WHERE version_num = ?")) {
            update.setString(1, "r" + i);
            update.setString(2, "r" + (i - 1));
            update.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO history " + HISTORY_COLUMNS
                + " VALUES (?, 'up', UTC_TIMESTAMP(3), 3, TRUE, 'deploy', 'host', ?)")) {
            insert.setString(1, "r" + i);
            insert.setString(2, "0".repeat(64));
            insert.executeUpdate();
        }
    }

    /** The version row, this revision's mark rewritten as done, and the next revision's mark, as Divemap writes them. */
    private static void recordMarked(Connection c, int i) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE version SET version_num = ? WHERE version_num = ?")) {
            update.setString(1, "r" + i);
            update.setString(2, "r" + (i - 1));
            update.executeUpdate();
        }
        try (PreparedStatement done = c.prepareStatement("UPDATE history SET started_at = UTC_TIMESTAMP(3),"
                + " duration_ms = 3, success = TRUE, checksum = ?, error = NULL WHERE id = ?")) {
            done.setString(1, "0".repeat(64));
            done.setLong(2, markOf(c, i));
            done.executeUpdate();
        }
        try (PreparedStatement mark = c.prepareStatement("INSERT INTO history (revision, direction, started_at,"
                + " duration_ms, success, os_user, host, checksum, error) VALUES (?, 'up', UTC_TIMESTAMP(3), 0, FALSE,"
                + " 'deploy', 'host', NULL, ?)", Statement.RETURN_GENERATED_KEYS)) {
            mark.setString(1, "r" + (i + 1));
            mark.setString(2, MARK);
            mark.executeUpdate();
            try (ResultSet keys = mark.getGeneratedKeys()) {
                keys.next();
                MARKS.put(c, keys.getLong(1));
            }
        }
    }

    /** {@link #recordMarked}'s three statements sent as one text. */
    private static void recordMarkedInOneText(Connection c, int i) throws SQLException {
        try (PreparedStatement all = c.prepareStatement("UPDATE version SET version_num = ? WHERE version_num = ?;"
                + " UPDATE history SET started_at = UTC_TIMESTAMP(3), duration_ms = 3, success = TRUE, checksum = ?,"
                + " error = NULL WHERE id = ?; INSERT INTO history (revision, direction, started_at, duration_ms,"
                + " success, os_user, host, checksum, error) VALUES (?, 'up', UTC_TIMESTAMP(3), 0, FALSE, 'deploy',"
                + " 'host', NULL, ?)", Statement.RETURN_GENERATED_KEYS)) {
            all.setString(1, "r" + i);
            all.setString(2, "r" + (i - 1));
            all.setString(3, "0".repeat(64));
            all.setLong(4, markOf(c, i));
            all.setString(5, "r" + (i + 1));
            all.setString(6, MARK);
            all.execute();
            all.getMoreResults();
            all.getMoreResults();
            try (ResultSet keys = all.getGeneratedKeys()) {
                keys.next();
                MARKS.put(c, keys.getLong(1));
            }
        }
    }

    /**
     * The version row, then one statement that rewrites this revision's mark as done and inserts the
     * next revision's mark, as Divemap writes them on MySQL and MariaDB since issue 19.
     */
    private static void recordUpsert(Connection c, int i, boolean oneText) throws SQLException {
        recordUpsert(c, i, oneText, null);
    }

    /** As above; with {@code first} (and {@code oneText}), that statement goes first in the one text. */
    private static void recordUpsert(Connection c, int i, boolean oneText, String first) throws SQLException {
        recordUpsert(c, i, oneText, first, false);
    }

    /** As above; with {@code commit} (and {@code oneText}), the text ends with {@code COMMIT}. */
    private static void recordUpsert(Connection c, int i, boolean oneText, String first, boolean commit)
            throws SQLException {
        String update = (first == null ? "" : first + "; ") + "UPDATE version SET version_num = ? WHERE"
                + " version_num = ?";
        if (!oneText) {
            PreparedStatement statement = prepared(c, update, Statement.NO_GENERATED_KEYS);
            try {
                statement.setString(1, "r" + i);
                statement.setString(2, "r" + (i - 1));
                statement.executeUpdate();
            } finally {
                done(c, statement);
            }
        }
        int p = oneText ? 2 : 0;
        PreparedStatement upsert = prepared(c, (oneText ? update + "; " : "") + "INSERT INTO history (id, revision,"
                + " direction, started_at, duration_ms, success, os_user, host, checksum, error) VALUES (NULL, ?, 'up',"
                + " UTC_TIMESTAMP(3), 0, FALSE, 'deploy', 'host', NULL, ?), (?, ?, 'up', UTC_TIMESTAMP(3), 3, TRUE,"
                + " 'deploy', 'host', ?, NULL) ON DUPLICATE KEY UPDATE started_at = UTC_TIMESTAMP(3), duration_ms = ?,"
                + " success = ?, checksum = ?, error = ?" + (commit ? "; COMMIT" : ""),
                Statement.RETURN_GENERATED_KEYS);
        try {
            if (oneText) {
                upsert.setString(1, "r" + i);
                upsert.setString(2, "r" + (i - 1));
            }
            upsert.setString(p + 1, "r" + (i + 1));
            upsert.setString(p + 2, MARK);
            long mark = markOf(c, i);
            if (mark == 0) {
                upsert.setNull(p + 3, java.sql.Types.BIGINT); // before the first revision: two new rows
            } else {
                upsert.setLong(p + 3, mark);
            }
            upsert.setString(p + 4, "r" + i);
            upsert.setString(p + 5, "0".repeat(64));
            upsert.setLong(p + 6, 3);
            upsert.setBoolean(p + 7, true);
            upsert.setString(p + 8, "0".repeat(64));
            upsert.setString(p + 9, null);
            upsert.execute();
            if (oneText) {
                upsert.getMoreResults(); // the upsert's key
                if (first != null) {
                    upsert.getMoreResults();
                }
            }
            try (ResultSet keys = upsert.getGeneratedKeys()) {
                keys.next();
                MARKS.put(c, keys.getLong(1));
            }
            if (commit) {
                upsert.getMoreResults(); // the COMMIT's
            }
        } finally {
            done(c, upsert);
        }
    }

    /**
     * A statement for {@code sql} on {@code c}: prepared now, for a way that prepares for each
     * revision; for a way that keeps its statements, the one prepared the first time (on the server,
     * for {@link Kept#SERVER}), its parameters cleared.
     */
    private static PreparedStatement prepared(Connection c, String sql, int keys) throws SQLException {
        Map<String, PreparedStatement> kept = KEPT.get(c);
        if (kept == null) {
            return c.prepareStatement(sql, keys);
        }
        PreparedStatement statement = kept.get(sql);
        if (statement != null) {
            statement.clearParameters();
            return statement;
        }
        statement = ON_SERVER.contains(c)
                ? c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).serverPrepareStatement(sql, keys)
                : c.prepareStatement(sql, keys);
        kept.put(sql, statement);
        return statement;
    }

    /** After {@code statement} ran: closed, unless its way keeps it (it closes with the connection). */
    private static void done(Connection c, PreparedStatement statement) throws SQLException {
        if (!KEPT.containsKey(c)) {
            statement.close();
        }
    }

    private static final Map<Connection, Map<String, PreparedStatement>> KEPT = new java.util.IdentityHashMap<>();
    private static final java.util.Set<Connection> ON_SERVER = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    /** Rows 1..{@code rows}, one per revision, planned (not started): the rows the multi-table way updates. */
    private static void preInsert(Statement s, int rows) throws SQLException {
        for (int from = 1; from <= rows; from += 500) {
            StringBuilder sql = new StringBuilder("INSERT INTO history (id, revision, direction, started_at, duration_ms,"
                    + " success, os_user, host, checksum, error) VALUES ");
            for (int r = from; r < from + 500 && r <= rows; r++) {
                sql.append(r == from ? "" : ", ").append('(').append(r).append(", 'r").append(r)
                        .append("', 'up', UTC_TIMESTAMP(3), 0, FALSE, 'deploy', 'host', NULL, 'planned')");
            }
            s.execute(sql.toString());
        }
    }

    /**
     * One statement for the whole record: the version row, this revision's row finished, the next
     * revision's row marked as started (rows inserted before the run, one per revision).
     */
    private static void recordMultiTable(Connection c, int i) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE version v, history h SET v.version_num = ?,"
                + " h.started_at = UTC_TIMESTAMP(3), h.duration_ms = IF(h.id = ?, 3, 0), h.success = (h.id = ?),"
                + " h.checksum = IF(h.id = ?, ?, NULL), h.error = IF(h.id = ?, NULL, ?)"
                + " WHERE v.version_num = ? AND h.id IN (?, ?)")) {
            int p = 0;
            update.setString(++p, "r" + i);
            update.setLong(++p, i);
            update.setLong(++p, i);
            update.setLong(++p, i);
            update.setString(++p, "0".repeat(64));
            update.setLong(++p, i);
            update.setString(++p, MARK);
            update.setString(++p, "r" + (i - 1));
            update.setLong(++p, i);
            update.setLong(++p, i + 1);
            int changed = update.executeUpdate();
            if (changed != 3) {
                throw new IllegalStateException("the multi-table UPDATE changed " + changed + " rows, not 3");
            }
        }
    }

    /** The id of the mark the record of the revision before wrote (0 before the first: no row). */
    private static long markOf(Connection c, int i) {
        return MARKS.getOrDefault(c, 0L);
    }

    private static final Map<Connection, Long> MARKS = new java.util.IdentityHashMap<>();
    /** The second connection of {@link Way#SECOND_CONNECTION}, by the run's connection. */
    private static final Map<Connection, Connection> SECOND = new java.util.IdentityHashMap<>();

    private static String recordInline(int i) {
        return "UPDATE version SET version_num = 'r" + i + "' WHERE version_num = 'r" + (i - 1) + "'; INSERT INTO history "
                + HISTORY_COLUMNS + " VALUES ('r" + i + "', 'up', UTC_TIMESTAMP(3), 3, TRUE, 'deploy', 'host', '"
                + "0".repeat(64) + "')";
    }
}
