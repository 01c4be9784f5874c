package org.divemap.migrations.runtime.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class MySqlNamedLockTest {

    @Test
    void longMySqlLockNamesAreShortenedWithAHash() {
        String base = "divemap:" + "s".repeat(60) + ".";
        String a = MySqlNamedLock.serverName(base + "divemap_version");
        String b = MySqlNamedLock.serverName(base + "alembic_version");
        assertEquals(64, a.length());
        assertNotEquals(a, b);
        assertEquals("divemap:shop.divemap_version", MySqlNamedLock.serverName("divemap:shop.divemap_version"));
    }
}
