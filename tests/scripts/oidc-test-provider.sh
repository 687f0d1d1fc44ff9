#!/usr/bin/env bash
# The OpenID Connect test provider (tests/Samordning.FollowUp.OidcTestProvider) as a separate
# process on loopback, on a port the system chooses. Real protocol: discovery, code flow with
# PKCE, RS256-signed id_tokens, end_session.
#
#   tests/scripts/oidc-test-provider.sh start    # idempotent; prints "URL FOLDER" on stdout (only that)
#   tests/scripts/oidc-test-provider.sh stop     # idempotent
#   tests/scripts/oidc-test-provider.sh status   # exit 0 when running; prints "URL FOLDER"
#
# Settings (environment):
#   FOLLOWUP_OIDC_DIR   folder holding the address file, log and pid file (default /tmp/followup-oidc)
#
# Runs the built provider (bin/Release, else bin/Debug); builds it when neither exists.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BASE="${FOLLOWUP_OIDC_DIR:-/tmp/followup-oidc}"
PIDFILE="$BASE/provider.pid"
URLFILE="$BASE/url"
LOG="$BASE/provider.log"
PROJECT=tests/Samordning.FollowUp.OidcTestProvider
DLL=Samordning.FollowUp.OidcTestProvider.dll

log() { echo "oidc-test-provider: $*" >&2; }
die() { log "$*"; exit 1; }

running() {
    [[ -f $PIDFILE ]] || return 1
    local pid
    pid=$(cat "$PIDFILE" 2>/dev/null || true)
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

healthy() {
    [[ -f $URLFILE ]] || return 1
    local url
    url=$(cat "$URLFILE")
    [[ $url =~ ^http://127\.0\.0\.1:([0-9]+)$ ]] || return 1
    # A plain HTTP/1.0 request over bash's /dev/tcp: no curl needed.
    local port=${BASH_REMATCH[1]} answer
    answer=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /test/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && timeout 5 cat <&3) 2>/dev/null || true)
    [[ $answer == *" 200 "* ]]
}

built_dll() {
    local config
    for config in Release Debug; do
        if [[ -f $PROJECT/bin/$config/net10.0/$DLL ]]; then
            echo "$PROJECT/bin/$config/net10.0/$DLL"
            return 0
        fi
    done
    return 1
}

start() {
    if running && healthy; then
        echo "$(cat "$URLFILE") $BASE"
        return 0
    fi
    stop_quietly
    mkdir -p "$BASE"
    rm -f "$URLFILE"
    local dll
    if ! dll=$(built_dll); then
        log "building $PROJECT"
        dotnet build "$PROJECT" -c Release -nologo -v q >&2 || die "the test provider does not build"
        dll=$(built_dll) || die "the built provider was not found"
    fi
    # setsid + nohup: the provider outlives the calling shell (and a test host's process group).
    setsid nohup dotnet "$dll" --urls "http://127.0.0.1:0" --UrlFile "$URLFILE" >"$LOG" 2>&1 < /dev/null &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 300); do
        if healthy; then
            echo "$(cat "$URLFILE") $BASE"
            return 0
        fi
        running || break
        sleep 0.1
    done
    log "the provider did not start; its log:"
    cat "$LOG" >&2 || true
    stop_quietly
    exit 1
}

stop_quietly() {
    if [[ -f $PIDFILE ]]; then
        local pid
        pid=$(cat "$PIDFILE" 2>/dev/null || true)
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
        rm -f "$PIDFILE" "$URLFILE"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop_quietly ;;
    status)
        if running && healthy; then echo "$(cat "$URLFILE") $BASE"; else exit 1; fi
        ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
