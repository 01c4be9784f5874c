package com.example.db;

import org.divemap.migrations.test.MigrationTest;
import org.divemap.migrations.test.StandardMigrationTests;

@MigrationTest
class MigrationHistoryTest extends StandardMigrationTests {}
