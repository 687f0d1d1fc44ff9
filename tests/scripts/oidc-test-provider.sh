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
# shellcheck source-path=SCRIPTDIR source=lib/test-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/test-server.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

test_server_files "${FOLLOWUP_OIDC_DIR:-/tmp/followup-oidc}" provider
test_server_url_file
SERVER_WHAT="the provider"
SERVER_TRIES=300
PROJECT=tests/Samordning.FollowUp.OidcTestProvider
DLL=Samordning.FollowUp.OidcTestProvider.dll

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

server_prepare() {
    if ! DLL_PATH=$(built_dll); then
        log "building $PROJECT"
        dotnet build "$PROJECT" -c Release -nologo -v q >&2 || die "the test provider does not build"
        DLL_PATH=$(built_dll) || die "the built provider was not found"
    fi
}

server_launch() {
    setsid nohup dotnet "$DLL_PATH" --urls "http://127.0.0.1:0" --UrlFile "$SERVER_URLFILE" >"$SERVER_LOG" 2>&1 < /dev/null &
}

test_server_main "$@"
