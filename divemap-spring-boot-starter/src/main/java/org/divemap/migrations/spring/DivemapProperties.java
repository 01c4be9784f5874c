package org.divemap.migrations.spring;

import java.time.Duration;
import org.divemap.migrations.runtime.Configuration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code spring.divemap.*} properties. Each maps onto one {@link Configuration} setting of the
 * runtime; docs/spring-boot.md lists them with their Maven and command-line forms.
 */
@ConfigurationProperties("spring.divemap")
public class DivemapProperties {

    /** Whether to migrate the database at start-up (and to create the Divemap bean at all). */
    private boolean enabled = true;

    /**
     * The revision to upgrade to at start-up: heads (every head), head, an id, a unique prefix,
     * label@head, +1. Ignored when a DivemapMigrationStrategy bean decides what to run.
     */
    private String target = "heads";

    /**
     * JDBC URL of the database to migrate, when migrations use a connection of their own (a user
     * allowed to change the schema, say). By default the application's DataSource is migrated.
     */
    private String url;

    /**
     * Login user of the migration connection. Given without spring.divemap.url, the application's
     * JDBC URL is used with this user.
     */
    private String user;

    /** Login password of the migration connection; it never appears in logs or messages. */
    private String password;

    /** Name of the version table; alembic_version adopts a database that Alembic managed. */
    private String versionTable = "divemap_version";

    /** Name of the history table. */
    private String historyTable = "divemap_history";

    /** Schema (PostgreSQL, H2) or database (MySQL) holding both tables; by default the connection's. */
    private String schema;

    /** How long to wait for another process's migration lock; 0 for not at all. */
    private Duration lockWait = Duration.ofMinutes(5);

    /**
     * Where DDL commits by itself (MySQL, MariaDB, H2), record applied revisions in batches of this
     * many; 1 records each one. Meant for databases that can be rebuilt.
     */
    private int recordEvery = 1;

    /**
     * Whether an upgrade first checks that no applied revision's migration was edited since it ran,
     * and refuses (CHANGED_REVISIONS) before running anything if one was.
     */
    private boolean validateOnMigrate = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getVersionTable() {
        return versionTable;
    }

    public void setVersionTable(String versionTable) {
        this.versionTable = versionTable;
    }

    public String getHistoryTable() {
        return historyTable;
    }

    public void setHistoryTable(String historyTable) {
        this.historyTable = historyTable;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public void setLockWait(Duration lockWait) {
        this.lockWait = lockWait;
    }

    public int getRecordEvery() {
        return recordEvery;
    }

    public void setRecordEvery(int recordEvery) {
        this.recordEvery = recordEvery;
    }

    public boolean isValidateOnMigrate() {
        return validateOnMigrate;
    }

    public void setValidateOnMigrate(boolean validateOnMigrate) {
        this.validateOnMigrate = validateOnMigrate;
    }

    @Override
    public String toString() {
        return "DivemapProperties[enabled=" + enabled + ", target=" + target + ", url=" + url + ", user=" + user
                + ", password=" + (password == null ? "(none)" : "****") + ", versionTable=" + versionTable
                + ", historyTable=" + historyTable + ", schema=" + schema + ", lockWait=" + lockWait
                + ", recordEvery=" + recordEvery + ", validateOnMigrate=" + validateOnMigrate + "]";
    }
}
