#!/usr/bin/env bash
# The e2e suite's web server (started by playwright.config.mjs): a plain `python3 -m http.server`,
# like a static host with no rewrite rules, serving
#   /archive/           the release build (dist/)
#   /archive/fixtures/  tests/e2e/fixtures/ (hand-made bundles: /archive/?bundle=fixtures/broken.json)
# from target/e2e-site/, a folder of symbolic links rebuilt on every start.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${1:?usage: serve.sh PORT}

if [ ! -f "$root/dist/index.html" ]; then
  echo "e2e: $root/dist/index.html is missing: build the app first (trunk build --release)" >&2
  exit 1
fi
site="$root/target/e2e-site"
rm -rf "$site"
mkdir -p "$site/archive"
for entry in "$root"/dist/*; do
  ln -s "$entry" "$site/archive/"
done
ln -s "$root/tests/e2e/fixtures" "$site/archive/fixtures"

# (SO_REUSEADDR as http.server sets it, so the TIME_WAIT of a previous run does not count.)
python3 -c "
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $port))" 2>/dev/null || {
  echo "e2e: port $port on 127.0.0.1 is taken; stop what uses it or set E2E_PORT" >&2
  exit 1
}
# Request lines go to a log, not into the test report; startup errors stay visible there.
echo "e2e: serving $site at http://127.0.0.1:$port/archive/ (log: target/e2e-server.log)" >&2
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" 2>"$root/target/e2e-server.log"
