#!/usr/bin/env bash
# Kills the divemap CLI (kill -9) at a random moment inside a random revision, N times per database,
# runs it again, and counts the outcomes: completed, refused with instructions, corrupted (must be 0;
# the script exits 1 otherwise).
# Usage: benchmarks/crash-stress.sh [--trials N] [--databases mariadb,postgresql] [--seed S]
# The servers default to $DIVEMAP_TEST_MYSQL_URL and $DIVEMAP_TEST_POSTGRES_URL, else the local ones.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl migration-cli,benchmarks -am package -DskipTests -Dinvoker.skip=true
exec java -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
  org.divemap.migrations.benchmarks.CrashStress "$@"
