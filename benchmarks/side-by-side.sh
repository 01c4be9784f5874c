#!/usr/bin/env bash
# Whole-process side-by-side benchmark (issue 19): raw JDBC, Divemap (default and recordEvery(50)),
# Alembic, Liquibase and Flyway, each a fresh process against a fresh database, on MariaDB and on
# PostgreSQL, interleaved round by round; per-round ratios to raw JDBC and their median.
# Usage: benchmarks/side-by-side.sh [--rounds N]
#          [--tools raw,divemap,divemap50,divemapcli,divemapcli-cds,alembic,liquibase,flyway,raw-recorded]
#          [--scenarios apply1000,apply100,addcolumn,noop,first,slope|all] [--databases mariadb,postgres]
#          [--mysql JDBC_URL] [--postgres JDBC_URL] [--python PATH] [--timeout SECONDS] [--keep] [--no-build]
#          [--prefix NAME]   (database names; default sbs_)
# Quick run: benchmarks/side-by-side.sh --rounds 3 --tools raw,divemap,alembic --scenarios apply100
# Alembic comes from Debian (python3-alembic, python3-pymysql, python3-psycopg2; PyPI is not needed).
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
python=/usr/bin/python3
want_alembic=true
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --no-build) build=false ;;
    --python) python="${args[i + 1]:-}" ;;
    --tools) [[ ",${args[i + 1]:-}," == *,alembic,* ]] || want_alembic=false ;;
  esac
done
# --no-build is ours, not the Java main's.
forward=()
for a in "$@"; do [[ "$a" == --no-build ]] || forward+=("$a"); done

if $want_alembic && ! "$python" -c 'import alembic, sqlalchemy, pymysql, psycopg2' 2>/dev/null; then
  packages="python3-alembic python3-pymysql python3-psycopg2"
  if [[ "$python" == /usr/bin/python3 ]] && command -v apt-get >/dev/null && [[ $(id -u) -eq 0 ]]; then
    echo "Installing Alembic and its drivers from Debian: apt-get install -y $packages" >&2
    apt-get install -y $packages >&2 || { apt-get update >&2 && apt-get install -y $packages >&2; } || true
  fi
  if ! "$python" -c 'import alembic, sqlalchemy, pymysql, psycopg2' 2>/dev/null; then
    echo "Alembic cannot run: $python cannot import alembic, sqlalchemy, pymysql and psycopg2." >&2
    echo "Install them as root with:  apt-get install -y $packages" >&2
    echo "(or give a Python that has them with --python, or leave Alembic out of --tools). Alembic is left out." >&2
  fi
fi

if $build; then
  mvn -B -q -pl benchmarks,migration-cli -am package -DskipTests
fi
# Run from a copy of the class path, so that a build started meanwhile cannot swap jars under the run.
lib=$(mktemp -d "${TMPDIR:-/tmp}/divemap-side-by-side-lib-XXXXXX")
trap 'rm -rf "$lib"' EXIT
cp -r benchmarks/target/classes "$lib/classes"
classpath="$lib/classes"
mapfile -t jars < <(tr ':' '\n' < benchmarks/target/benchmark.classpath)
for jar in "${jars[@]}"; do
  copy="$lib/jars/$(basename "$jar")"
  mkdir -p "$lib/jars"
  cp "$jar" "$copy"
  classpath="$classpath:$copy"
done
# The command line's jar and launcher (tools divemapcli, divemapcli-cds), copied for the same reason.
cli=()
if [[ -f migration-cli/target/divemap-cli.jar ]]; then
  cp migration-cli/target/divemap-cli.jar migration-cli/src/main/sh/divemap "$lib/"
  cli=(-Ddivemap.cli.jar="$lib/divemap-cli.jar" -Ddivemap.cli.launcher="$lib/divemap")
fi
java -Xmx2g "${cli[@]}" -cp "$classpath" org.divemap.migrations.benchmarks.sidebyside.SideBySide "${forward[@]}"
