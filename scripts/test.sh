#!/usr/bin/env bash
# Runs every check of Archive Browser, in order, stopping at the first failure with the name of the
# step that failed: formatting, lints, docs, native tests, browser component tests, the release
# build (and its wasm size), the 100,000-article sharded archive made from the corpus, and the
# Playwright end-to-end suite against that build served from a subpath by a plain static server. CI runs this (.ci/run); so can you:
#
#   bash scripts/test.sh           # everything
#   bash scripts/test.sh build     # set-up, then from the step "build" on (a step name from below)
#
# It needs ../shared beside the repository (tests read the corpus from there). It never runs
# `cargo clean`: one target/ dir serves every step and every run.
set -euo pipefail
LOG_TAG=test
source "$(dirname "$0")/lib.sh"

logs="$ROOT/target/test-logs"
mkdir -p "$logs"
rm -f "$logs"/*.log
started=$SECONDS
summary=()
current=
from=${1:-}
case "$from" in
  "" | fmt | clippy | clippy-wasm | doc | test-native | test-browser | build | scale-data | e2e) ;;
  *) die "no step is named \"$from\" (steps: fmt clippy clippy-wasm doc test-native test-browser build scale-data e2e)" ;;
esac

on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ -n "$current" ]; then
    printf '\n[test] FAILED at step "%s" (exit %s). Steps before it:\n' "$current" "$rc" >&2
    printf '  %s\n' "${summary[@]:-none}" >&2
    printf '[test] re-run the failing step alone with the command printed above it.\n' >&2
  fi
}
trap on_exit EXIT

# step NAME COMMAND... : runs COMMAND, teeing its output to target/test-logs/NAME.log.
step() {
  local name=$1 t0=$SECONDS
  shift
  if [ -n "$from" ] && [ "$name" != setup ]; then
    if [ "$name" != "$from" ]; then
      summary+=("$(printf '%-14s skipped (started at %s)' "$name" "$from")")
      return 0
    fi
    from=
  fi
  current=$name
  printf '\n===== %s\n$ %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$logs/$name.log"
  summary+=("$(printf '%-14s ok  %4ss' "$name" "$((SECONDS - t0))")")
  current=
}

[ -d "$ROOT/../shared" ] || die "../shared is missing beside the repository: the tests read the corpus from it"

step setup bash scripts/setup.sh
step fmt cargo fmt --all --check
step clippy cargo clippy -p archive-core -p archive-cli --all-targets -- -D warnings
step clippy-wasm cargo clippy -p archive-browser --target "$WASM_TARGET" --all-targets -- -D warnings
step doc env RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps -p archive-core -p archive-cli
step test-native cargo test -p archive-core -p archive-cli
step test-browser cargo test -p archive-browser --target "$WASM_TARGET"
step build trunk build --release

# The size a reader downloads: the optimised wasm, raw and gzipped.
shopt -s nullglob
wasms=(dist/*.wasm)
shopt -u nullglob
[ "${#wasms[@]}" -eq 1 ] || die "expected one .wasm in dist/ after trunk build, found ${#wasms[@]}"
wasm=${wasms[0]}
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
size_line=$(printf 'wasm size: %s bytes (%s KiB) raw, %s bytes (%s KiB) gzip -9  [%s]' \
  "$raw" "$((raw / 1024))" "$gz" "$((gz / 1024))" "${wasm#dist/}")
# What the service worker precaches: the list scripts/pwa.py wrote into dist/sw.js.
precache_line=$(python3 -c '
import json, os, re
sw = open("dist/sw.js", encoding="utf-8").read()
files = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", sw).group(1))
build = re.search(r"const BUILD = \"(\w+)\"", sw).group(1)
n = sum(os.path.getsize("dist/" + f) for f in files)
print(f"service worker precache: {len(files)} files, {n} bytes ({n // 1024} KiB)  [build {build}]")
') || die "dist/sw.js is missing or unreadable: did trunk run the post_build hook (scripts/pwa.py)?"
printf '\n===== size\n%s\n%s\n' "$size_line" "$precache_line"

# The 100,000-article sharded archive the scale tests read (tests/e2e/scale.spec.mjs), made from
# the corpus; kept between runs while the CLI is unchanged.
step scale-data bash scripts/scale-data.sh e2e press
rm -f target/e2e-report.json
step e2e npx --no-install playwright test

# Tally every test runner's results for the closing line.
passed=0 failed=0 skipped=0
while read -r p f i; do
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + i))
done < <(cat "$logs"/test-native.log "$logs"/test-browser.log 2>/dev/null |
  sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed; \([0-9]*\) ignored.*/\1 \2 \3/p')
if [ -f target/e2e-report.json ]; then
  read -r p f i < <(node -e '
    const s = JSON.parse(require("fs").readFileSync("target/e2e-report.json", "utf8")).stats;
    console.log(s.expected + s.flaky, s.unexpected, s.skipped);')
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + i))
fi

printf '\n===== summary (%ss in all)\n' "$((SECONDS - started))"
printf '  %s\n' "${summary[@]}"
printf '  %s\n' "$size_line" "$precache_line"
printf 'all: %s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped"
