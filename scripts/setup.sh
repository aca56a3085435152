#!/usr/bin/env bash
# Installs what building, running and testing Archive Browser needs, and skips what is already
# there (a warm run takes seconds). Only package registries are used: rustup's target, crates.io
# (trunk, wasm-bindgen-cli), npm (wasm-opt from binaryen, Playwright, axe-core) and Debian
# (Chromium and its driver). Nothing downloads a browser or a binary from anywhere else.
#
#   bash scripts/setup.sh
set -euo pipefail
LOG_TAG=setup
source "$(dirname "$0")/lib.sh"
started=$SECONDS

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# --- Rust: the wasm target -------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"
if rustup target list --installed | grep -qx "$WASM_TARGET"; then
  log "ok: rust target $WASM_TARGET"
else
  log "installing: rust target $WASM_TARGET"
  rustup target add "$WASM_TARGET"
fi

# --- trunk -----------------------------------------------------------------------------------
# 0.22 needs a newer rustc than these machines have; --locked keeps its dependencies as released.
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  log "ok: trunk $TRUNK_VERSION"
else
  log "installing: trunk $TRUNK_VERSION (cargo install, ~11 min on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen CLI and test runner, the version Cargo.lock resolved --------------------------
# Without --locked: the CLI's own lockfile pins a crate the registry no longer serves.
wbg=$(wasm_bindgen_version)
[ -n "$wbg" ] || die "Cargo.lock has no wasm-bindgen package; cannot tell which CLI to install"
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $wbg" ] &&
  [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" = "wasm-bindgen-test-runner $wbg" ]; then
  log "ok: wasm-bindgen-cli $wbg"
else
  log "installing: wasm-bindgen-cli $wbg (cargo install, ~6 min on 2 cores)"
  cargo install wasm-bindgen-cli --version "$wbg"
fi

# --- npm: wasm-opt (binaryen), Playwright, axe-core ---------------------------------------------
if ! command -v npm >/dev/null; then
  log "installing: nodejs and npm (Debian)"
  apt_install nodejs npm
fi
# node_modules is reinstalled only when package.json or package-lock.json changed since the last
# install; the stamp records their checksums.
stamp=node_modules/.archive-setup-stamp
want_stamp=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ] &&
  [ "$(wasm-opt --version 2>/dev/null)" = "wasm-opt version 132 (version_132)" ]; then
  log "ok: node_modules (wasm-opt 132, @playwright/test, @axe-core/playwright)"
else
  if [ -f package-lock.json ]; then
    log "installing: node_modules (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  else
    log "installing: node_modules (npm install; no package-lock.json yet)"
    npm install --no-audit --no-fund --loglevel=error
  fi
  cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1 >"$stamp"
fi
[ "$(wasm-opt --version 2>/dev/null)" = "wasm-opt version 132 (version_132)" ] ||
  die "node_modules/.bin/wasm-opt is not version_132 (got: $(wasm-opt --version 2>&1 || true))"

# --- Chromium and chromedriver (Debian) ----------------------------------------------------------
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  log "ok: $(/usr/bin/chromium --version 2>/dev/null || echo chromium), chromedriver"
else
  log "installing: chromium and chromium-driver (Debian)"
  apt_install chromium chromium-driver
fi

command -v python3 >/dev/null || { log "installing: python3 (Debian)"; apt_install python3; }

log "ready in $((SECONDS - started)) s"
