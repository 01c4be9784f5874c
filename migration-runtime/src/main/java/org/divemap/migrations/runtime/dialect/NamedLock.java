package org.divemap.migrations.runtime.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A lock held by one database session and released by the server when that session ends, so a
 * process killed mid-run leaves no stale lock: {@code GET_LOCK} on MySQL and MariaDB, a session
 * advisory lock on PostgreSQL, a locked row of a lock table on H2. Every method takes the session
 * that holds (or wants) the lock; it must be used for nothing else while the lock is held.
 */
public interface NamedLock {

    /**
     * Waits up to {@code wait} for the lock and takes it.
     *
     * @param session autocommit connection, left as it was found when this returns false
     * @param name the lock's name, unique per schema and version table
     * @param owner who takes it ("pid 4711 on build-7"), where the database can only be told
     * @return false if another session still held it when the wait ended
     */
    boolean acquire(Connection session, String name, Duration wait, String owner) throws SQLException;

    /** Whether {@code session} still holds the lock (false once the session was killed or reconnected). */
    boolean isHeld(Connection session, String name) throws SQLException;

    /**
     * Releases the lock.
     *
     * @return false if {@code session} did not hold it
     */
    boolean release(Connection session, String name) throws SQLException;

    /** Who holds the lock, as far as the database can tell; empty if it is free or cannot say. */
    Optional<LockHolder> holder(Connection session, String name) throws SQLException;

    /** How the lock is known on the server, for messages: {@code GET_LOCK('divemap:shop.divemap_version')}. */
    String describe(String name);
}
