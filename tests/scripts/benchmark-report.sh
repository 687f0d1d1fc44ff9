#!/usr/bin/env bash
# The tertial report for one association against one hand-written SQL aggregate of the same row
# figures (README, "Performance"). N participations are spread over N / 100,000 associations, so one
# association holds about 100,000 whatever N. Prints figures; asserts nothing. One process per size,
# so peak memory belongs to that size.
#
# usage: tests/scripts/benchmark-report.sh [Sqlite|PostgreSql] [SIZES...]     (default: Sqlite 100000 2000000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
provider="${1:-Sqlite}"
shift || true
sizes=("${@:-100000 2000000}")
# shellcheck disable=SC2206
sizes=(${sizes[@]})

dotnet build tests/Samordning.FollowUp.Benchmarks -c Release -nologo -v q >/dev/null
if [[ ${provider,,} == postgresql ]]; then
    tests/scripts/postgres-test.sh start >/dev/null
fi
for size in "${sizes[@]}"; do
    dotnet tests/Samordning.FollowUp.Benchmarks/bin/Release/net10.0/Samordning.FollowUp.Benchmarks.dll \
        --report --provider "$provider" --size "$size" 2>&1 | grep -v -E '^(warn|      Compiling)'
    echo
done
dotnet build-server shutdown >/dev/null 2>&1 || true
