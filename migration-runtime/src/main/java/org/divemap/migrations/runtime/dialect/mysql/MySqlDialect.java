package org.divemap.migrations.runtime.dialect.mysql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.dialect.CatalogQueries;
import org.divemap.migrations.runtime.dialect.Ddl;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.dialect.DumpTarget;
import org.divemap.migrations.runtime.dialect.NamedLock;

/** MySQL 8: DDL commits implicitly, backticks quote, {@code GET_LOCK} locks. */
public class MySqlDialect extends Dialect {

    /** Built when first used (offline scripts), not when a run loads the dialect. */
    private static final class Formats {
        static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    }

    @Override
    public Operations.Database database() {
        return Operations.Database.MYSQL;
    }

    @Override
    public int maxNameLength() {
        return 64;
    }

    @Override
    public String displayName() {
        return "MySQL";
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    /** The first keywords of the statements MySQL and MariaDB commit before and after they run. */
    private static final String[] COMMITTING = {"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE"};

    @Override
    public boolean commitsEachStatement() {
        return true;
    }

    /**
     * One {@code CREATE}, {@code ALTER}, {@code DROP}, {@code RENAME} or {@code TRUNCATE} statement,
     * after any comments: the statements MySQL and MariaDB commit before and after they run. Anything
     * that may be more than one statement (a {@code ;} before the end) or that names a
     * {@code TEMPORARY} table (which does not commit) is not recognised. Scanned by hand, not with
     * patterns: it runs for every statement of a run.
     */
    @Override
    public boolean commitsImplicitly(String statement) {
        String sql = withoutLeadingComments(statement);
        return startsWithCommittingKeyword(sql) && oneStatement(sql) && !hasWord(sql, "TEMPORARY");
    }

    private static boolean startsWithCommittingKeyword(String sql) {
        for (String keyword : COMMITTING) {
            if (wordAt(sql, 0, keyword)) {
                return true;
            }
        }
        return false;
    }

    /** No {@code ;} but one at the end, followed by blanks only. */
    private static boolean oneStatement(String sql) {
        int semicolon = sql.indexOf(';');
        if (semicolon < 0) {
            return true;
        }
        for (int i = semicolon + 1; i < sql.length(); i++) {
            if (" \t\n\u000B\f\r".indexOf(sql.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasWord(String sql, String word) {
        for (int i = 0; i + word.length() <= sql.length(); i++) {
            if (wordAt(sql, i, word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code word} stands at {@code i}, in any case, as a whole word. */
    private static boolean wordAt(String sql, int i, String word) {
        int end = i + word.length();
        return sql.regionMatches(true, i, word, 0, word.length()) && (i == 0 || !wordCharacter(sql.charAt(i - 1)))
                && (end == sql.length() || !wordCharacter(sql.charAt(end)));
    }

    private static boolean wordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /**
     * The statement from its first keyword: leading blanks, {@code --}, {@code #} and {@code /* *}{@code /}
     * comments removed. A {@code /*!} comment is code MySQL runs, so it stays, and nothing is recognised.
     */
    private static String withoutLeadingComments(String statement) {
        int i = 0;
        int n = statement.length();
        while (i < n) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || statement.startsWith("-- ", i) || statement.startsWith("--\n", i)) {
                int end = statement.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (statement.startsWith("/*", i) && !statement.startsWith("/*!", i)
                    && !statement.startsWith("/*M!", i)) {
                int end = statement.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        return statement.substring(i);
    }

    @Override
    protected char quoteCharacter() {
        return '`';
    }

    @Override
    protected Set<String> reservedWords() {
        return MySqlReservedWords.WORDS;
    }

    @Override
    protected String currentSchemaQuery() {
        return "SELECT DATABASE()";
    }

    /** MySQL's {@code TIMESTAMP} ends in 2038 and converts time zones; we store UTC in a DATETIME. */
    @Override
    public String timestampType() {
        return "DATETIME(3)";
    }

    @Override
    public String textType() {
        return "TEXT";
    }

    @Override
    public String identityColumn(String name) {
        return quote(name) + " BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY";
    }

    /**
     * {@code ON DUPLICATE KEY UPDATE c = ?, ...}: the values are bound, not taken with {@code VALUES(c)},
     * which MySQL 8.0.20 deprecated.
     */
    @Override
    public String onDuplicateKeyUpdate(List<String> columns) {
        StringBuilder clause = new StringBuilder(" ON DUPLICATE KEY UPDATE ");
        for (int i = 0; i < columns.size(); i++) {
            clause.append(i == 0 ? "" : ", ").append(columns.get(i)).append(" = ?");
        }
        return clause.toString();
    }

    @Override
    public boolean hasOnDuplicateKeyUpdate() {
        return true;
    }

    @Override
    public String widenVarchar(String qualifiedTable, String column, int length) {
        return "ALTER TABLE " + qualifiedTable + " MODIFY " + quoteExact(column) + " VARCHAR(" + length + ") NOT NULL";
    }

    /**
     * Binds as text what MySQL's driver would get wrong, as the offline literal writes it: a
     * {@code UUID} (the driver would store it Java-serialized), and times of day with their
     * fractions of a second (which the driver drops on MariaDB, see {@link #setTimestamp}); a point
     * in time as its UTC date and time, since MySQL keeps no time zone.
     */
    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof java.util.UUID || value instanceof java.sql.Timestamp || value instanceof java.sql.Time) {
            statement.setString(index, value.toString());
        } else if (value instanceof LocalDateTime || value instanceof java.time.LocalTime) {
            statement.setString(index, Ddl.wallClock(value));
        } else if (value instanceof Instant || value instanceof java.time.OffsetDateTime
                || value instanceof java.time.ZonedDateTime) {
            LocalDateTime utc = LocalDateTime.ofInstant(Instant.from((java.time.temporal.TemporalAccessor) value),
                    ZoneOffset.UTC);
            statement.setString(index, Ddl.wallClockFormat().format(utc));
        } else {
            super.bind(statement, index, value);
        }
    }

    /**
     * Binds the UTC time as text. MySQL's driver drops fractional seconds from temporal parameters
     * when MariaDB announces itself as "5.5.5-10.x", a version it believes too old for them.
     */
    @Override
    public void setTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setString(index, value == null ? null : datetime(LocalDateTime.ofInstant(value, ZoneOffset.UTC)));
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss.SSS}, written by hand for the years 0 to 9999: every run binds the
     * history's times this way, and a {@code DateTimeFormatter} costs a few dozen classes to load.
     */
    static String datetime(LocalDateTime time) {
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return Formats.DATETIME.format(time);
        }
        StringBuilder text = new StringBuilder(23);
        pad(text, time.getYear(), 4).append('-');
        pad(text, time.getMonthValue(), 2).append('-');
        pad(text, time.getDayOfMonth(), 2).append(' ');
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2).append('.');
        return pad(text, time.getNano() / 1_000_000, 3).toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int digits) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < digits; i++) {
            text.append('0');
        }
        return text.append(number);
    }

    @Override
    public Instant getTimestamp(ResultSet rs, int index) throws SQLException {
        LocalDateTime value = rs.getObject(index, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @Override
    public NamedLock namedLock(String schema) {
        return new MySqlNamedLock(this);
    }

    @Override
    protected Ddl ddl() {
        return new MySqlDdl(this);
    }

    /** How {@code ALTER TABLE} drops a check constraint: MySQL has {@code DROP CHECK}. */
    String dropCheck() {
        return "DROP CHECK";
    }

    /** InnoDB indexes a foreign key's columns, under the key's name, when no index serves them. */
    @Override
    public boolean foreignKeyAddsIndex() {
        return true;
    }

    @Override
    protected String urlPrefix() {
        return "jdbc:mysql:";
    }

    @Override
    public String driverClass() {
        return "com.mysql.cj.jdbc.Driver";
    }

    /** Connector/J and MariaDB Connector/J both take {@code connectTimeout} in milliseconds. */
    @Override
    public void connectTimeout(Properties properties, java.time.Duration timeout) {
        properties.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
    }

    /**
     * On a connection of Connector/J's own (one that Divemap opened from a URL, say), a statement
     * prepared on the server: each revision's record then goes in the binary protocol, without the
     * driver escaping every character of the history row into a new text and the server parsing that
     * text again (the server's CPU for 1,000 revisions fell by 8 to 11 %, docs/benchmarks.md).
     * Elsewhere, a connection that wraps another (a pool's, a tracing library's) included, as any
     * other statement: a wrapper then still sees every statement Divemap sends, and MariaDB
     * Connector/J prepares as it is set up to.
     */
    @Override
    public PreparedStatement prepareRepeated(Connection connection, String sql, int generatedKeys)
            throws SQLException {
        PreparedStatement onServer = ConnectorJ.prepareOnServer(connection, sql, generatedKeys);
        return onServer != null ? onServer : connection.prepareStatement(sql, generatedKeys);
    }

    /** Connector/J's {@code getLastInsertID()}, which the statement keeps for its current result. */
    @Override
    public long generatedKey(java.sql.Statement statement) {
        return ConnectorJ.lastInsertId(statement);
    }

    /** Connector/J's own answers, in a class of its own, loaded only when asked: the driver may be absent. */
    private static final class ConnectorJ {
        /**
         * A statement prepared on the server, or null when {@code connection} is not Connector/J's own
         * or the server would not prepare it (a proxy in between that does not pass prepared
         * statements on, say): the caller prepares it as any other.
         */
        static PreparedStatement prepareOnServer(Connection connection, String sql, int generatedKeys) {
            try {
                if (connection instanceof com.mysql.cj.jdbc.JdbcConnection own) {
                    return own.serverPrepareStatement(sql, generatedKeys);
                }
            } catch (SQLException e) {
                // the statement as any other then, which fails, if it does, where it runs
            } catch (LinkageError e) {
                // Connector/J is not on the class path, or not this one: another driver's connection
            }
            return null;
        }

        /** The id, or 0 when another driver ran the statement. */
        static long lastInsertId(java.sql.Statement statement) {
            try {
                if (statement.isWrapperFor(com.mysql.cj.jdbc.StatementImpl.class)) {
                    return statement.unwrap(com.mysql.cj.jdbc.StatementImpl.class).getLastInsertID();
                }
            } catch (SQLException | LinkageError e) {
                // another driver, or Connector/J loaded by another class loader: the caller asks for the keys
            }
            return 0;
        }
    }

    /** {@code mysqldump} of one database, consistent without locking InnoDB tables; MYSQL_PWD holds the password. */
    @Override
    public Optional<List<String>> dumpCommand(DumpTarget target, Path file, Map<String, String> environment) {
        if (target.password() != null && !target.password().isEmpty()) {
            environment.put("MYSQL_PWD", target.password());
        }
        List<String> argv = new ArrayList<>(List.of("mysqldump", "--single-transaction", "--routines",
                "--host=" + target.host(), "--port=" + target.portOr(3306)));
        if (target.user() != null) {
            argv.add("--user=" + target.user());
        }
        argv.addAll(List.of("--result-file=" + file, target.database()));
        return Optional.of(argv);
    }

    /** MySQL calls its schemas databases. */
    @Override
    public String schemaNoun() {
        return "database";
    }

    @Override
    public String createSchemaStatement(String name) {
        return "CREATE DATABASE " + quote(name) + " CHARACTER SET utf8mb4";
    }

    @Override
    public String dropSchemaStatement(String name) {
        return "DROP DATABASE IF EXISTS " + quote(name);
    }

    /** MySQL's drivers call databases catalogs. */
    @Override
    public void useSchema(Connection connection, String name) throws SQLException {
        connection.setCatalog(name);
    }

    @Override
    public CatalogQueries catalog() {
        return new MySqlCatalogQueries();
    }

    /** The {@code GET_LOCK} timeout for a wait: whole seconds, rounded up, as MySQL documents it. */
    String lockTimeoutSeconds(java.time.Duration wait) {
        long millis = wait.toMillis();
        return Long.toString(millis / 1000 + (millis % 1000 == 0 ? 0 : 1));
    }
}
