#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the integration tests.
#
#   tests/scripts/postgres-test.sh start    # prints the connection string on stdout (only that)
#   tests/scripts/postgres-test.sh stop
#   tests/scripts/postgres-test.sh status   # exit 0 when running
#   tests/scripts/postgres-test.sh url      # the connection string, running or not
#   tests/scripts/postgres-test.sh clean    # stop and delete the data folder
#
# Settings (environment):
#   FOLLOWUP_PG_PORT  port on 127.0.0.1 (default 55432: 5432 belongs to the machine's own cluster)
#   FOLLOWUP_PG_DIR   folder holding data, log and socket (default /tmp/followup-pg)
#   FOLLOWUP_PG_DB    database name put in the connection string (default followup_tests;
#                     the tests create and migrate it themselves)
#
# Durability is switched off (fsync, synchronous_commit, full_page_writes): the data is
# disposable and the tests run several times faster.
set -euo pipefail

PORT="${FOLLOWUP_PG_PORT:-55432}"
BASE="${FOLLOWUP_PG_DIR:-/tmp/followup-pg}"
DB="${FOLLOWUP_PG_DB:-followup_tests}"
DATA="$BASE/data"
LOG="$BASE/postgres.log"
CONN="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$DB"

log() { echo "postgres-test: $*" >&2; }
die() { log "$*"; exit 1; }

# The server refuses to run as root, so root runs it as the 'postgres' system user.
if [[ $(id -u) -eq 0 ]]; then RUN_AS=postgres; else RUN_AS=""; fi

as_owner() {
    # cd / first: the caller's folder may be unreadable for 'postgres', and initdb/pg_ctl complain.
    if [[ -n $RUN_AS ]]; then
        (cd / && runuser -u "$RUN_AS" -- "$@")
    else
        (cd / && "$@")
    fi
}

find_bin() {
    # Prefer 15 (what CI and the docs expect), else the newest installed.
    local d
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return 0; fi
    d=$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [[ -n $d && -x $d/initdb ]]; then echo "$d"; return 0; fi
    return 1
}

ensure_installed() {
    if BIN=$(find_bin); then return 0; fi
    [[ $(id -u) -eq 0 ]] || die "PostgreSQL server binaries are missing; install them: sudo apt-get install postgresql"
    log "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    BIN=$(find_bin) || die "postgresql installed, but no /usr/lib/postgresql/*/bin/initdb found"
}

postmaster_pid() { head -n 1 "$DATA/postmaster.pid" 2>/dev/null; }

pid_alive() {
    # A killed postmaster can linger as a zombie where PID 1 does not reap (containers, VMs):
    # kill -0 and 'pg_ctl status' still see it, so look at the process state instead.
    local state
    state=$(sed -e 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
    [[ -n $state && $state != Z ]]
}

is_running() {
    local pid
    pid=$(postmaster_pid) || return 1
    [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid"
}

init_cluster() {
    # A folder without PG_VERSION is a half-made cluster from an interrupted run: start over.
    if [[ -d $BASE && ! -f $DATA/PG_VERSION ]]; then rm -rf "$BASE"; fi
    if [[ -f $DATA/PG_VERSION ]]; then return 0; fi

    mkdir -p "$BASE"
    if [[ -n $RUN_AS ]]; then chown "$RUN_AS:" "$BASE"; fi
    chmod 700 "$BASE"
    log "initdb in $DATA"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        --no-sync >"$BASE/initdb.log" 2>&1 \
        || { cat "$BASE/initdb.log" >&2; die "initdb failed"; }

    # Own port, TCP on loopback only, socket in our folder (/var/run/postgresql may be absent
    # or not writable when not root).
    cat >>"$DATA/postgresql.conf" <<EOF

# --- throwaway test cluster (tests/scripts/postgres-test.sh) ---
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$BASE'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
}

start() {
    ensure_installed
    if is_running; then
        log "already running on 127.0.0.1:$PORT ($DATA)"
        echo "$CONN"
        return 0
    fi
    init_cluster
    # Lock files left by a crashed server would make the new one refuse to start.
    rm -f "$DATA/postmaster.pid" "$BASE/.s.PGSQL.$PORT" "$BASE/.s.PGSQL.$PORT.lock"
    # The port is fixed in postgresql.conf by the first start; keep it in line with the env.
    sed -i "s/^port = .*/port = $PORT/" "$DATA/postgresql.conf"
    if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
        die "port $PORT is taken by another server; set FOLLOWUP_PG_PORT to a free port"
    fi
    # -w waits until it accepts connections.
    if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null; then
        tail -n 30 "$LOG" >&2 || true
        die "server did not start (log: $LOG)"
    fi
    log "running on 127.0.0.1:$PORT ($DATA)"
    echo "$CONN"
}

stop() {
    if ! is_running; then
        rm -f "$DATA/postmaster.pid"
        log "not running"
        return 0
    fi
    BIN=$(find_bin) || die "PostgreSQL binaries not found"
    if ! as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null; then
        log "fast shutdown timed out; stopping immediately"
        as_owner "$BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null
    fi
    log "stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status)
        if is_running; then log "running on 127.0.0.1:$PORT"; echo "$CONN"; else log "not running"; exit 1; fi ;;
    url) echo "$CONN" ;;
    clean) stop; rm -rf "$BASE"; log "removed $BASE" ;;
    *) echo "usage: $0 start|stop|status|url|clean" >&2; exit 2 ;;
esac
