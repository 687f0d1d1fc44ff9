#!/usr/bin/env bash
# Benchmark of the follow-up scheduler and the indicator job against a hand-written SQL query.
# Prints figures; asserts nothing. One process per size, so peak memory belongs to that size.
#
# usage: tests/scripts/benchmark.sh [Sqlite|PostgreSql] [SIZES...]     (default: Sqlite 100000 1000000)
# env:   BENCHMARK_MODE  an extra argument to the program (benchmark-report.sh sets --report)
#        BENCHMARK_SIZES the default sizes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
provider="${1:-Sqlite}"
shift || true
sizes=("${@:-${BENCHMARK_SIZES:-100000 1000000}}")
mode=(${BENCHMARK_MODE:-})
# shellcheck disable=SC2206
sizes=(${sizes[@]})

dotnet build tests/Samordning.FollowUp.Benchmarks -c Release -nologo -v q >/dev/null
if [[ ${provider,,} == postgresql ]]; then
    tests/scripts/postgres-test.sh start >/dev/null
fi
for size in "${sizes[@]}"; do
    dotnet tests/Samordning.FollowUp.Benchmarks/bin/Release/net10.0/Samordning.FollowUp.Benchmarks.dll \
        "${mode[@]}" --provider "$provider" --size "$size" 2>&1 | grep -v -E '^(warn|      Compiling)'
    echo
done
dotnet build-server shutdown >/dev/null 2>&1 || true
