package org.divemap.backend.migrations;

import org.divemap.migrations.test.MigrationTest;

/** On the PostgreSQL server of DIVEMAP_TEST_POSTGRES_URL, else the local one. */
@MigrationTest(database = "${DIVEMAP_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}")
class PostgresHistoryTest extends MigrationHistoryTests {}
