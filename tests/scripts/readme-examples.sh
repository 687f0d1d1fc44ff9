#!/usr/bin/env bash
# Runs the README's shell examples that are marked runnable (a line "<!-- runnable -->" right
# before a ```bash fence) against a started service: the Release build of the host in Development
# with its demo data, on SQLite in a temporary folder and a free loopback port ("localhost:5080" in
# the examples is replaced by it). Every curl fails on an HTTP error (--fail-with-body), and every
# block runs with `set -euo pipefail`: an example that no longer works as written fails.
# Prints one line per block and "N passed, N failed"; exits non-zero when a block failed.
# usage: tests/scripts/readme-examples.sh   (after a Release build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

source tests/scripts/demo-service.sh
WORK=$(mktemp -d /tmp/followup-readme-XXXXXX)
cleanup() { demo_service_stop; rm -rf "$WORK"; }
trap cleanup EXIT
demo_service_start "$WORK"
PORT=$DEMO_PORT

# Each runnable block into its own file.
awk -v dir="$WORK" '
    /^<!-- runnable -->$/ { mark = 1; next }
    mark && /^```bash$/ { n++; file = dir "/block-" n ".sh"; inside = 1; mark = 0; next }
    inside && /^```$/ { inside = 0; close(file); next }
    inside { print > file; next }
    { mark = 0 }
' README.md

passed=0 failed=0
for block in "$WORK"/block-*.sh; do
    [[ -e $block ]] || { echo "readme-examples: no block marked runnable in README.md"; exit 1; }
    sed -i "s/localhost:5080/127.0.0.1:$PORT/g" "$block"
    if (set -euo pipefail; curl() { command curl --fail-with-body "$@"; }; source "$block") >"$block.out" 2>&1; then
        passed=$((passed + 1)); echo "ok    $(basename "$block"): $(head -c 200 "$block.out" | tr '\n' ' ')"
    else
        failed=$((failed + 1)); echo "FAIL  $(basename "$block"):"; cat "$block"; echo "--- output:"; cat "$block.out"
    fi
done
echo "$passed passed, $failed failed"
((failed == 0))
