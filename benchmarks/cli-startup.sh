#!/usr/bin/env bash
# The CLI jar's start-up (issue 19): `upgrade head` of the example's 11 revisions into a new, empty
# MariaDB database, one whole process per run, with several ways of starting the JVM, interleaved
# round by round (each round starts one variant later). Prints the median wall time and the median
# CPU time (user + system, from /usr/bin/time: less sensitive than wall time to other work on the
# machine) of each variant, and the load average before and after.
# Usage: benchmarks/cli-startup.sh [--rounds N] [--command "current"] [--java JAVA_HOME] [--no-build]
#          [variant...]
# Variants: jar (java -jar), c1 (-XX:TieredStopAtLevel=1), dynamic (a dynamic archive of one
#   earlier run, -XX:ArchiveClassesAtExit), dynamic-c1, static (a static archive: -XX:DumpLoadedClassList
#   of one earlier run, then -Xshare:dump), static-c1, static-c1-serial (and -XX:+UseSerialGC),
#   launcher (migration-cli/src/main/sh/divemap, its archive built by one earlier run: an AOT cache on
#   Java 25 and later), launcher-static (the launcher kept to its static archive on any Java, through
#   DIVEMAP_JAVA_OPTS=-Xshare:auto). Default: jar c1 dynamic-c1 static static-c1 launcher.
# --java runs every variant on that JDK (default: JAVA_HOME, else java on the PATH).
# Needs mariadb (the client), /usr/bin/time, and MariaDB at $DIVEMAP_TEST_MYSQL_URL's host (default
# 127.0.0.1:3306, root, no password).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=5
build=true
command=(upgrade head)
variants=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --command) read -r -a command <<<"$2"; shift 2 ;;
    --java) export JAVA_HOME=$2; PATH=$2/bin:$PATH; shift 2 ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) variants+=("$1"); shift ;;
  esac
done
[[ ${#variants[@]} -gt 0 ]] || variants=(jar c1 dynamic-c1 static static-c1 launcher)

if $build; then
  mvn -B -q -pl migration-cli,examples/divemap-backend -am package -DskipTests
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/divemap-cli-startup-XXXXXX")
trap 'rm -rf "$work"; mariadb -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS divemap_cli_startup" || true' EXIT
# a copy, so that a build started meanwhile cannot swap the jar under the run
cp migration-cli/target/divemap-cli.jar migration-cli/src/main/sh/divemap "$work/"
cp -r examples/divemap-backend/target/classes "$work/app"
jar=$work/divemap-cli.jar
url='jdbc:mysql://127.0.0.1:3306/divemap_cli_startup?user=root&password='

fresh() { mariadb -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS divemap_cli_startup; CREATE DATABASE divemap_cli_startup"; }

options() {
  case "$1" in
    jar) echo "" ;;
    c1) echo "-XX:TieredStopAtLevel=1" ;;
    dynamic) echo "-XX:SharedArchiveFile=$work/dynamic.jsa" ;;
    dynamic-c1) echo "-XX:SharedArchiveFile=$work/dynamic.jsa -XX:TieredStopAtLevel=1" ;;
    static) echo "-XX:SharedArchiveFile=$work/static.jsa" ;;
    static-c1) echo "-XX:SharedArchiveFile=$work/static.jsa -XX:TieredStopAtLevel=1" ;;
    static-c1-serial) echo "-XX:SharedArchiveFile=$work/static.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ;;
    launcher | launcher-static) echo "" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

run() { # variant, file to append "variant wall user sys" to
  local v=$1 out=$2
  fresh
  if [[ $v == launcher* ]]; then
    DIVEMAP_CDS_DIR=$work/cds-$v DIVEMAP_JAVA_OPTS=$([[ $v == launcher-static ]] && echo -Xshare:auto) \
      /usr/bin/time -f "$v %e %U %S" -a -o "$out" \
      sh "$work/divemap" "${command[@]}" --classpath "$work/app" --url "$url" >/dev/null 2>"$work/err.txt"
  else
    # shellcheck disable=SC2046
    /usr/bin/time -f "$v %e %U %S" -a -o "$out" \
      java $(options "$v") -jar "$jar" "${command[@]}" --classpath "$work/app" --url "$url" >/dev/null 2>"$work/err.txt"
  fi || { echo "$v failed:" >&2; cat "$work/err.txt" >&2; exit 1; }
}

# The archives of the variants asked for, each from one earlier run of the same command (not timed).
for v in "${variants[@]}"; do options "$v" >/dev/null; done
wanted() { # a variant pattern: whether a variant asked for matches it
  local v
  for v in "${variants[@]}"; do [[ $v == $1 ]] && return 0; done
  return 1
}
archives=()
if wanted 'dynamic*'; then
  fresh
  java -XX:ArchiveClassesAtExit="$work/dynamic.jsa" -jar "$jar" "${command[@]}" --classpath "$work/app" --url "$url" \
    >/dev/null 2>&1
  archives+=("dynamic $(du -h "$work/dynamic.jsa" | cut -f1)")
fi
if wanted 'static*'; then
  fresh
  java -XX:DumpLoadedClassList="$work/static.classlist" -jar "$jar" "${command[@]}" --classpath "$work/app" \
    --url "$url" >/dev/null 2>&1
  java -Xshare:dump -XX:SharedClassListFile="$work/static.classlist" -XX:SharedArchiveFile="$work/static.jsa" \
    -cp "$jar" >/dev/null 2>&1
  archives+=("static $(du -h "$work/static.jsa" | cut -f1)")
fi
for v in launcher launcher-static; do
  if wanted "$v"; then
    run "$v" "$work/untimed.txt" # builds the launcher's archive
    archives+=("$v's $(cd "$work" && du -h "cds-$v"/* | cut -f1) ($(cd "$work" && ls "cds-$v"))")
  fi
done
if [[ ${#archives[@]} -gt 0 ]]; then
  joined=$(printf ', %s' "${archives[@]}")
  echo "archives: ${joined:2}"
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; java $(java -version 2>&1 | head -1)"
n=${#variants[@]}
for ((r = 0; r < rounds; r++)); do
  for ((k = 0; k < n; k++)); do
    run "${variants[(r + k) % n]}" "$work/times.txt"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: ${command[*]}; $rounds rounds"
echo
echo "| variant | wall (ms), median | CPU user+sys (ms), median | wall, every run |"
echo "|---|---:|---:|---|"
for v in "${variants[@]}"; do
  awk -v v="$v" 'BEGIN { n = 0 } $1 == v { w[n] = $2 * 1000; c[n] = ($3 + $4) * 1000; n++ }
    function median(a, n,   i, j, t) {
      for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[int(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2 }
    END { all = ""; for (i = 0; i < n; i++) all = all (i ? ", " : "") w[i]
      mw = median(w, n); mc = median(c, n)
      printf "| %s | %d | %d | %s |\n", v, mw, mc, all }' "$work/times.txt"
done
