#!/usr/bin/env bash
# What a new user does in their first hour, from a clean clone with an empty local Maven repository:
#
#   1. the README's two set-up commands ("Set up a new machine"),
#   2. the README's five-minute tour, and the command-line tool it ends with,
#   3. a first project of their own, built from the guide's snippets as written
#      (docs/getting-started.md, docs/testing.md, docs/maven-plugin.md): compile, upgrade, history, test.
#
# The commands are read from README.md and the snippets from docs/, not copied here, so the script
# fails when the docs stop working. Each step's wall time is printed at the end (docs/benchmarks.md).
#
# usage: scripts/newcomer.sh [--work DIR] [--keep]
#   --work DIR  where to clone and keep the local repository and logs (default: a new temporary folder)
#   --keep      keep the work folder after a success (it is always kept after a failure)
#
# The clone is of this repository's HEAD commit (commit first). The database tests of `mvn -B verify`
# read DIVEMAP_TEST_MYSQL_URL and DIVEMAP_TEST_POSTGRES_URL; unset, the local servers are used.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
work=
keep=false
while [ $# -gt 0 ]; do
    case "$1" in
        --work) work=$2; shift 2 ;;
        --keep) keep=true; shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "newcomer.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [ -z "$work" ]; then
    work=$(mktemp -d "${TMPDIR:-/tmp}/divemap-newcomer.XXXXXX")
elif [ -e "$work" ] && [ -n "$(ls -A "$work")" ]; then
    echo "newcomer.sh: $work is not empty; give an empty or new folder" >&2
    exit 2
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
clone=$work/divemap
repo=$work/m2-repository   # the empty local repository: everything is downloaded
logs=$work/logs
mkdir -p "$repo" "$logs"
times=$work/times.txt
: > "$times"

