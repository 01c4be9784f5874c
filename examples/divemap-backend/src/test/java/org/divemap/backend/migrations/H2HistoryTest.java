package org.divemap.backend.migrations;

import org.divemap.migrations.test.MigrationTest;

/** On a private in-memory H2 database. */
@MigrationTest
class H2HistoryTest extends MigrationHistoryTests {}
