#!/usr/bin/env bash
# Sourced by scripts that need the service running as a user would run it: the Release build of the
# host in Development with its demo data, on SQLite in a temporary folder and a free loopback port.
#   source tests/scripts/demo-service.sh
#   demo_service_start "$WORK"     # sets DEMO_PORT and DEMO_PID; the log is $WORK/service.log
#   demo_service_stop              # (also in the caller's EXIT trap)
# Run from the repository's root after a Release build.

DEMO_DLL=src/Samordning.FollowUp.Api/bin/Release/net10.0/Samordning.FollowUp.Api.dll
DEMO_PORT=""
DEMO_PID=""

demo_service_start() { # work-folder
    local work=$1
    [[ -f $DEMO_DLL ]] || { echo "demo-service: build the solution first (Release)" >&2; return 1; }
    DEMO_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # The service's own data folder (development keys) goes to the temporary folder too.
    ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$DEMO_PORT" \
        ConnectionStrings__FollowUp="Data Source=$work/followup.db" \
        IdentityProtection__DevelopmentKeyFile="$work/identity-keys.json" \
        bash -c 'cd "$(dirname "$1")" && exec dotnet "$(basename "$1")"' _ "$DEMO_DLL" >"$work/service.log" 2>&1 &
    DEMO_PID=$!
    for _ in $(seq 1 180); do
        curl -sf "http://127.0.0.1:$DEMO_PORT/health" >/dev/null 2>&1 && return 0
        kill -0 "$DEMO_PID" 2>/dev/null || { echo "demo-service: the service exited:"; cat "$work/service.log"; return 1; }
        sleep 1
    done
    echo "demo-service: the service did not answer /health in 180 s:"; cat "$work/service.log"
    return 1
}

demo_service_stop() {
    if [[ -n $DEMO_PID ]]; then
        kill "$DEMO_PID" 2>/dev/null || true
        wait "$DEMO_PID" 2>/dev/null || true
        DEMO_PID=""
    fi
}
