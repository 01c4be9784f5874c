#!/usr/bin/env bash
# What divemap-spring-boot-starter adds to a Spring Boot application's start-up when the database is
# already at head: the same JPA application started in fresh JVMs with and without the starter.
# Usage: benchmarks/spring-startup.sh [--runs N] [--url JDBC_URL --user U --password P]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks/spring-startup -am package -DskipTests
exec java -cp "$(cat benchmarks/spring-startup/target/benchmark.classpath):benchmarks/spring-startup/target/classes" \
  org.divemap.migrations.benchmarks.spring.SpringStartupBenchmark "$@"
