#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (Playwright drives it through
# ExecutablePath; Playwright's own browser download is never used). Idempotent: does nothing
# when /usr/bin/chromium exists. Prints the path of the browser.
set -euo pipefail

CHROMIUM="${FOLLOWUP_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x $CHROMIUM ]]; then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    echo "== installing Debian's chromium for the browser tests" >&2
    export DEBIAN_FRONTEND=noninteractive
    # One retry: a mirror hiccup should not fail the run.
    $sudo apt-get update -qq >&2 || { sleep 5; $sudo apt-get update -qq >&2; }
    $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
"$CHROMIUM" --version >&2
echo "$CHROMIUM"
