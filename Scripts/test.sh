#!/usr/bin/env bash
# Sets up everything the tests need (packages, a private PostgreSQL under .dev/) and runs every test:
# format lint, unit tests, integration tests against the real PostgreSQL and librdkafka's mock cluster over TCP,
# and the multi-process tests. Usage: Scripts/test.sh [extra `swift test` arguments]
set -euo pipefail
source "$(dirname "$0")/lib/dev.sh"
cd "$ROOT"

# Tests read the team's shared data beside the clone: the seed articles, the Compose schema, the eval sets.
for needed in fixtures/seeds compose-spec.json eval; do
    [ -e "$ROOT/../shared/$needed" ] ||
        die "the tests read ../shared/$needed (beside this clone: $(dirname "$ROOT")/shared); clone the project next to shared/"
done

ensure_packages
ensure_python_packages
start_postgres
export NEWSINGEST_TEST_PG="host=127.0.0.1 port=$PG_PORT user=postgres"

# Test databases from earlier runs are dropped; each test creates its own.
for db in $(psql -d postgres -Atc "SELECT datname FROM pg_database WHERE datname LIKE 't\_%'"); do
    psql -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
done

log "checking formatting (swift format lint --strict)"
swift format lint --strict --recursive Package.swift Sources Tests

log "checking that Package.swift declares exactly what each target imports"
python3 Scripts/check-imports.py

log "building (debug)"
swift build

log "running tests"
swift test "$@"
