#!/usr/bin/env bash
# One command from a fresh machine to results you can query: installs what is missing, builds in release mode,
# starts a private PostgreSQL and the dev Kafka broker under .dev/, migrates, starts two workers, publishes
# Examples/, waits until every article is stored, and prints a summary with the psql command to explore it.
# Safe to run again: running services are reused, workers restarted on the new build.
set -euo pipefail
source "$(dirname "$0")/lib/dev.sh"
cd "$ROOT"

ensure_packages
log "building (release)"
swift build -c release
BIN="$(swift build -c release --show-bin-path)"

start_postgres
broker_was_running=false
if [ -s "$DEV/kafka/pid" ] && kill -0 "$(cat "$DEV/kafka/pid")" 2>/dev/null; then broker_was_running=true; fi
start_broker "$BIN/ingestctl"
if [ "$broker_was_running" = false ] && psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'newsingest'" | grep -q 1; then
    # The dev broker keeps its topics in memory: a new one starts empty, so results stored against the old
    # one's offsets would no longer match. Start the results over too.
    log "new dev broker: resetting the newsingest database to match its empty topics"
    stop_workers_if_any() { for f in "$DEV"/workers/*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null; rm -f "$f"; done; }
    mkdir -p "$DEV/workers"; stop_workers_if_any
    psql -d postgres -qc "DROP DATABASE newsingest WITH (FORCE)"
fi
ensure_database newsingest
export DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/newsingest"

log "migrating"
"$BIN/ingestctl" migrate

log "starting two workers"
mkdir -p "$DEV/workers"
for n in 1 2; do
    pidfile="$DEV/workers/worker-$n.pid"
    if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        kill -TERM "$(cat "$pidfile")"
        for _ in $(seq 1 100); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.1; done
    fi
    nohup "$BIN/ingest-worker" --worker-id "quickstart-$n" --metrics-port "$((PG_PORT + 1000 + n))" \
        >> "$DEV/workers/worker-$n.log" 2>&1 &
    echo $! > "$pidfile"
done

log "publishing Examples/"
"$BIN/ingest-producer" Examples

log "waiting until every article is stored"
if ! "$BIN/ingestctl" status --wait 120 > "$DEV/status.txt"; then
    cat "$DEV/status.txt"
    die "workers did not catch up within 120 s; see $DEV/workers/*.log"
fi
"$BIN/ingestctl" verify > "$DEV/verify.txt" || { cat "$DEV/verify.txt"; die "accounting failed"; }

echo
echo "NewsIngest is running: 2 workers, PostgreSQL on 127.0.0.1:$PG_PORT, dev broker at $KAFKA_BROKERS"
grep -E '^(articles|sightings|dead letters|outlets|stories|claims|claims carried by 2\+ outlets|total lag):' "$DEV/status.txt" | sed 's/^/  /'
tail -1 "$DEV/verify.txt" | sed 's/^/  /'
echo
echo "Explore the results:"
echo "  psql 'postgresql://postgres@127.0.0.1:$PG_PORT/newsingest'"
echo "  psql 'postgresql://postgres@127.0.0.1:$PG_PORT/newsingest' -c 'SELECT outlet, title, sightings FROM article_summary ORDER BY first_seen'"
echo "  psql 'postgresql://postgres@127.0.0.1:$PG_PORT/newsingest' -c 'SELECT speaker, outlet_count, left(content, 70) FROM claim_corroboration ORDER BY outlet_count DESC LIMIT 10'"
echo "The README's psql cookbook has more."
echo "Worker metrics and probes: curl -s 127.0.0.1:$((PG_PORT + 1001))/metrics | grep ^ingest_   (/healthz, /readyz)"
echo
echo "Publish more:   KAFKA_BROKERS=$KAFKA_BROKERS $BIN/ingest-producer PATH..."
echo "Stop it all:    Scripts/stop.sh"
