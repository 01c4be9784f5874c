#!/usr/bin/env bash
# What recording each revision costs at the least on MariaDB/MySQL, whatever the tool: N CREATE TABLE
# statements (1,000 by default), each followed by the version-row UPDATE and history-row INSERT sent in
# the ways a tool can send them, all ways interleaved in blocks of 50 statements; ratio to raw JDBC.
# Usage: benchmarks/recording-floor.sh [--mysql JDBC_URL] [--statements N] [--ways raw,implicit,...]
# Besides the times it prints the server's redo-log writes and fsyncs per statement for each way.
# The server URL defaults to $DIVEMAP_TEST_MYSQL_URL, else jdbc:mysql://127.0.0.1:3306/?user=root&password=
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
java -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
  org.divemap.migrations.benchmarks.RecordingFloor "$@"
