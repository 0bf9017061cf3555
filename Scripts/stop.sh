#!/usr/bin/env bash
# Stops what quickstart.sh started: workers (gracefully), the dev broker and PostgreSQL. Its data (.dev/pg) stays.
set -euo pipefail
source "$(dirname "$0")/lib/dev.sh"
for pidfile in "$DEV"/workers/*.pid; do
    [ -e "$pidfile" ] || continue
    kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
done
stop_broker
stop_postgres
log "stopped"
