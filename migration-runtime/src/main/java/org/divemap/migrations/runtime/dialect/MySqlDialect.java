package org.divemap.migrations.runtime.dialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.divemap.migrations.Operations;

/** MySQL 8: DDL commits implicitly, backticks quote, {@code GET_LOCK} locks. */
sealed class MySqlDialect extends Dialect permits MariaDbDialect {

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

    @Override
    public void setTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, value == null ? null : LocalDateTime.ofInstant(value, ZoneOffset.UTC));
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
