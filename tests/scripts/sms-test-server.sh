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
# shellcheck source-path=SCRIPTDIR source=lib/test-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/test-server.sh"

BASE="${FOLLOWUP_SMS_DIR:-${FOLLOWUP_SMTP_DIR:+$FOLLOWUP_SMTP_DIR-sms}}"
test_server_files "${BASE:-/tmp/followup-sms}" server
REQUESTS="$SERVER_DIR/requests"
test_server_on_port "${FOLLOWUP_SMS_PORT:-$(( ${FOLLOWUP_SMTP_PORT:-55025} + 100 ))}" "$REQUESTS"
SERVER_WHAT="the SMS test server"
SERVER_TRIES=100
PYTHON=/usr/bin/python3

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

server_prepare() {
    [[ -x $PYTHON ]] || die "$PYTHON is missing"
    mkdir -p "$REQUESTS"
    require_free_port FOLLOWUP_SMS_PORT
}

server_launch() {
    setsid nohup "$PYTHON" -c "$SERVER" "$SERVER_PORT" "$REQUESTS" >"$SERVER_LOG" 2>&1 < /dev/null &
}

test_server_main "$@"
