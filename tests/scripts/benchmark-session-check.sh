#!/usr/bin/env bash
# What the security-stamp check on every authenticated request costs (README, "Sign-in"): the
# service on Kestrel (loopback), sequential GET /api/v1/auth/me with a bearer token, alternating
# batches with the check on and off, and the check alone in a loop. Prints figures; asserts nothing.
#
# usage: tests/scripts/benchmark-session-check.sh [Sqlite|PostgreSql]     (default: Sqlite)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
provider="${1:-Sqlite}"

dotnet build tests/Samordning.FollowUp.Benchmarks -c Release -nologo -v q >/dev/null
if [[ ${provider,,} == postgresql ]]; then
    tests/scripts/postgres-test.sh start >/dev/null
fi
dotnet tests/Samordning.FollowUp.Benchmarks/bin/Release/net10.0/Samordning.FollowUp.Benchmarks.dll \
    --session-check --provider "$provider" 2>&1 | grep -v -E '^(warn|      Compiling)'
dotnet build-server shutdown >/dev/null 2>&1 || true
