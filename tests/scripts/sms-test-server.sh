#!/usr/bin/env bash
# A local SMS gateway for the answer-link tests: a small HTTP server (Debian's python3, standard
# library only) that accepts what the service's SMS client sends — a form POST of from, to and
# message with HTTP Basic credentials, 46elks' request format — answers 200 with a JSON id like
# 46elks does, and records every request as one JSON file. Nothing is sent anywhere.
#
#   tests/scripts/sms-test-server.sh start    # idempotent; prints "PORT DIR" on stdout (only that)
#   tests/scripts/sms-test-server.sh stop     # idempotent
#   tests/scripts/sms-test-server.sh status   # exit 0 when running; prints "PORT DIR"
#
# Settings (environment):
#   FOLLOWUP_SMS_PORT  port on 127.0.0.1 (default: FOLLOWUP_SMTP_PORT + 100, else 55125)
#   FOLLOWUP_SMS_DIR   folder holding the recorded requests (requests/), log and pid file
#                      (default: FOLLOWUP_SMTP_DIR-sms, else /tmp/followup-sms)
set -euo pipefail

PORT="${FOLLOWUP_SMS_PORT:-$(( ${FOLLOWUP_SMTP_PORT:-55025} + 100 ))}"
BASE="${FOLLOWUP_SMS_DIR:-${FOLLOWUP_SMTP_DIR:+$FOLLOWUP_SMTP_DIR-sms}}"
BASE="${BASE:-/tmp/followup-sms}"
REQUESTS="$BASE/requests"
PIDFILE="$BASE/server.pid"
LOG="$BASE/server.log"
PYTHON=/usr/bin/python3

log() { echo "sms-test-server: $*" >&2; }
die() { log "$*"; exit 1; }

running() {
    [[ -f $PIDFILE ]] || return 1
    local pid
    pid=$(cat "$PIDFILE" 2>/dev/null || true)
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

SERVER='
import http.server, json, os, sys, time, urllib.parse
folder = sys.argv[2]
class Gateway(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items()}
        name = "%d-%d.json" % (time.time_ns(), os.getpid())
        record = {"path": self.path, "authorization": self.headers.get("Authorization"),
                  "contentType": self.headers.get("Content-Type"), "form": form}
        tmp = os.path.join(folder, "." + name)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(tmp, os.path.join(folder, name))
        answer = json.dumps({"id": name, "status": "created"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Gateway).serve_forever()
'

start() {
    if running && listening; then
        echo "$PORT $REQUESTS"
        return 0
    fi
    stop_quietly
    [[ -x $PYTHON ]] || die "$PYTHON is missing"
    mkdir -p "$REQUESTS"
    if listening; then
        die "port $PORT is taken by another process; set FOLLOWUP_SMS_PORT"
    fi
    setsid nohup "$PYTHON" -c "$SERVER" "$PORT" "$REQUESTS" >"$LOG" 2>&1 < /dev/null &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 100); do
        if listening; then
            echo "$PORT $REQUESTS"
            return 0
        fi
        running || break
        sleep 0.1
    done
    log "the SMS test server did not start; its log:"
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
        if running && listening; then echo "$PORT $REQUESTS"; else exit 1; fi
        ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
