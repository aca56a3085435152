#!/usr/bin/env bash
# The side-by-side search benchmark (docs/benchmarks.md): archive-core against MiniSearch,
# FlexSearch and Pagefind on Reuters-21578, 1TV 2022 and the 145k 1TV set, in one headless
# Chromium run, plus the native criterion benchmark of the core. Prints the tables and writes
# them to target/bench-results/ (latest.md, and a dated .md and .json per run).
#
#   bash scripts/bench-search.sh                      # everything (about 20 min on 2 cores)
#   bash scripts/bench-search.sh --corpora 1tv-2022   # extra arguments go to bench/run.mjs
#   BENCH_NATIVE=0 bash scripts/bench-search.sh       # skip the criterion benchmark
#   BENCH_O3=0 bash scripts/bench-search.sh           # skip the opt-level 3 wasm variant
#   BENCH_CLI=0 bash scripts/bench-search.sh          # skip timing `archive-bundle index` at 145k
#
# Needs ../shared beside the repository (the corpora are read from there at run time and never
# copied into the repository), Chromium at /usr/bin/chromium and the wasm-bindgen CLI
# (bash scripts/setup.sh installs both). Data and results stay in target/ (not committed).
set -euo pipefail
LOG_TAG=bench
source "$(dirname "$0")/lib.sh"

[ -d "$ROOT/../shared/corpus" ] || die "../shared/corpus is missing beside the repository"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing: run bash scripts/setup.sh"
wbg=$(wasm_bindgen_version)
[ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $wbg" ] ||
  die "wasm-bindgen $wbg is missing: run bash scripts/setup.sh"
mkdir -p target/bench-results

# --- npm dependencies of bench/ (pinned by bench/package-lock.json) ---------------------------
bench_node_modules

# --- the wasm binding -------------------------------------------------------------------------
# As the app ships archive-core: the workspace's release profile (opt-level "z", LTO), then
# wasm-opt -Oz with the one-caller inlining cap, as trunk runs it (index.html).
log "building: bench/search-wasm (release profile, as the app)"
cargo build --release --target "$WASM_TARGET" -p search-wasm
wasm-bindgen --target web --out-dir target/bench-wasm \
  "target/$WASM_TARGET/release/search_wasm.wasm"
if command -v wasm-opt >/dev/null; then
  wasm-opt -Oz --one-caller-inline-max-function-size=200 \
    target/bench-wasm/search_wasm_bg.wasm -o target/bench-wasm/search_wasm_bg.wasm
fi
# A variant at opt-level 3 (separate target dir, so the app's build is never disturbed).
if [ "${BENCH_O3:-1}" != 0 ]; then
  log "building: bench/search-wasm at opt-level 3 (target/bench-o3-cargo)"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_TARGET_DIR=target/bench-o3-cargo \
    cargo build --release --target "$WASM_TARGET" -p search-wasm
  wasm-bindgen --target web --out-dir target/bench-wasm-o3 \
    "target/bench-o3-cargo/$WASM_TARGET/release/search_wasm.wasm"
  if command -v wasm-opt >/dev/null; then
    wasm-opt -O3 target/bench-wasm-o3/search_wasm_bg.wasm -o target/bench-wasm-o3/search_wasm_bg.wasm
  fi
else
  rm -rf target/bench-wasm-o3
fi

# --- data -------------------------------------------------------------------------------------
node bench/prepare.mjs

# --- native: criterion on 1TV 2022, and the 145k build ----------------------------------------
native=()
if [ "${BENCH_NATIVE:-1}" != 0 ]; then
  log "running: cargo bench -p archive-core --bench search (with the 145k build)"
  ARCHIVE_BENCH_145K=1 cargo bench -p archive-core --bench search 2>&1 |
    tee target/bench-results/criterion.log | grep -E '^(1tv_|\s+time:)|1tv_all once' || true
  native=(--native-log target/bench-results/criterion.log)
fi

# --- the CLI: archive-bundle index on the 145k 1TV set, three times ------------------------------
cli=()
if [ "${BENCH_CLI:-1}" != 0 ]; then
  log "building: archive-cli (release profile)"
  if cargo build --release -p archive-cli; then
    node bench/cli-bundle.mjs
    : >target/bench-results/cli.log
    for run in 1 2 3; do
      cp target/bench-cli/1tv-all.json target/bench-cli/run.json
      target/release/archive-bundle index target/bench-cli/run.json 2>&1 | tee -a target/bench-results/cli.log
    done
    cli=(--cli-log target/bench-results/cli.log)
  else
    log "skipped: the CLI timing (archive-cli does not build; the rest goes on)"
  fi
fi

# --- the browser run --------------------------------------------------------------------------
log "running: node bench/run.mjs (one headless Chromium)"
node bench/run.mjs "${native[@]}" "${cli[@]}" "$@"
log "tables: target/bench-results/latest.md"
