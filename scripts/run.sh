#!/usr/bin/env bash
# Builds the release app and serves it the way a static host would: a plain static server
# (scripts/serve.py: no rewrite rules, no SPA fallback), under the subpath /archive/, with the
# CORS header that GitHub Pages sends too, so a partner's page can try the script embed
# (docs/embedding.md) against it.
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
python3 scripts/serve.py "$port" "$site" --cors
