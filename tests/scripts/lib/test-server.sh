# shellcheck shell=bash
# The start/stop/status loop shared by the loopback test servers in tests/scripts
# (smtp-test-server.sh, sms-test-server.sh, oidc-test-provider.sh, oidc-certified-provider.sh).
# Sourced, not run. A script sets these and then calls test_server_main "$@":
#
#   SERVER_NAME     the script's name, which prefixes what it says on stderr
#   SERVER_WHAT     what did not start, in the error message ("the provider", "aiosmtpd")
#   SERVER_DIR      its folder (created on start), holding at least SERVER_PIDFILE and SERVER_LOG
#   SERVER_PIDFILE  the pid file
#   SERVER_LOG      the server's stdout and stderr, shown when it does not start
#   SERVER_TRIES    how many times start checks the server's health, 0.1 s apart, before giving up
#   SERVER_CLEANUP  further files that stop removes along with the pid file (an array; optional)
#
# and defines these functions:
#
#   server_healthy   exit 0 when the server answers
#   server_address   prints what start and status print on stdout (the callers parse it)
#   server_prepare   what start does before launching (install, create folders); exits 1 on failure
#   server_launch    starts the server in the background (setsid nohup ... &), its stdout and stderr
#                    to SERVER_LOG; the pid file gets the last background job's pid ($!)
#
# start is idempotent (a running, healthy server is left alone and its address printed again),
# stop is idempotent, status exits 0 and prints the address when running and healthy, else exits 1.

log() { echo "$SERVER_NAME: $*" >&2; }
die() { log "$*"; exit 1; }

# The process in the pid file is alive.
server_running() {
    [[ -f $SERVER_PIDFILE ]] || return 1
    local pid
    pid=$(cat "$SERVER_PIDFILE" 2>/dev/null || true)
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

# Something accepts connections on 127.0.0.1:$1.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Exits 1 (saying which setting to change) when another process already listens on 127.0.0.1:$1.
require_free_port() {
    if listening "$1"; then
        die "port $1 is taken by another process; set $2"
    fi
}

# The address in file $1 (http://127.0.0.1:PORT) answers GET /test/health with 200. A plain
# HTTP/1.0 request over bash's /dev/tcp: no curl needed.
http_healthy() {
    [[ -f $1 ]] || return 1
    local url
    url=$(cat "$1")
    [[ $url =~ ^http://127\.0\.0\.1:([0-9]+)$ ]] || return 1
    local port=${BASH_REMATCH[1]} answer
    answer=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /test/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && timeout 5 cat <&3) 2>/dev/null || true)
    [[ $answer == *" 200 "* ]]
}

server_start() {
    if server_running && server_healthy; then
        server_address
        return 0
    fi
    server_stop
    mkdir -p "$SERVER_DIR"
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
        rm -f "$SERVER_PIDFILE" ${SERVER_CLEANUP[@]+"${SERVER_CLEANUP[@]}"}
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