export DIVEMAP_TEST_MYSQL_URL=${DIVEMAP_TEST_MYSQL_URL:-jdbc:mysql://127.0.0.1:3306/?user=root&password=}
export DIVEMAP_TEST_POSTGRES_URL=${DIVEMAP_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}
unset DIVEMAP_URL DIVEMAP_USER DIVEMAP_PASSWORD   # the README's commands run on embedded H2

# Every mvn of the docs' commands uses the empty local repository; nothing else is changed.
mvn() { command mvn -Dmaven.repo.local="$repo" "$@"; }
export -f mvn
export repo

failed() {
    echo "newcomer.sh: FAILED at step \"$1\"; its output is in $2, the work folder $work is kept" >&2
    tail -n 40 "$2" >&2 || true
    exit 1
}

# step NAME DIR COMMANDS: runs COMMANDS (a bash script, as a user would type them) in DIR, timed.
step() {
    local name=$1 dir=$2 commands=$3 log
    log=$logs/$(printf '%02d' "$(($(wc -l < "$times") + 1))")-$(echo "$name" | tr -c 'A-Za-z0-9._\n-' '-').log
    echo "== $name (in ${dir#"$work"/}): $(echo "$commands" | tr '\n' ';' | sed 's/;$//')"
    local start
    start=$(date +%s)
    (cd "$dir" && printf '%s\n' "set -euo pipefail" "$commands" | bash) > "$log" 2>&1 || failed "$name" "$log"
    printf '%s\t%d\t%s\n' "$name" "$(($(date +%s) - start))" "$(echo "$commands" | tr '\n' ';' | sed 's/;$//')" \
        >> "$times"
    echo "   $(tail -n 1 "$times" | cut -f2) s"
}

# expect LOG TEXT...: each TEXT appears in the step's output.
expect() {
    local log=$1; shift
    for text in "$@"; do
        grep -qF -- "$text" "$log" || failed "$(basename "$log")" "$log"
    done
}
last_log() { ls "$logs" | tail -n 1 | sed "s|^|$logs/|"; }

# fenced BLOCK_LANGUAGE FILE SECTION N: the Nth fenced block of that language after the heading SECTION.
fenced() {
    SECTION=$3 awk -v lang="$1" -v want="$4" '
        /^#+ / { heading = $0; sub(/^#+ /, "", heading); in_section = (heading == ENVIRON["SECTION"]) }
        in_section && $0 ~ "^ *```" lang "$" { n++; inside = (n == want); indent = index($0, "`") - 1; next }
        inside && /^ *```/ { inside = 0; exit }
        inside { print substr($0, indent + 1) }
    ' "$2"
}

echo "newcomer.sh: work folder $work"
step "clone" "$work" "git clone -q '$here' divemap && git -C divemap log --oneline -1"

readme=$clone/README.md
setup1=$(fenced bash "$readme" "Set up a new machine" 1)
setup2=$(fenced bash "$readme" "Set up a new machine" 2)
tour=$(fenced bash "$readme" "Five-minute tour" 1 | grep -v '^cd ')
cli=$(fenced bash "$readme" "Five-minute tour" 2)
[ -n "$setup1" ] && [ -n "$setup2" ] && [ -n "$tour" ] && [ -n "$cli" ] \
    || { echo "newcomer.sh: README.md no longer has the set-up and tour commands where expected" >&2; exit 1; }

# 1. The README's set-up: build and run the example on H2, then every test.
step "README set-up 1: build, run the example" "$clone" "$setup1"
expect "$(last_log)" "0007_add_dive_sites_rating_index"
step "README set-up 2: all tests" "$clone" "$setup2"
expect "$(last_log)" "BUILD SUCCESS"

# 2. The tour, one command at a time, in examples/divemap-backend.
example=$clone/examples/divemap-backend
n=0
while IFS= read -r command; do
    [ -n "$command" ] || continue
    n=$((n + 1))
    step "tour $n: ${command#mvn }" "$example" "$command"
    case "$command" in
        *divemap:branches*) expect "$(last_log)" "0003_add_country_region_fields" ;;
        *divemap:history*) expect "$(last_log)" "0007_add_dive_sites_rating_index" ;;
        *divemap:sql*) expect "$(last_log)" "0007_add_dive_sites_rating_index" ;;
    esac
done <<< "$tour"
step "tour: the command-line tool" "$example" "$cli"
expect "$(last_log)" "0001_initial"

# 3. A first project made of the guide's snippets.
project=$work/first-project
docs=$clone/docs
mkdir -p "$project/src/main/java/com/example/db" "$project/src/test/java/com/example/db"
setup_xml=$(fenced xml "$docs/getting-started.md" 'Maven: `annotationProcessorPaths` (recommended)' 1)
test_deps=$(fenced xml "$docs/testing.md" "Set up" 1)
surefire=$(fenced xml "$docs/testing.md" "Set up" 2)
# the plugin as maven-plugin.md shows it, without a database: "With no URL at all, the goals use an
# embedded H2 file database"
plugin=$(fenced xml "$docs/maven-plugin.md" "The Maven plugin" 1 | sed '/<configuration>/,/<\/configuration>/d')
for part in setup_xml test_deps surefire plugin; do
    [ -n "${!part}" ] || { echo "newcomer.sh: the guide's snippet $part was not found" >&2; exit 1; }
done
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<project xmlns="http://maven.apache.org/POM/4.0.0">'
    echo '  <modelVersion>4.0.0</modelVersion>'
    echo '  <groupId>com.example</groupId>'
    echo '  <artifactId>first-project</artifactId>'
    echo '  <version>1.0</version>'
    echo '  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>'
    # testing.md's dependencies go into getting-started.md's <dependencies>, its plugins into <plugins>
    awk -v deps="$test_deps" -v plugins="$surefire"$'\n'"$plugin" '
        /<\/dependencies>/ { print deps }
        /^  <\/plugins>/ { print plugins }
        { print }' <<< "$setup_xml"
    echo '</project>'
} > "$project/pom.xml"
java_block() { # the Java block of FILE that declares CLASS, in package com.example.db with the API imported
    awk -v class="$2" '
        /^```java$/ { inside = 1; text = ""; next }
        inside && /^```$/ { inside = 0; if (text ~ "class " class "[ {]") { printf "%s", text; exit } next }
        inside { text = text $0 "\n" }' "$1"
}
for class in Initial AddMaxDepthAndAlternativeNames; do
    body=$(java_block "$docs/getting-started.md" "$class")
    [ -n "$body" ] || { echo "newcomer.sh: getting-started.md has no class $class" >&2; exit 1; }
    printf 'package com.example.db;\n\nimport org.divemap.migrations.*;\n\n%s\n' "$body" \
        > "$project/src/main/java/com/example/db/$class.java"
done
body=$(java_block "$docs/testing.md" MigrationHistoryTest)
[ -n "$body" ] || { echo "newcomer.sh: testing.md has no class MigrationHistoryTest" >&2; exit 1; }
printf 'package com.example.db;\n\n%s\n' "$body" > "$project/src/test/java/com/example/db/MigrationHistoryTest.java"

run_it=$(fenced bash "$docs/getting-started.md" "Run it" 1)
step "first project: ${run_it#mvn }" "$project" "mvn -B ${run_it#mvn }"
expect "$(last_log)" "0002_add_max_depth_and_alternative_names" "BUILD SUCCESS"
step "first project: mvn test" "$project" "mvn -B test"
expect "$(last_log)" "BUILD SUCCESS" "in com.example.db.MigrationHistoryTest"
grep -qE '^\[INFO\] Tests run: [1-9][0-9]*, Failures: 0, Errors: 0' "$(last_log)" \
    || failed "first project: the tests did not run" "$(last_log)"
grep -q 'testcase name="[^"]*0002_add_max_depth_and_alternative_names' \
    "$project/target/surefire-reports/TEST-com.example.db.MigrationHistoryTest.xml" \
    || failed "first project: no test named after its revision" "$(last_log)"

echo
echo "newcomer.sh: PASSED. Wall time of each step (seconds):"
awk -F'\t' '{ printf "  %6d  %s\n", $2, $1; total += $2 } END { printf "  %6d  total\n", total }' "$times"
if [ "$keep" = false ]; then
    rm -rf "$work"
else
    echo "newcomer.sh: kept $work (times in $times, logs in $logs)"
fi
