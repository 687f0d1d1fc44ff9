# shellcheck shell=bash
# The start/stop/status loop shared by the loopback test servers in tests/scripts
# (smtp-test-server.sh, sms-test-server.sh, oidc-test-provider.sh, oidc-certified-provider.sh).
# Sourced, not run. A script
#
#   1. calls test_server_files DIR STEM: the server's folder (created on start), its pid file
#      DIR/STEM.pid and its log DIR/STEM.log (its stdout and stderr, shown when it does not start);
#   2. calls test_server_on_port PORT FOLDER (the server listens on 127.0.0.1:PORT; start and
#      status print "PORT FOLDER") or test_server_url_file (the server's address is in DIR/url,
#      it answers GET /test/health with 200; start and status print "URL DIR");
#   3. sets SERVER_WHAT, what did not start in the error message ("the provider", "aiosmtpd"), and
#      SERVER_TRIES, how many times start checks the server's health, 0.1 s apart, before giving up;
#   4. defines server_prepare, what start does before launching (install, create folders; exits 1
#      on failure), and server_launch, which starts the server in the background
#      (setsid nohup ... &) with its output to SERVER_LOG: the pid file gets that job's pid ($!);
#   5. calls test_server_main "$@".
#
# start is idempotent (a running, healthy server is left alone and its address printed again),
# stop is idempotent, status exits 0 and prints the address when running and healthy, else exits 1.

# What the script says on stderr starts with its name (smtp-test-server: ...).
SERVER_NAME=$(basename "$0" .sh)
# The address file (set by test_server_url_file only).
SERVER_URLFILE=""
# Files that stop removes along with the pid file.
SERVER_CLEANUP=()

log() { echo "$SERVER_NAME: $*" >&2; }
die() { log "$*"; exit 1; }

test_server_files() {
    SERVER_DIR=$1
    SERVER_PIDFILE="$1/$2.pid"
    SERVER_LOG="$1/$2.log"
}

# Something accepts connections on 127.0.0.1:$1.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

test_server_on_port() {
    SERVER_PORT=$1
    SERVER_FOLDER=$2
}

test_server_url_file() {
    SERVER_URLFILE="$SERVER_DIR/url"
    SERVER_CLEANUP=("$SERVER_URLFILE")
}

# Exits 1 (saying which setting to change) when another process already listens on the server's port.
require_free_port() {
    if listening "$SERVER_PORT"; then
        die "port $SERVER_PORT is taken by another process; set $1"
    fi
}

server_healthy() {
    if [[ -z $SERVER_URLFILE ]]; then
        listening "$SERVER_PORT"
        return
    fi
    [[ -f $SERVER_URLFILE ]] || return 1
    local url
    url=$(cat "$SERVER_URLFILE")
    [[ $url =~ ^http://127\.0\.0\.1:([0-9]+)$ ]] || return 1
    # A plain HTTP/1.0 request over bash's /dev/tcp: no curl needed.
    local port=${BASH_REMATCH[1]} answer
    answer=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /test/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && timeout 5 cat <&3) 2>/dev/null || true)
    [[ $answer == *" 200 "* ]]
}

# What start and status print on stdout, which the callers parse.
server_address() {
    if [[ -z $SERVER_URLFILE ]]; then
        echo "$SERVER_PORT $SERVER_FOLDER"
    else
        echo "$(cat "$SERVER_URLFILE") $SERVER_DIR"
    fi
}

# The process in the pid file is alive.
server_running() {
    [[ -f $SERVER_PIDFILE ]] || return 1
    local pid
    pid=$(cat "$SERVER_PIDFILE" 2>/dev/null || true)
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

server_start() {
    if server_running && server_healthy; then
        server_address
        return 0
    fi
    server_stop
    mkdir -p "$SERVER_DIR"
    # No address from an earlier run: health is checked at the address the new server writes.
    if [[ -n $SERVER_URLFILE ]]; then rm -f "$SERVER_URLFILE"; fi
    server_prepare
    # setsid + nohup (in server_launch): the server outlives the calling shell (and a test host's process group).
    server_launch
    echo $! >"$SERVER_PIDFILE"
    for _ in $(seq 1 "$SERVER_TRIES"); do
        if server_healthy; then
            server_address
            return 0
        fi
        server_running || break
        sleep 0.1
    done
    log "$SERVER_WHAT did not start; its log:"
    cat "$SERVER_LOG" >&2 || true
    server_stop
    exit 1
}

server_stop() {
    if [[ -f $SERVER_PIDFILE ]]; then
        local pid
        pid=$(cat "$SERVER_PIDFILE" 2>/dev/null || true)
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
        rm -f "$SERVER_PIDFILE" "${SERVER_CLEANUP[@]}"
    fi
}

test_server_main() {
    case "${1:-}" in
        start) server_start ;;
        stop) server_stop ;;
        status)
            if server_running && server_healthy; then server_address; else exit 1; fi
            ;;
        *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
    esac
}
