#!/usr/bin/env bash
# Makes sure Debian's wrk (an HTTP load generator) is installed for the intake benchmark.
# Idempotent: does nothing when wrk is on the PATH. Prints the path of wrk.
set -euo pipefail

if ! command -v wrk >/dev/null 2>&1; then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    echo "== installing Debian's wrk for the intake benchmark" >&2
    export DEBIAN_FRONTEND=noninteractive
    # One retry: a mirror hiccup should not fail the run.
    $sudo apt-get update -qq >&2 || { sleep 5; $sudo apt-get update -qq >&2; }
    $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
command -v wrk
