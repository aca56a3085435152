#!/usr/bin/env bash
# The embedding demo: builds the app, serves it at http://127.0.0.1:8080/archive/ (with CORS, as
# a host serving partners must) and the demo partner page docs/embed-demo/ at
# http://localhost:8081/ — another origin and another site. Ctrl-C stops both.
#
#   bash scripts/embed-demo.sh
set -euo pipefail
LOG_TAG=embed-demo
source "$(dirname "$0")/lib.sh"

bash scripts/setup.sh
log "building the release app (trunk build --release)"
trunk build --release
site=$(mktemp -d "${TMPDIR:-/tmp}/archive-site.XXXXXX")
ln -s "$ROOT/dist" "$site/archive"
python3 scripts/serve.py 8080 "$site" --cors 2>/dev/null &
app=$!
trap 'kill "$app"; rm -rf "$site"' EXIT
log "the archive: http://127.0.0.1:8080/archive/   the partner's page: http://localhost:8081/  (Ctrl-C stops)"
python3 scripts/serve.py 8081 docs/embed-demo
