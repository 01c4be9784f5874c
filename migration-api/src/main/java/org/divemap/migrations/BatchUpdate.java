package org.divemap.migrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A data change applied to a large table in small batches, for
 * {@link Operations#batchUpdate(BatchUpdate)}:
 *
 * <pre>{@code
 * op.batchUpdate(BatchUpdate.of("dives", "id", batch -> batch.execute(
 *         "UPDATE dives SET depth_m = depth_ft * 0.3048 WHERE id BETWEEN ? AND ? AND depth_m IS NULL",
 *         batch.from(), batch.to()))
 *     .batchSize(5_000)
 *     .progress(p -> log.info("dives: {}% done", Math.round(p.fraction() * 100))));
 * }</pre>
 *
 * <p><b>How the batches are chosen.</b> The key column must be an integer column with unique values
 * (usually the primary key, and in any case indexed). The runtime reads its smallest and largest
 * value once, then walks that range in ascending, consecutive, non-overlapping key ranges
 * {@code [from, to]} of {@link #batchSize()} key values each, so a batch touches at most
 * {@code batchSize} rows. After each batch it seeks the next existing key with an indexed
 * {@code MIN(key) WHERE key > to}, so gaps in the keys cost nothing. It never pages with
 * {@code LIMIT}/{@code OFFSET}: every batch is an index range scan, as cheap at the end of the
 * table as at the start. Rows inserted above the largest key after the walk started are not
 * visited.
 *
 * <p><b>Each batch commits.</b> Every batch runs in its own transaction and commits before the next
 * starts, so locks are held briefly and replicas keep up. In exchange, a {@code batchUpdate} is
 * not atomic, even on PostgreSQL and H2: work done before it in the migration is committed first,
 * and if a batch fails, the batches before it stay committed. Write the action so that running it
 * again is harmless (as the {@code depth_m IS NULL} above does), so the migration can simply be
 * re-run.
 *
 * @param table the table to update
 * @param keyColumn the unique integer column the batches are ranges of
 * @param batchSize how many key values each batch spans; at least 1
 * @param action what to do with each batch
 * @param progress told after each committed batch
 */
public record BatchUpdate(String table, String keyColumn, int batchSize, Action action,
        ProgressListener progress) {

    /** The batch size {@link #of} uses: small enough to keep each transaction short. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    /** Checks that the names are not blank, the batch size is positive, and an action is given. */
    public BatchUpdate {
        Checks.identifier(table, "batch update table");
        Checks.identifier(keyColumn, "batch update key column");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1 but was " + batchSize
                    + "; " + DEFAULT_BATCH_SIZE + " is a good start");
        }
        Checks.notNull(action, "batch update action");
        Checks.notNull(progress, "progress listener (use ProgressListener.NONE for none)");
    }

    /** Batches of {@value #DEFAULT_BATCH_SIZE} keys over {@code table}, keyed by {@code keyColumn}, with no progress listener. */
    public static BatchUpdate of(String table, String keyColumn, Action action) {
        return new BatchUpdate(table, keyColumn, DEFAULT_BATCH_SIZE, action, ProgressListener.NONE);
    }

    /** A copy whose batches span {@code batchSize} key values. */
    public BatchUpdate batchSize(int batchSize) {
        return new BatchUpdate(table, keyColumn, batchSize, action, progress);
    }

    /** A copy that tells {@code listener} after each committed batch. */
    public BatchUpdate progress(ProgressListener listener) {
        return new BatchUpdate(table, keyColumn, batchSize, action, listener);
    }

    /** The work done for one batch. Throw to stop; the batch rolls back and the migration fails. */
    @FunctionalInterface
    public interface Action {
        /** Updates the rows whose key is in {@code [batch.from(), batch.to()]}. */
        void apply(Batch batch) throws SQLException;
    }

    /** One batch: its key range, and the means to change it. Valid only during {@link Action#apply}. */
    public interface Batch {

        /** 1 for the first batch, then 2, 3, ... */
        int number();

        /** The smallest key in this batch (inclusive). */
        long from();

        /** The largest key in this batch (inclusive). */
        long to();

        /**
         * Runs a parameterised statement in this batch's transaction, binding {@code params} to its
         * {@code ?} placeholders in order, and returns the update count. The counts add up to
         * {@link Progress#rowsInBatch()}.
         */
        int execute(String sql, Object... params) throws SQLException;

        /**
         * The connection, inside this batch's transaction, for work {@link #execute} cannot do.
         * Do not commit, roll back or close it: the runtime does.
         */
        Connection connection();
    }

    /** Receives progress after each committed batch, on the migrating thread. */
    @FunctionalInterface
    public interface ProgressListener {

        /** A listener that ignores progress. */
        ProgressListener NONE = progress -> { };

        /** Called after batch {@code progress.batch()} committed. */
        void onBatch(Progress progress);
    }

    /**
     * Where a batch update has got to, after one committed batch.
     *
     * @param table the table being updated
     * @param batch the number of the batch just committed, from 1
     * @param from the batch's smallest key
     * @param to the batch's largest key
     * @param minKey the smallest key when the update started
     * @param maxKey the largest key when the update started; the walk ends there
     * @param rowsInBatch rows changed by this batch, as counted by {@link Batch#execute}
     * @param rowsSoFar rows changed by all batches so far
     * @param elapsed time since the first batch started
     */
    public record Progress(String table, int batch, long from, long to, long minKey, long maxKey, long rowsInBatch,
            long rowsSoFar, Duration elapsed) {

        /** Checks that the batch number is positive, the ranges are ordered and counts are not negative. */
        public Progress {
            Checks.identifier(table, "table");
            Checks.notNull(elapsed, "elapsed time");
            if (batch < 1) {
                throw new IllegalArgumentException("batch number must be at least 1 but was " + batch);
            }
            if (from > to || minKey > maxKey) {
                throw new IllegalArgumentException("key ranges must be ordered, but batch is [" + from + ", " + to
                        + "] in [" + minKey + ", " + maxKey + "]");
            }
            if (rowsInBatch < 0 || rowsSoFar < rowsInBatch) {
                throw new IllegalArgumentException("row counts must not be negative and rowsSoFar (" + rowsSoFar
                        + ") includes rowsInBatch (" + rowsInBatch + ")");
            }
        }

        /** The share of the key range done, from 0.0 to 1.0 (by keys, not rows). */
        public double fraction() {
            if (maxKey == minKey) {
                return 1.0;
            }
            double done = ((double) to - (double) minKey + 1.0) / ((double) maxKey - (double) minKey + 1.0);
            return Math.max(0.0, Math.min(1.0, done));
        }
    }
}
