#!/usr/bin/env bash
# The e2e suite's app server (started by playwright.config.mjs): scripts/serve.py, a plain
# static server like a host with no rewrite rules (plus CORS, which hosts serving partners' script
# embeds send), serving from target/e2e/PORT/site/ (per port, so two runs never share it),
# rebuilt on every start:
#   /archive/           the release build (dist/, as symbolic links)
#   /archive/fixtures/  tests/e2e/fixtures/ (hand-made bundles: /archive/?bundle=fixtures/broken.json)
#   /archive/stall/     the built-in bundle, half of it sent and then nothing (a stalled download)
#   /archive/edited/    the built-in bundle edited after indexing (/archive/?bundle=edited/archive.json)
#   /archive/big/       target/scale/e2e/, the sharded 100,000-article archive scripts/scale-data.sh
#                       makes from the corpus (/archive/?bundle=big/manifest.json), when it exists
#   /archive/press/     target/scale/press/, 1,796 press releases sharded (scale-data.sh press),
#                       and /archive/press.json, the same as a single file
#   /beside/            the release build again, outside the app's folder: a bundle opened with
#                       ?bundle=../beside/archive.json, on the same site but not under /archive/
#   /update/            one of two deployments made from the build (tests/e2e/make-deploys.py):
#                       a link to target/e2e/PORT/deploys/v1, which the update test turns to v2
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${1:?usage: serve.sh PORT}
# E2E_DIST: another build folder to test (default dist/), e.g. one built with --dist target/dist-x.
dist=$(cd "$root" && realpath -m "${E2E_DIST:-dist}")

if [ ! -f "$dist/index.html" ]; then
  echo "e2e: $dist/index.html is missing: build the app first (trunk build --release)" >&2
  exit 1
fi
site="$root/target/e2e/$port/site"
deploys="$root/target/e2e/$port/deploys"
rm -rf "$site"
mkdir -p "$site/archive"
for entry in "$dist"/*; do
  ln -s "$entry" "$site/archive/"
done
ln -s "$root/tests/e2e/fixtures" "$site/archive/fixtures"
# /archive/stall/archive.json: the built-in bundle, of which the server sends half and then
# nothing (serve.py --stall).
mkdir -p "$site/archive/stall"
ln -s "$dist/archive.json" "$site/archive/stall/archive.json"
ln -s "$dist" "$site/beside"
# /archive/edited/: the built-in bundle edited by hand after it was indexed (its articles in
# reverse order, one title changed), its content_hash and search index left as published.
mkdir -p "$site/archive/edited"
python3 - "$dist" "$site/archive/edited" <<'PY'
import json, os, sys
dist, out = sys.argv[1:]
with open(os.path.join(dist, "archive.json"), encoding="utf-8") as f:
    bundle = json.load(f)
bundle["articles"][0]["title"] = "Zyzzogeton drills: " + bundle["articles"][0]["title"]
bundle["articles"].reverse()
with open(os.path.join(out, "archive.json"), "w", encoding="utf-8") as f:
    json.dump(bundle, f, ensure_ascii=False)
href = bundle["archive"]["search_index"]["href"]
os.makedirs(os.path.dirname(os.path.join(out, href)), exist_ok=True)
os.symlink(os.path.realpath(os.path.join(dist, href)), os.path.join(out, href))
PY
if [ -f "$root/target/scale/e2e/manifest.json" ]; then
  ln -s "$root/target/scale/e2e" "$site/archive/big"
fi
if [ -f "$root/target/scale/press/manifest.json" ]; then
  ln -s "$root/target/scale/press" "$site/archive/press"
  ln -s "$root/target/scale/press.json" "$site/archive/press.json"
fi
python3 "$root/tests/e2e/make-deploys.py" "$dist" "$deploys" >&2
ln -s "$deploys/v1" "$site/update"

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
echo "e2e: serving $site at http://127.0.0.1:$port/archive/ (log: target/e2e/$port/server.log)" >&2
exec python3 "$root/scripts/serve.py" "$port" "$site" --cors --stall /archive/stall/ 2>"$root/target/e2e/$port/server.log"
