#!/usr/bin/env bash
# End-to-end benchmark (see Scripts/bench/e2e.py and the README's "Performance" section):
#   Scripts/bench-e2e.sh                                   # full run: 8,000 articles, 1 and 2 workers, peer, preload 100,000
#   Scripts/bench-e2e.sh --articles 2000 --preload 0 --skip-peer   # a quick run
#   Scripts/bench-e2e.sh --corpus FOLDER                   # your own articles
# It installs what is missing, builds release binaries, and starts (and always stops) its own PostgreSQL and dev
# broker under .dev/bench. Every option: Scripts/bench-e2e.sh --help
set -euo pipefail
source "$(dirname "$0")/lib/dev.sh"
case " $* " in *" -h "* | *" --help "*) ;; *) ensure_packages ;; esac
exec python3 "$ROOT/Scripts/bench/e2e.py" "$@"
