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
# shellcheck source-path=SCRIPTDIR source=lib/test-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/test-server.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

test_server_files "${FOLLOWUP_OIDC_CERTIFIED_DIR:-/tmp/followup-oidc-certified}" provider
test_server_url_file
SERVER_WHAT="the provider"
SERVER_TRIES=300
PROJECT=tests/oidc-certified-provider

server_prepare() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        log "installing Node.js and npm (apt-get)"
        local sudo=()
        if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
        { "${sudo[@]}" apt-get update -qq >&2 && "${sudo[@]}" apt-get install -y -qq nodejs npm >&2; } || die "Node.js could not be installed"
    fi
    if [[ ! -f $PROJECT/node_modules/oidc-provider/package.json ]]; then
        log "npm ci in $PROJECT"
        (cd "$PROJECT" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed"
    fi
}

server_launch() {
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    PORT=$port CLIENT_ID="${OIDC_CLIENT_ID:-samordning-followup-certified}" CLIENT_SECRET="${OIDC_CLIENT_SECRET:-test-secret}" \
        REDIRECT_URIS="${OIDC_REDIRECT_URIS:-https://localhost/signin-oidc}" \
        POST_LOGOUT_REDIRECT_URIS="${OIDC_POST_LOGOUT_REDIRECT_URIS:-https://localhost/signout-callback-oidc}" \
        setsid nohup node "$PROJECT/provider.mjs" >"$SERVER_LOG" 2>&1 < /dev/null &
    echo "http://127.0.0.1:$port" >"$SERVER_URLFILE"
}

test_server_main "$@"
