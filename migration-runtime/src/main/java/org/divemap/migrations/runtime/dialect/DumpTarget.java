package org.divemap.migrations.runtime.dialect;

/**
 * The database a backup dumps, as a JDBC URL and the configured credentials name it.
 *
 * @param host the server's host name or address
 * @param port the server's port, or 0 for the database's default
 * @param database the database (MySQL, MariaDB) or database of the schema (PostgreSQL) to dump
 * @param user the user to dump as, or null for the tool's default
 * @param password the password, or null; it goes into the tool's environment, never its arguments
 */
public record DumpTarget(String host, int port, String database, String user, String password) {

    /** {@code port}, or {@code defaultPort} when none was given. */
    public int portOr(int defaultPort) {
        return port > 0 ? port : defaultPort;
    }

    @Override
    public String toString() {
        return "DumpTarget[" + host + ":" + port + "/" + database + " as " + user + "]"; // never the password
    }
}
