#!/usr/bin/env bash
# The stairway check of migration-test over 100 revisions on in-memory H2 (goal: under 30 s).
# Usage: benchmarks/stairway.sh [--runs N] [--revisions N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
exec java -Xmx2g -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
  org.divemap.migrations.benchmarks.StairwayBenchmark "$@"
