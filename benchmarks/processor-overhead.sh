#!/usr/bin/env bash
# Measures what the revision processor adds to javac for histories of N migrations.
# Usage: benchmarks/processor-overhead.sh [--rounds R] [--minimal] [N...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
exec java -Xmx4g -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
  org.divemap.migrations.benchmarks.ProcessorOverhead "$@"
