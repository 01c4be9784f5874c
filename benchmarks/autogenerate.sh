#!/usr/bin/env bash
# Autogenerate on a 60-entity model against a MariaDB/MySQL database at head, in process.
# Usage: benchmarks/autogenerate.sh [--mysql JDBC_URL] [--entities N] [--runs N] [--other-tables N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
exec java -Xmx2g -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
  org.divemap.migrations.benchmarks.AutogenerateBenchmark "$@"
