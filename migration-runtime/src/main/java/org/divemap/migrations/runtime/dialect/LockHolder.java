package org.divemap.migrations.runtime.dialect;

import java.util.Objects;

/**
 * The session that holds a migration lock, as the database describes it.
 *
 * @param description who and where: "MariaDB connection 42 (user app from 10.0.0.7:51544, ...)"
 * @param howToStop the statement or step that ends that session, releasing the lock
 */
public record LockHolder(String description, String howToStop) {
    public LockHolder {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(howToStop, "howToStop");
    }
}
