package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchUpdateTest {

    private static final BatchUpdate.Action NOTHING = batch -> { };

    @Test
    void ofUsesDefaultsAndWithersReturnCopies() {
        BatchUpdate spec = BatchUpdate.of("dives", "id", NOTHING);
        assertEquals(BatchUpdate.DEFAULT_BATCH_SIZE, spec.batchSize());
        assertSame(BatchUpdate.ProgressListener.NONE, spec.progress());

        BatchUpdate.ProgressListener listener = progress -> { };
        BatchUpdate tuned = spec.batchSize(5_000).progress(listener);
        assertEquals(5_000, tuned.batchSize());
        assertSame(listener, tuned.progress());
        assertEquals(1_000, spec.batchSize());
        assertSame(NOTHING, tuned.action());
    }

    @Test
    void specIsValidated() {
        assertRejected(() -> BatchUpdate.of("dives", "id", NOTHING).batchSize(0),
                "batch size must be at least 1 but was 0");
        assertRejected(() -> BatchUpdate.of("", "id", NOTHING), "batch update table must not be blank");
        assertRejected(() -> BatchUpdate.of("dives", " ", NOTHING), "batch update key column must not be blank");
        assertRejected(() -> BatchUpdate.of("dives", "id", null), "batch update action must not be null");
        assertRejected(() -> BatchUpdate.of("dives", "id", NOTHING).progress(null), "progress listener");
    }

    @Test
    void progressReportsTheShareOfKeysDone() {
        assertEquals(0.5, progress(1, 50, 1, 100).fraction(), 1e-9);
        assertEquals(1.0, progress(51, 100, 1, 100).fraction(), 1e-9);
        assertEquals(1.0, progress(91, 190, 1, 100).fraction(), 1e-9);
        assertEquals(1.0, progress(7, 7, 7, 7).fraction(), 1e-9);
        assertEquals(0.5, progress(Long.MIN_VALUE, -1, Long.MIN_VALUE, Long.MAX_VALUE).fraction(), 1e-9);
    }

    @Test
    void progressIsValidated() {
        assertRejected(() -> new BatchUpdate.Progress("t", 0, 1, 2, 1, 2, 0, 0, Duration.ZERO),
                "batch number must be at least 1 but was 0");
        assertRejected(() -> new BatchUpdate.Progress("t", 1, 5, 2, 1, 9, 0, 0, Duration.ZERO),
                "key ranges must be ordered");
        assertRejected(() -> new BatchUpdate.Progress("t", 1, 1, 2, 1, 9, 5, 4, Duration.ZERO), "row counts");
    }

    private static BatchUpdate.Progress progress(long from, long to, long min, long max) {
        return new BatchUpdate.Progress("dives", 1, from, to, min, max, 10, 10, Duration.ofSeconds(1));
    }
}
