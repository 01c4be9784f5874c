#!/usr/bin/env bash
# Where the revision processor's compile time goes, in CPU time of the compiling thread (robust on a loaded machine).
# Usage: benchmarks/processor-profile.sh [--rounds R] [--minimal] [--compare PROCESSOR_JAR:API_JAR] [N]   (default N: 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
exec java -Xmx4g -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
  org.divemap.migrations.benchmarks.ProcessorProfile "$@"
