#!/usr/bin/env bash
# Intake under load (README, "Performance"): the Release service on Kestrel (loopback), Debian's wrk
# (installed by tests/scripts/wrk-deps.sh) sending anonymous registrations with a coach's bearer
# token at concurrency 1, 8 and 32, and the same against the service's bare endpoint that does one
# INSERT (mapped only in the "Benchmark" environment with Benchmark:BareInsertEndpoint=true).
# Prints requests/s, p50, p99 and the service's CPU time per request of each, and the intake ÷ bare
# ratios. Asserts nothing, except that every request was answered 201 (any other answer fails the
# script). tests/scripts/intake-floor.py measures the same writes against SQLite alone.
#
# usage: tests/scripts/benchmark-intake.sh [Sqlite|PostgreSql] [SECONDS]     (default: Sqlite 10)
# env:   BENCHMARK_CONCURRENCY  the concurrencies (default "1 8 32")
#        BENCHMARK_PORT         the service's port (default 5187)
#        BENCHMARK_READER=1     before the runs the association's office reads the current tertial's report,
#                               so the service keeps it warm (README, "Reports kept warm") while the intakes
#                               change its data: what the warmer costs the intake; the count of its builds is printed
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
provider="${1:-Sqlite}"
seconds="${2:-10}"
read -r -a concurrencies <<<"${BENCHMARK_CONCURRENCY:-1 8 32}"
port="${BENCHMARK_PORT:-5187}"
base="http://127.0.0.1:$port"
work=$(mktemp -d)
service_pid=""
cleanup() {
    if [[ -n $service_pid ]]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

wrk=$(tests/scripts/wrk-deps.sh)
dotnet build src/Samordning.FollowUp.Api -c Release -nologo -v q >/dev/null
dotnet build tests/Samordning.FollowUp.Benchmarks -c Release -nologo -v q >/dev/null

if [[ ${provider,,} == postgresql ]]; then
    pg=$(tests/scripts/postgres-test.sh start)
    connection="${pg%;Database=*};Database=followup_bench_intake"
else
    db="${TMPDIR:-/tmp}/followup-bench-intake-$port.db"
    rm -f "$db" "$db-wal" "$db-shm"
    connection="Data Source=$db"
fi

# The association and a confirmed coach, made by the benchmark program through the service's own code
# (it also creates and migrates the database).
dotnet tests/Samordning.FollowUp.Benchmarks/bin/Release/net10.0/Samordning.FollowUp.Benchmarks.dll \
    --intake-setup --provider "$provider" --connection "$connection" 2>&1 | grep -E '^[A-Z]+=' >"$work/setup"
# shellcheck disable=SC1091
source "$work/setup"

export ASPNETCORE_ENVIRONMENT=Benchmark ASPNETCORE_URLS="$base" \
    Database__Provider="$provider" ConnectionStrings__FollowUp="$connection" Database__MigrateAtStartup=false \
    IdentityProtection__EncryptionKey=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA= \
    IdentityProtection__HmacKey=MjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFE= \
    DataProtection__KeyFolder="$work/keys" Https__Required=false Jobs__RunServer=false DemoData__Enabled=false \
    Benchmark__BareInsertEndpoint=true Logging__LogLevel__Default=Warning
# The warmer's builds are counted from its debug lines (a name with dots: no shell variable, so through env).
env 'Logging__LogLevel__Samordning.FollowUp.Features.Reports.ReportWarmer=Debug' dotnet src/Samordning.FollowUp.Api/bin/Release/net10.0/Samordning.FollowUp.Api.dll >"$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 120); do
    curl -fs "$base/health" >/dev/null 2>&1 && break
    kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; echo "the service did not start" >&2; exit 1; }
    sleep 0.5
done

sign_in() { # email: prints the bearer token
    local token
    token=$(curl -fs -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
    [[ -n $token ]] || { echo "sign-in of $1 failed" >&2; exit 1; }
    echo "$token"
}
token=$(sign_in "$EMAIL")

if [[ ${BENCHMARK_READER:-0} == 1 ]]; then
    office=$(sign_in "$OFFICE")
    tertial=$(( ($(date -u +%-m) - 1) / 4 + 1 ))
    curl -fs -o /dev/null -H "Authorization: Bearer $office" \
        "$base/api/v1/associations/$ASSOCIATION/reports/tertial/$(date -u +%Y)/$tertial" \
        || { echo "the office's report read failed" >&2; exit 1; }
fi

# An anonymous registration, as a coach's form sends it (today as the start date).
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"startDate":"$(date -u +%F)","homeMunicipality":"Borås","referredBy":"SocialInsuranceAgency","educationLevel":"UpperSecondary","timeInPublicSupport":"OneToTwoYears","occupationAtStart":"SickLeave","extentPercentAtStart":25,"incomeSourcesAtStart":["SicknessBenefit","FinancialAssistance"],"stepAtStart":2,"gender":"Woman","birthYear":1990}'
LUA

