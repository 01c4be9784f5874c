package org.divemap.backend.migrations;

import org.divemap.migrations.test.MigrationTest;

/** On the MariaDB or MySQL server of DIVEMAP_TEST_MYSQL_URL, else the local one. */
@MigrationTest(database = "${DIVEMAP_TEST_MYSQL_URL:-jdbc:mysql://127.0.0.1:3306/?user=root&password=}")
class MariaDbHistoryTest extends MigrationHistoryTests {}
