package org.divemap.migrations.runtime.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class PostgresNamedLockTest {

    @Test
    void postgresLockKeyIsTheStartOfTheNamesSha256() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest("divemap:x.y".getBytes(StandardCharsets.UTF_8));
        assertEquals(ByteBuffer.wrap(hash).getLong(), PostgresNamedLock.key("divemap:x.y"));
        assertNotEquals(PostgresNamedLock.key("divemap:db.a.divemap_version"),
                PostgresNamedLock.key("divemap:db.b.divemap_version"));
    }
}
