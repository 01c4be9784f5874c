#!/usr/bin/env bash
# The keyset-batched backfill of 1,000,000 MariaDB rows against one UPDATE doing the same change.
# Usage: benchmarks/backfill.sh [--rows N] [--batch N] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
exec java -Xmx2g -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
  org.divemap.migrations.benchmarks.BackfillBenchmark "$@"
