package org.divemap.migrations.spring.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the migrated table while the context starts: a bean that uses the database in its constructor. */
@Component
@ConditionalOnBooleanProperty(name = "sites.count-at-start-up", matchIfMissing = true)
public class SiteCount {

    private final int atStartUp;

    public SiteCount(JdbcTemplate jdbc) {
        this.atStartUp = jdbc.queryForObject("SELECT COUNT(*) FROM dive_sites", Integer.class);
    }

    public int atStartUp() {
        return atStartUp;
    }
}