declare -A rps p50 p99 cpu
# The service's own CPU time (user + system, in clock ticks): CPU per request is steadier than
# requests/s on a machine whose load moves, and wrk's own CPU is not in it.
ticks() { awk '{ print $14 + $15 }' "/proc/$service_pid/stat"; }
hz=$(getconf CLK_TCK)
# Latencies as wrk prints them (e.g. 812.00us, 4.51ms, 1.20s), in milliseconds.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
run() { # name url concurrency seconds [warm]
    local out threads=$(($3 < 2 ? 1 : 2))
    local before after
    before=$(ticks)
    out=$("$wrk" -t "$threads" -c "$3" -d "${4}s" --timeout 10s --latency -s "$work/post.lua" "$2")
    after=$(ticks)
    [[ ${5:-} == warm ]] && return 0
    if grep -q -E 'Non-2xx|Socket errors' <<<"$out"; then
        echo "$out" >&2
        echo "!!!!! $1 at concurrency $3: requests failed (above); the service's log:" >&2
        tail -n 20 "$work/service.log" >&2
        exit 1
    fi
    rps[$1,$3]=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
    cpu[$1,$3]=$(awk -v t=$((after - before)) -v hz="$hz" '/ requests in / { printf "%.2f", t * 1000 / hz / $1 }' <<<"$out")
    p50[$1,$3]=$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
    p99[$1,$3]=$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
}

intake="$base/api/v1/interventions/$INTERVENTION/participations"
bare="$base/benchmark/bare-insert/$PROVIDER"
# Warm both paths (JIT, connection pools) before anything is measured: 10 s each, because .NET
# recompiles hot methods optimised (tiered compilation) in the background for several seconds after
# they first run, and with 3 s the first measured run (concurrency 1) competed with that (measured:
# 264/s in the first 5 s run at concurrency 1, 584/s in the next).
run intake "$intake" 8 10 warm
run bare "$bare" 8 10 warm
for c in "${concurrencies[@]}"; do
    run intake "$intake" "$c" "$seconds"
    run bare "$bare" "$c" "$seconds"
done

if [[ ${BENCHMARK_READER:-0} == 1 ]]; then
    echo "# the office read the current tertial's report first: the warmer built it $(grep -c 'Kept .* tertial reports warm' "$work/service.log") times during the runs"
fi
echo "# intake load on $provider: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), ${seconds} s per run, wrk $(wrk -v 2>&1 | head -n1 | awk '{print $2}')"
printf '%-12s %12s %10s %10s %12s %10s %10s %12s %12s %14s %14s\n' concurrency "intake/s" "p50 ms" "p99 ms" "bare/s" "p50 ms" "p99 ms" "ratio req/s" "ratio p99" "intake CPU ms" "bare CPU ms"
for c in "${concurrencies[@]}"; do
    printf '%-12s %12s %10s %10s %12s %10s %10s %12s %12s %14s %14s\n' "$c" "${rps[intake,$c]}" "${p50[intake,$c]}" "${p99[intake,$c]}" \
        "${rps[bare,$c]}" "${p50[bare,$c]}" "${p99[bare,$c]}" \
        "$(awk -v a="${rps[intake,$c]}" -v b="${rps[bare,$c]}" 'BEGIN { printf "%.2f", a / b }')" \
        "$(awk -v a="${p99[intake,$c]}" -v b="${p99[bare,$c]}" 'BEGIN { printf "%.2f", a / b }')" "${cpu[intake,$c]}" "${cpu[bare,$c]}"
done
for c in "${concurrencies[@]}"; do
    echo "summary ($provider): c=$c intake_rps=${rps[intake,$c]} intake_p50_ms=${p50[intake,$c]} intake_p99_ms=${p99[intake,$c]} bare_rps=${rps[bare,$c]} bare_p50_ms=${p50[bare,$c]} bare_p99_ms=${p99[bare,$c]} intake_cpu_ms=${cpu[intake,$c]} bare_cpu_ms=${cpu[bare,$c]}"
done
echo "peak working set of the service: $(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$service_pid/status")"
