#!/usr/bin/env bash
# Builds the release app and serves it the way a static host would: a plain `python3 -m
# http.server` (no rewrite rules, no SPA fallback), under the subpath /archive/.
#
#   bash scripts/run.sh            # then open http://127.0.0.1:8080/archive/
#   PORT=9000 bash scripts/run.sh
set -euo pipefail
LOG_TAG=run
source "$(dirname "$0")/lib.sh"
port=${PORT:-8080}

bash scripts/setup.sh
log "building the release app (trunk build --release)"
trunk build --release

# A folder whose only entry is archive -> dist, so the app lives at /archive/ as on a real host.
site=$(mktemp -d "${TMPDIR:-/tmp}/archive-site.XXXXXX")
trap 'rm -rf "$site"' EXIT
ln -s "$ROOT/dist" "$site/archive"

log "serving dist/ at http://127.0.0.1:$port/archive/  (Ctrl-C stops)"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site"
