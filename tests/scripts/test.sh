#!/usr/bin/env bash
# The one test command. Builds the solution once (Release), then runs:
#   unit      tests/Samordning.FollowUp.UnitTests
#   sqlite    tests/Samordning.FollowUp.IntegrationTests, FOLLOWUP_TEST_PROVIDER=Sqlite
#   postgres  the same with FOLLOWUP_TEST_PROVIDER=PostgreSql, against a throwaway cluster
#             from tests/scripts/postgres-test.sh (stopped again on exit)
#   browser   the browser tests (Category=Browser in the integration project): the web UI in
#             Debian's Chromium driven by Playwright, with an axe-core scan of every page; the
#             service on SQLite. tests/scripts/browser-deps.sh installs Chromium if missing.
#             Screenshots go to artifacts/screenshots/.
#   bench     the benchmark program (tests/Samordning.FollowUp.Benchmarks) at a tiny size, on SQLite
#             and on PostgreSQL: fills 2,000 participations, runs the scheduler, the indicator job and
#             the board's tertial report (JSON, xlsx, pdf) once each and compares the report's figures
#             with the hand-written SQL. The association has no small-number threshold: the board's
#             masking of small figures at this size takes most of a minute per report (README,
#             "Performance"), which a smoke test cannot afford. A smoke test: it fails when the program dies or a figure
#             disagrees; no time is asserted. Counted as one test per database.
#   readme    tests/scripts/readme-examples.sh: the README's shell examples marked runnable, against
#             the built service started in Development with its demo data (one test per block).
# and closes with one line "N passed, N failed, N skipped", the total of all runs.
# Exits non-zero when a test failed, a run aborted, no test ran at all, or (without a filter)
# one of the runs found no test.
#
# usage: tests/scripts/test.sh [FILTER]
#   FILTER (or env TEST_FILTER): a `dotnet test --filter` expression, or a plain word that is
#           matched against the full test name ("Exit" -> FullyQualifiedName~Exit).
# env:
#   TEST_RUNS          runs to do, default "unit sqlite postgres browser bench" (e.g. TEST_RUNS=unit)
#   TEST_HANG_TIMEOUT  a run with no progress for this long is aborted (default 10m)
#   FOLLOWUP_TEST_POSTGRES  if set, the postgres run uses that server and none is started
# Results (TRX) go to artifacts/test-results/<run>/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

SOLUTION=Samordning.FollowUp.sln
UNIT=tests/Samordning.FollowUp.UnitTests/Samordning.FollowUp.UnitTests.csproj
INTEGRATION=tests/Samordning.FollowUp.IntegrationTests/Samordning.FollowUp.IntegrationTests.csproj
RESULTS=artifacts/test-results
FILTER="${1:-${TEST_FILTER:-}}"
RUNS="${TEST_RUNS:-unit sqlite postgres browser bench readme}"
HANG="${TEST_HANG_TIMEOUT:-10m}"

# A plain word is shorthand for a name match; anything with an operator is passed as is.
if [[ -n $FILTER && $FILTER != *[=~\&\|\!]* ]]; then FILTER="FullyQualifiedName~$FILTER"; fi

