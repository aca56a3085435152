# Shared by setup.sh, run.sh and test.sh: the repository root as working directory, the tools on
# PATH, and the versions every script agrees on. Sourced, never run.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# cargo-installed tools (trunk, wasm-bindgen, wasm-bindgen-test-runner) and npm's wasm-opt.
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Never let Playwright try to download a browser: we use Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

TRUNK_VERSION=0.21.14
WASM_TARGET=wasm32-unknown-unknown

# The wasm-bindgen version Cargo.lock resolved; the CLI must be exactly this version.
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { found = 1; next }
       found && /^version = / { gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}

log() { printf "[%s] %s\n" "${LOG_TAG:-archive}" "$*"; }
die() { printf "[%s] ERROR: %s\n" "${LOG_TAG:-archive}" "$*" >&2; exit 1; }

# Installs bench/node_modules with `npm ci` unless bench/package.json and its lock file are the
# ones it was installed from (a stamp file records their hash). Run from the repository root.
bench_node_modules() {
  local stamp=bench/node_modules/.bench-stamp want
  want=$(sha256sum bench/package.json bench/package-lock.json | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "ok: bench/node_modules"
  else
    log "installing: bench/node_modules (npm ci)"
    (cd bench && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
}
