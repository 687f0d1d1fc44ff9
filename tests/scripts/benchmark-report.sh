#!/usr/bin/env bash
# The tertial report for one association against one hand-written SQL aggregate of the same row
# figures (README, "Performance"). N participations are spread over N / 100,000 associations, so one
# association holds about 100,000 whatever N. Prints figures; asserts nothing. Runs benchmark.sh
# with the program's --report mode (one process per size, so peak memory belongs to that size).
#
# usage: tests/scripts/benchmark-report.sh [Sqlite|PostgreSql] [SIZES...]     (default: Sqlite 100000 2000000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BENCHMARK_MODE=--report BENCHMARK_SIZES="100000 2000000" exec tests/scripts/benchmark.sh "$@"
