#!/usr/bin/env bash
# A real SMTP server for the e-mail tests: Debian's aiosmtpd writing every message it receives
# to a maildir. Nothing is relayed anywhere.
#
#   tests/scripts/smtp-test-server.sh start    # idempotent; prints "PORT MAILDIR" on stdout (only that)
#   tests/scripts/smtp-test-server.sh stop     # idempotent
#   tests/scripts/smtp-test-server.sh status   # exit 0 when running; prints "PORT MAILDIR"
#
# Settings (environment):
#   FOLLOWUP_SMTP_PORT  port on 127.0.0.1 (default 55025)
#   FOLLOWUP_SMTP_DIR   folder holding the maildir, log and pid file (default /tmp/followup-smtp)
#
# When python3-aiosmtpd is missing, start installs it with apt-get (as root, or with sudo -n);
# when that is impossible it exits 1 and says why on stderr.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/test-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/test-server.sh"

test_server_files "${FOLLOWUP_SMTP_DIR:-/tmp/followup-smtp}" aiosmtpd
MAILDIR="$SERVER_DIR/maildir"
test_server_on_port "${FOLLOWUP_SMTP_PORT:-55025}" "$MAILDIR"
SERVER_WHAT=aiosmtpd
SERVER_TRIES=100
# Debian's interpreter, where the Debian package installs the module (not a pyenv/venv python).
PYTHON=/usr/bin/python3

have_aiosmtpd() { [[ -x $PYTHON ]] && "$PYTHON" -c 'import aiosmtpd' 2>/dev/null; }

install_aiosmtpd() {
    have_aiosmtpd && return 0
    command -v apt-get >/dev/null || die "python3-aiosmtpd is missing and there is no apt-get to install it"
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        sudo -n true 2>/dev/null || die "python3-aiosmtpd is missing; install it as root: apt-get install -y python3-aiosmtpd"
        sudo=(sudo -n)
    fi
    log "installing python3-aiosmtpd"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >&2 || die "apt-get install python3-aiosmtpd failed"
    have_aiosmtpd || die "python3-aiosmtpd was installed but $PYTHON cannot import it"
}

server_prepare() {
    install_aiosmtpd
    mkdir -p "$MAILDIR"/{cur,new,tmp}
    require_free_port FOLLOWUP_SMTP_PORT
}

server_launch() {
    setsid nohup "$PYTHON" -m aiosmtpd -n -l "127.0.0.1:$SERVER_PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR" \
        >"$SERVER_LOG" 2>&1 < /dev/null &
}

test_server_main "$@"
