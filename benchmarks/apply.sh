#!/usr/bin/env bash
# Applying 1,000 migrations (one CREATE TABLE each) from an empty MariaDB/MySQL database to head:
# raw JDBC, Divemap, Flyway and Liquibase side by side, medians of N rounds and the ratio to raw JDBC.
# Usage: benchmarks/apply.sh [--mysql JDBC_URL] [--runs N] [--migrations N] [--tools raw,divemap,divemap_batched,flyway,liquibase]
#        [--breakdown]   (one more, untimed round that times every JDBC call of each tool)
# The server URL defaults to $DIVEMAP_TEST_MYSQL_URL, else jdbc:mysql://127.0.0.1:3306/?user=root&password=
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
# Run from a copy of the class path, so that a build started meanwhile cannot swap jars under the run.
lib=$(mktemp -d "${TMPDIR:-/tmp}/divemap-apply-lib-XXXXXX")
trap 'rm -rf "$lib"' EXIT
cp -r benchmarks/target/classes "$lib/classes"
classpath="$lib/classes"
mapfile -t jars < <(tr ':' '\n' < benchmarks/target/benchmark.classpath)
i=0
for jar in "${jars[@]}"; do
  i=$((i + 1))
  copy="$lib/$i-$(basename "$jar")"
  cp "$jar" "$copy"
  classpath="$classpath:$copy"
done
java -Xmx4g -cp "$classpath" org.divemap.migrations.benchmarks.ApplyBenchmark "$@"
