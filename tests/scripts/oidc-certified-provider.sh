#!/usr/bin/env bash
# panva/node-oidc-provider, an OpenID Certified provider (tests/oidc-certified-provider), as a
# separate process on loopback: the sign-in tests run the service against a provider whose protocol
# code is not ours. Installs its npm packages (npm ci, from package-lock.json) when missing.
#
#   tests/scripts/oidc-certified-provider.sh start    # idempotent; prints "URL FOLDER" on stdout (only that)
#   tests/scripts/oidc-certified-provider.sh stop     # idempotent
#   tests/scripts/oidc-certified-provider.sh status   # exit 0 when running; prints "URL FOLDER"
#
# Settings (environment):
#   FOLLOWUP_OIDC_CERTIFIED_DIR   folder for the address file, log and pid file (default /tmp/followup-oidc-certified)
#   OIDC_CLIENT_ID / OIDC_CLIENT_SECRET / OIDC_REDIRECT_URIS / OIDC_POST_LOGOUT_REDIRECT_URIS   the one client
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BASE="${FOLLOWUP_OIDC_CERTIFIED_DIR:-/tmp/followup-oidc-certified}"
PIDFILE="$BASE/provider.pid"
URLFILE="$BASE/url"
LOG="$BASE/provider.log"
PROJECT=tests/oidc-certified-provider

log() { echo "oidc-certified-provider: $*" >&2; }
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
    local port=${BASH_REMATCH[1]} answer
    answer=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /test/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && timeout 5 cat <&3) 2>/dev/null || true)
    [[ $answer == *" 200 "* ]]
}

install() {
    command -v node >/dev/null && command -v npm >/dev/null || {
        log "installing Node.js and npm (apt-get)"
        if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
        "${SUDO[@]}" apt-get update -qq >&2 && "${SUDO[@]}" apt-get install -y -qq nodejs npm >&2 || die "Node.js could not be installed"
    }
    if [[ ! -f $PROJECT/node_modules/oidc-provider/package.json ]]; then
        log "npm ci in $PROJECT"
        (cd "$PROJECT" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed"
    fi
}

start() {
    if running && healthy; then
        echo "$(cat "$URLFILE") $BASE"
        return 0
    fi
    stop_quietly
    install
    mkdir -p "$BASE"
    rm -f "$URLFILE"
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    PORT=$port CLIENT_ID="${OIDC_CLIENT_ID:-samordning-followup-certified}" CLIENT_SECRET="${OIDC_CLIENT_SECRET:-test-secret}" \
        REDIRECT_URIS="${OIDC_REDIRECT_URIS:-https://localhost/signin-oidc}" \
        POST_LOGOUT_REDIRECT_URIS="${OIDC_POST_LOGOUT_REDIRECT_URIS:-https://localhost/signout-callback-oidc}" \
        setsid nohup node "$PROJECT/provider.mjs" >"$LOG" 2>&1 < /dev/null &
    echo $! >"$PIDFILE"
    echo "http://127.0.0.1:$port" >"$URLFILE"
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
