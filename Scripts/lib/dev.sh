# Shared set-up for quickstart.sh and test.sh. Source it; it defines functions and changes nothing by itself.
# Everything lives under .dev/ in the checkout: no system service, no sudo beyond `runuser` to the postgres user
# (PostgreSQL refuses to run as root).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEV="${NEWSINGEST_DEV_DIR:-$ROOT/.dev}"
PG_PORT="${NEWSINGEST_PG_PORT:-55432}"
PG_BIN="${NEWSINGEST_PG_BIN:-}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs the Debian packages the build and the dev services need, only when something is missing.
ensure_packages() {
    local wanted=(librdkafka-dev libpq-dev libxml2-dev pkg-config postgresql postgresql-client kcat)
    local missing=()
    for package in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# Installs the Python packages of the deployment checks (Scripts/requirements.txt: jsonschema, PyYAML) from PyPI,
# only when one is missing or too old. Debian's own python3 refuses pip installs outside a venv unless told.
ensure_python_packages() {
    local requirements="$ROOT/Scripts/requirements.txt"
    python3 - "$requirements" <<'PY' 2>/dev/null && return 0
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    name, _, minimum = line.strip().partition(">=")
    if name and tuple(map(int, version(name).split(".")[:2])) < tuple(map(int, minimum.split(".")[:2])):
        sys.exit(1)
PY
    log "installing the Python packages in Scripts/requirements.txt"
    if ! python3 -m pip --version >/dev/null 2>&1; then
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
    fi
    python3 -m pip install --quiet --disable-pip-version-check -r "$requirements" 2>/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages -r "$requirements"
}

pg_bin() {
    if [ -z "$PG_BIN" ]; then
        PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
        [ -n "$PG_BIN" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
    fi
    echo "$PG_BIN"
}

# Runs a PostgreSQL server command as the postgres user when we are root.
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Where the dev PostgreSQL keeps its data, socket and log: $DEV/pg when the server's user can reach it. As root,
# PostgreSQL runs as `postgres`, who cannot enter a checkout under a 0700 folder (root's home, or any home on
# Debian 12): then the data lives in /var/lib/postgresql/newsingest/<checkout hash>-<port> (the postgres user's
# own home), and $DEV/pg is a symlink to it.
pg_dir() {
    if [ -n "${PG_DIR:-}" ]; then echo "$PG_DIR"; return; fi
    if [ "$(id -u)" != 0 ]; then
        PG_DIR="$DEV/pg"
    elif [ -L "$DEV/pg" ]; then
        PG_DIR="$(readlink -f "$DEV/pg")"
    else
        mkdir -p "$DEV/pg"
        chown postgres:postgres "$DEV/pg"
        if runuser -u postgres -- test -w "$DEV/pg" -a -x "$DEV/pg"; then
            PG_DIR="$DEV/pg"
        else
            # Nothing of value can be in a folder the server could never use.
            [ -e "$DEV/pg/data/PG_VERSION" ] || rm -rf "$DEV/pg"
            PG_DIR="/var/lib/postgresql/newsingest/$(printf '%s' "$DEV" | sha256sum | cut -c1-12)-$PG_PORT"
            install -d -o postgres -g postgres -m 755 /var/lib/postgresql/newsingest
            install -d -o postgres -g postgres -m 700 "$PG_DIR"
            printf '%s\n' "$ROOT" > "$PG_DIR.checkout"
            ln -sfn "$PG_DIR" "$DEV/pg"
            log "PostgreSQL cannot reach $DEV (a parent folder is private): its data is in $PG_DIR"
        fi
    fi
    echo "$PG_DIR"
}

# Starts (or reuses) a private PostgreSQL on 127.0.0.1:$PG_PORT with data in $(pg_dir).
start_postgres() {
    local bin data dir
    bin="$(pg_bin)"
    mkdir -p "$DEV"
    pg_dir >/dev/null
    dir="$PG_DIR"
    data="$dir/data"
    if [ ! -s "$data/PG_VERSION" ]; then
        log "initialising PostgreSQL in $data"
        as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        log "PostgreSQL already running on port $PG_PORT"
    else
        log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        if ! as_postgres "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
            -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null; then
            # The server's own words (a port in use, no shared memory...) say why; the caller may delete $dir.
            tail -n 20 "$dir/server.log" >&2 || true
            die "PostgreSQL did not start on 127.0.0.1:$PG_PORT (log: $dir/server.log)"
        fi
    fi
    export PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=postgres
}

restart_postgres() {
    pg_dir >/dev/null
    as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w restart >/dev/null
}

stop_postgres() {
    [ -e "$DEV/pg" ] || return 0
    pg_dir >/dev/null
    [ -s "$PG_DIR/data/PG_VERSION" ] || return 0
    as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}

# Creates the database if it does not exist.
ensure_database() {
    local name="$1"
    psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
        || psql -d postgres -qc "CREATE DATABASE \"$name\""
}

# Starts the dev broker (librdkafka's mock cluster) unless one from this checkout still answers.
start_broker() {
    local ctl="$1"
    local file="$DEV/kafka/bootstrap"
    mkdir -p "$DEV/kafka"
    if [ -s "$file" ] && [ -s "$DEV/kafka/pid" ] && kill -0 "$(cat "$DEV/kafka/pid")" 2>/dev/null; then
        log "dev broker already running at $(cat "$file")"
    else
        rm -f "$file" "$DEV/kafka/control"
        mkfifo "$DEV/kafka/control"
        log "starting the dev broker (librdkafka mock cluster)"
        # The FIFO stays open for writing by a sleeper, so fault commands can be sent with: echo ... > control
        (sleep infinity > "$DEV/kafka/control" & echo $! > "$DEV/kafka/control.pid")
        nohup "$ctl" dev-broker --brokers 3 --topic articles.raw:8 --topic articles.dlq:2 \
            --bootstrap-file "$file" < "$DEV/kafka/control" > "$DEV/kafka/broker.out" 2> "$DEV/kafka/broker.log" &
        echo $! > "$DEV/kafka/pid"
        for _ in $(seq 1 100); do [ -s "$file" ] && break; sleep 0.1; done
        [ -s "$file" ] || die "dev broker did not start; see $DEV/kafka/broker.log"
    fi
    export KAFKA_BROKERS="$(cat "$file")"
}

stop_broker() {
    if [ -s "$DEV/kafka/pid" ]; then
        kill "$(cat "$DEV/kafka/pid")" 2>/dev/null || true
        rm -f "$DEV/kafka/pid" "$DEV/kafka/bootstrap"
    fi
    if [ -s "$DEV/kafka/control.pid" ]; then
        kill "$(cat "$DEV/kafka/control.pid")" 2>/dev/null || true
        rm -f "$DEV/kafka/control.pid"
    fi
}