PG_STOP=0
CLEANED=0
cleanup() {
    [[ $CLEANED == 1 ]] && return 0
    CLEANED=1
    if [[ $PG_STOP == 1 ]]; then tests/scripts/postgres-test.sh stop >/dev/null 2>&1 || true; fi
    # The compiler servers otherwise linger after the script and hold memory.
    dotnet build-server shutdown >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Per-run results, filled by run_tests / skip_run.
R_NAME=() R_PASSED=() R_FAILED=() R_SKIPPED=() R_NOTE=() R_TIME=()
EMPTY_RUNS=()

# Sums one attribute of <Counters .../> over all TRX files of a run.
trx_sum() {
    local dir=$1 attr=$2 total=0 n f
    while IFS= read -r -d '' f; do
        n=$(grep -o '<Counters [^>]*>' "$f" | head -n 1 | grep -o " $attr=\"[0-9]*\"" | grep -o '[0-9][0-9]*' || true)
        total=$((total + ${n:-0}))
    done < <(find "$dir" -name '*.trx' -print0 2>/dev/null)
    echo "$total"
}

record() { # name passed failed skipped note seconds
    R_NAME+=("$1") R_PASSED+=("$2") R_FAILED+=("$3") R_SKIPPED+=("$4") R_NOTE+=("$5") R_TIME+=("$6")
}

run_tests() { # name project category-filter [VAR=value ...]
    local name=$1 project=$2 category=$3
    shift 3
    local dir="$RESULTS/$name" rc=0 start=$SECONDS
    local args=(test "$project" --no-build -c Release --results-directory "$dir"
        --logger "trx;LogFileName=$name.trx"
        --blame-hang-timeout "$HANG" --blame-hang-dump-type none)
    # The run's own category filter, combined with the caller's filter.
    local filter=$category
    if [[ -n $FILTER ]]; then filter="${filter:+($filter)&}($FILTER)"; fi
    if [[ -n $filter ]]; then args+=(--filter "$filter"); fi

    echo
    echo "== $name: $project $*"
    env "$@" dotnet "${args[@]}" || rc=$?

    local total executed passed failed skipped note=""
    total=$(trx_sum "$dir" total)
    executed=$(trx_sum "$dir" executed)
    passed=$(trx_sum "$dir" passed)
    failed=$(( $(trx_sum "$dir" failed) + $(trx_sum "$dir" error) + $(trx_sum "$dir" timeout) + $(trx_sum "$dir" aborted) ))
    # Skipped tests appear in TRX as results that were not executed.
    skipped=$((total - executed))
    ((skipped >= 0)) || skipped=0
    if ((rc != 0 && failed == 0)); then
        # A crash, hang or missing results: the TRX shows no failure, but the run did not pass.
        failed=1
        note="dotnet test exited $rc with no failed test recorded (crash/hang?): counted as 1 failure"
    elif ((total == 0)); then
        note="no test ran"
        # Without a filter every run must find tests: an empty run hides broken discovery.
        if [[ -z $FILTER ]]; then EMPTY_RUNS+=("$name"); fi
    fi
    record "$name" "$passed" "$failed" "$skipped" "$note" $((SECONDS - start))
}

skip_run() { # name reason: the run could not be started, so it counts as one failure
    echo "== $1: $2" >&2
    record "$1" 0 1 0 "$2" 0
}

wants() { [[ " $RUNS " == *" $1 "* ]]; }

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

echo "== restore tools"
dotnet tool restore
# The OpenAPI document is checked by a real validator (Api/OpenApiContractTests); installed once.
if ! command -v openapi-spec-validator >/dev/null 2>&1; then
    python3 -m pip install --quiet openapi-spec-validator==0.9.0 || echo "openapi-spec-validator could not be installed" >&2
fi

echo
echo "== build $SOLUTION (Release)"
if ! dotnet build "$SOLUTION" -c Release -nologo; then
    echo "build failed: no test ran" >&2
    exit 1
fi

if wants unit; then
    run_tests unit "$UNIT" ""
fi

if wants sqlite; then
    run_tests sqlite "$INTEGRATION" "Category!=Browser" FOLLOWUP_TEST_PROVIDER=Sqlite
fi

if wants postgres; then
    pg_conn="${FOLLOWUP_TEST_POSTGRES:-}"
    if [[ -z $pg_conn ]]; then
        # Leave a server that was already running (a developer's) as it was.
        tests/scripts/postgres-test.sh status >/dev/null 2>&1 || PG_STOP=1
        pg_conn=$(tests/scripts/postgres-test.sh start) || pg_conn=""
    fi
    if [[ -n $pg_conn ]]; then
        run_tests postgres "$INTEGRATION" "Category!=Browser" FOLLOWUP_TEST_PROVIDER=PostgreSql "FOLLOWUP_TEST_POSTGRES=$pg_conn"
    else
        skip_run postgres "PostgreSQL did not start (see tests/scripts/postgres-test.sh output above)"
    fi
fi

if wants browser; then
    if chromium=$(tests/scripts/browser-deps.sh); then
        rm -rf artifacts/screenshots
        run_tests browser "$INTEGRATION" "Category=Browser" FOLLOWUP_TEST_PROVIDER=Sqlite "FOLLOWUP_CHROMIUM=$chromium"
    else
        skip_run browser "Chromium could not be installed (see tests/scripts/browser-deps.sh output above)"
    fi
fi

if wants readme; then
    # Only without a filter, or with one that names the run.
    if [[ -z $FILTER || $FILTER == *Readme* ]]; then
        echo
        echo "== readme: the README's runnable examples against a started service"
        start=$SECONDS
        mkdir -p "$RESULTS/readme"
        tests/scripts/readme-examples.sh >"$RESULTS/readme/readme.log" 2>&1 || true
        cat "$RESULTS/readme/readme.log"
        counts=$(grep -Eo '^[0-9]+ passed, [0-9]+ failed$' "$RESULTS/readme/readme.log" | tail -n 1 || true)
        if [[ -n $counts ]]; then
            record readme "${counts%% passed*}" "$(echo "$counts" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+')" 0 "" $((SECONDS - start))
        else
            record readme 0 1 0 "readme-examples.sh did not finish (see $RESULTS/readme/readme.log)" $((SECONDS - start))
        fi
    fi
fi

if wants bench; then
    # Only without a filter, or with one that names the run: a test filter selects no benchmark.
    if [[ -z $FILTER || $FILTER == *Bench* ]]; then
        echo
        echo "== bench: tests/Samordning.FollowUp.Benchmarks --smoke at 2,000 participations"
        start=$SECONDS passed=0 failed=0 note=""
        mkdir -p "$RESULTS/bench"
        for provider in Sqlite PostgreSql; do
            connection=""
            if [[ $provider == Sqlite ]]; then
                connection="Data Source=$PWD/$RESULTS/bench/smoke.db"
            else
                pg_conn="${FOLLOWUP_TEST_POSTGRES:-}"
                if [[ -z $pg_conn ]]; then
                    tests/scripts/postgres-test.sh status >/dev/null 2>&1 || PG_STOP=1
                    pg_conn=$(tests/scripts/postgres-test.sh start) || pg_conn=""
                fi
                if [[ -z $pg_conn ]]; then
                    failed=$((failed + 1)) note="$note PostgreSQL did not start;"
                    continue
                fi
                connection="${pg_conn%;Database=*};Database=followup_bench_smoke"
            fi
            log="$RESULTS/bench/$provider.log"
            if timeout 600 dotnet tests/Samordning.FollowUp.Benchmarks/bin/Release/net10.0/Samordning.FollowUp.Benchmarks.dll \
                --smoke --runs 1 --threshold 5 --provider "$provider" --size 2000 --connection "$connection" >"$log" 2>&1; then
                passed=$((passed + 1))
                grep -E '^(ratio|summary|row figures)' "$log" | sed "s/^/  $provider: /"
            else
                failed=$((failed + 1)) note="$note $provider failed (log: $log);"
                tail -n 30 "$log"
            fi
        done
        record bench "$passed" "$failed" 0 "${note# }" $((SECONDS - start))
    fi
fi

# Stop PostgreSQL and the build servers now, so nothing prints after the closing line.
cleanup

tp=0 tf=0 ts=0
echo
echo "== summary${FILTER:+ (filter: $FILTER)}"
for i in "${!R_NAME[@]}"; do
    printf '  %-9s %5d passed  %5d failed  %5d skipped  %4ds  %s\n' \
        "${R_NAME[$i]}" "${R_PASSED[$i]}" "${R_FAILED[$i]}" "${R_SKIPPED[$i]}" "${R_TIME[$i]}" "${R_NOTE[$i]}"
    tp=$((tp + R_PASSED[i])) tf=$((tf + R_FAILED[i])) ts=$((ts + R_SKIPPED[i]))
done

status=0
if ((${#R_NAME[@]} == 0)); then
    echo "no run selected (TEST_RUNS=\"$RUNS\")"
    status=1
elif ((tf > 0)); then
    status=1
elif ((tp == 0)); then
    echo "no test ran"
    status=1
elif ((${#EMPTY_RUNS[@]})); then
    echo "no test ran in: ${EMPTY_RUNS[*]} (every run must find tests unless a filter is given)"
    status=1
fi
echo "$tp passed, $tf failed, $ts skipped"
exit $status
