#!/usr/bin/env bash
# Runtime speed: no-op upgrade over 1,000 applied revisions, whole-process time against plain JDBC,
# and planning on 100,000 revisions. Usage: benchmarks/runtime.sh [--mysql JDBC_URL] [--postgres JDBC_URL | --no-postgres] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
exec java -Xmx4g -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
  org.divemap.migrations.benchmarks.RuntimeBenchmark "$@"
