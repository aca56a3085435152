#!/usr/bin/env bash
# The scale benchmark (docs/benchmarks.md, "Scale (issue 6)"): the app on sharded archives of
# 145k and 1M articles against Pagefind 1.6 on the same articles, in one headless Chromium run.
# Prints the tables and writes them to target/bench-results/scale-latest.md (plus a dated .md
# and .json).
#
#   bash scripts/bench-scale.sh                          # both sets (~8 min with its caches, 15–20 from nothing)
#   bash scripts/bench-scale.sh --sets 145k              # extra arguments go to bench/scale.mjs
#   bash scripts/bench-scale.sh --pagefind-1m skip       # no Pagefind build at 1M
#   bash scripts/bench-scale.sh --loads 1 --queries 3    # a quick look
#
# Uses the app as dist/ holds it (copied to target/bench-scale/app/ first, so a rebuild meanwhile
# cannot change it under the run; built with trunk only when dist/ has none), the data sets of
# scripts/scale-data.sh (remade when archive-bundle changed; SCALE_DATA=keep uses them as they
# are), Chromium at /usr/bin/chromium and bench/'s npm packages. Pagefind's indexes are
# cached in target/bench-scale/pagefind/. Everything it writes stays in target/.
set -euo pipefail
LOG_TAG=bench-scale
source "$(dirname "$0")/lib.sh"

[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing: run bash scripts/setup.sh"
command -v node >/dev/null || die "node is missing: run bash scripts/setup.sh"

# --- npm dependencies of bench/ (pinned by bench/package-lock.json) ---------------------------
bench_node_modules

# --- the app ------------------------------------------------------------------------------------
if [ ! -f dist/index.html ]; then
  log "dist/index.html is missing: building the app (trunk build --release)"
  trunk build --release
fi
# A copy, checked to be whole: index.html's loader names a js and a wasm file that must be there
# (a build that was replacing dist/ during the copy is caught, and the copy retried).
app=target/bench-scale/app
copied=0
for attempt in 1 2 3; do
  rm -rf "$app"
  mkdir -p target/bench-scale
  cp -a dist "$app"
  js=$(sed -n 's/.*data-js="\.\/\([^"]*\)".*/\1/p' "$app/index.html" | head -1)
  wasm=$(sed -n 's/.*data-wasm="\.\/\([^"]*\)".*/\1/p' "$app/index.html" | head -1)
  if [ -n "$js" ] && [ -n "$wasm" ] && [ -f "$app/$js" ] && [ -f "$app/$wasm" ]; then
    copied=1
    break
  fi
  log "dist/ looks half-written (index.html names ${js:-no js} and ${wasm:-no wasm}); retrying in 20 s"
  sleep 20
done
[ "$copied" = 1 ] || die "dist/ stayed inconsistent: its index.html names files it does not have"
log "app: dist/ copied to $app ($wasm, $(stat -c %s "$app/$wasm") bytes; built $(date -r "$app/$wasm" '+%F %T'))"

# --- the data sets (scripts/scale-data.sh) ----------------------------------------------------
# scale-data.sh builds archive-bundle and remakes a set only when the binary changed since the set
# was written, so the data always matches the sharded form the app reads. SCALE_DATA=keep uses the
# sets as they are; when the remake fails (archive-cli does not build mid-edit) the sets already
# there are used, with a warning.
sets=145k,1m
for ((i = 1; i <= $#; i++)); do
  if [ "${!i}" = --sets ]; then j=$((i + 1)); sets=${!j}; fi
done
for set in ${sets//,/ }; do
  have=0
  [ -f "target/scale/$set/manifest.json" ] && [ -f "target/scale/$set.json" ] && have=1
  if [ "${SCALE_DATA:-}" = keep ] && [ "$have" = 1 ]; then
    log "ok: target/scale/$set (kept as made $(date -r "target/scale/$set/manifest.json" '+%F %T'))"
  elif ! bash scripts/scale-data.sh "$set"; then
    [ "$have" = 1 ] || die "could not make target/scale/$set (bash scripts/scale-data.sh $set failed)"
    log "warning: scripts/scale-data.sh $set failed; using target/scale/$set as made $(date -r "target/scale/$set/manifest.json" '+%F %T')"
  fi
done

# --- the run ------------------------------------------------------------------------------------
log "running: node bench/scale.mjs $* (one headless Chromium)"
start=$SECONDS
node bench/scale.mjs "$@"
log "done in $(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s; tables: target/bench-results/scale-latest.md"
