package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.divemap.migrations.OnlineDdl.Algorithm;
import org.divemap.migrations.OnlineDdl.Lock;
import org.junit.jupiter.api.Test;

class OnlineDdlTest {

    @Test
    void factoriesAndWithers() {
        OnlineDdl mysql = OnlineDdl.mysql(Algorithm.INPLACE, Lock.NONE);
        assertEquals(Algorithm.INPLACE, mysql.algorithm());
        assertEquals(Lock.NONE, mysql.lock());
        assertFalse(mysql.concurrently());

        OnlineDdl both = mysql.withConcurrently(true);
        assertTrue(both.concurrently());
        assertFalse(mysql.concurrently());
        assertEquals(new OnlineDdl(Algorithm.INSTANT, Lock.DEFAULT, true),
                both.withLock(Lock.DEFAULT).withAlgorithm(Algorithm.INSTANT));

        assertEquals(new OnlineDdl(Algorithm.DEFAULT, Lock.DEFAULT, true), OnlineDdl.postgresConcurrently());
        assertEquals(new OnlineDdl(Algorithm.DEFAULT, Lock.DEFAULT, false), OnlineDdl.DEFAULT);
    }

    @Test
    void combinationsMySqlRefusesAreRejected() {
        assertRejected(() -> OnlineDdl.mysql(Algorithm.INSTANT, Lock.NONE),
                "ALGORITHM=INSTANT cannot be combined with LOCK=NONE", "use Lock.DEFAULT");
        assertRejected(() -> OnlineDdl.mysql(Algorithm.COPY, Lock.NONE), "ALGORITHM=COPY cannot run with LOCK=NONE");
        assertRejected(() -> OnlineDdl.mysql(null, Lock.NONE), "ALGORITHM (use Algorithm.DEFAULT for none) must not be null");
        assertEquals(Lock.SHARED, OnlineDdl.mysql(Algorithm.COPY, Lock.SHARED).lock());
    }
}
