package org.divemap.migrations.runtime.dialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.divemap.migrations.Operations;

/** MySQL 8: DDL commits implicitly, backticks quote, {@code GET_LOCK} locks. */
sealed class MySqlDialect extends Dialect permits MariaDbDialect {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Override
    public Operations.Database database() {
        return Operations.Database.MYSQL;
    }

    @Override
    public String displayName() {
        return "MySQL";
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    char quoteCharacter() {
        return '`';
    }

    @Override
    String currentSchemaQuery() {
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

    @Override
    public String widenVarchar(String qualifiedTable, String column, int length) {
        return "ALTER TABLE " + qualifiedTable + " MODIFY " + quote(column) + " VARCHAR(" + length + ") NOT NULL";
    }

    /**
     * Binds the UTC time as text. MySQL's driver drops fractional seconds from temporal parameters
     * when MariaDB announces itself as "5.5.5-10.x", a version it believes too old for them.
     */
    @Override
    public void setTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        String text = value == null ? null : DATETIME.format(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        statement.setString(index, text);
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

    /** The {@code GET_LOCK} timeout for a wait: whole seconds, rounded up, as MySQL documents it. */
    String lockTimeoutSeconds(java.time.Duration wait) {
        long millis = wait.toMillis();
        return Long.toString(millis / 1000 + (millis % 1000 == 0 ? 0 : 1));
    }
}
