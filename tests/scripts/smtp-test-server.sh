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

PORT="${FOLLOWUP_SMTP_PORT:-55025}"
BASE="${FOLLOWUP_SMTP_DIR:-/tmp/followup-smtp}"
MAILDIR="$BASE/maildir"
PIDFILE="$BASE/aiosmtpd.pid"
LOG="$BASE/aiosmtpd.log"
# Debian's interpreter, where the Debian package installs the module (not a pyenv/venv python).
PYTHON=/usr/bin/python3

log() { echo "smtp-test-server: $*" >&2; }
die() { log "$*"; exit 1; }

running() {
    [[ -f $PIDFILE ]] || return 1
    local pid
    pid=$(cat "$PIDFILE" 2>/dev/null || true)
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

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

start() {
    if running && listening; then
        echo "$PORT $MAILDIR"
        return 0
    fi
    stop_quietly
    install_aiosmtpd
    mkdir -p "$MAILDIR"/{cur,new,tmp}
    if listening; then
        die "port $PORT is taken by another process; set FOLLOWUP_SMTP_PORT"
    fi
    # setsid + nohup: the server outlives the calling shell (and a test host's process group).
    setsid nohup "$PYTHON" -m aiosmtpd -n -l "127.0.0.1:$PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR" \
        >"$LOG" 2>&1 < /dev/null &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 100); do
        if listening; then
            echo "$PORT $MAILDIR"
            return 0
        fi
        running || break
        sleep 0.1
    done
    log "aiosmtpd did not start; its log:"
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
        rm -f "$PIDFILE"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop_quietly ;;
    status)
        if running && listening; then echo "$PORT $MAILDIR"; else exit 1; fi
        ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
