#!/usr/bin/env bash
# Builds the built-in archive, public/archive.json, from the CSTO page texts in ../shared
# (the seed page and corpus/csto-pages). Run it from anywhere; paths are relative to the
# repository root. The result is byte-identical on every run: `generated_at` is fixed below.
#
#   scripts/build-archive.sh            # rebuild public/archive.json and check it
#   SHARED=/path/to/shared scripts/build-archive.sh
#
# The seed page has no URL of its own; --url names the page it is the full text of
# (/news/smi/ria-novosti-…, also in pages.jsonl), so both are read as one article.
# crates/archive-cli/tests/corpus.rs imports the same inputs and fails when the committed
# public/archive.json differs from a fresh import: then run this script and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED="${SHARED:-../shared}"
GENERATED_AT="2026-11-30T00:00:00Z"
SEED_URL="https://en.odkb-csto.org/news/smi/ria-novosti-odkb-obespokoena-razmeshcheniem-elementov-pro-u-granits-ee-stran-uchastnits/"

cargo run --quiet --release -p archive-cli -- import pages \
  "$SHARED/seed/000_828ed33735dcd190.txt" --url "$SEED_URL" --lang en \
  "$SHARED/corpus/csto-pages/pages.jsonl" \
  "$SHARED/corpus/csto-pages/variants.jsonl" \
  --generated-at "$GENERATED_AT" \
  -o public/archive.json

# The search index, shipped beside the bundle (public/index/archive.index.<hash>.bin); the bundle
# records it in archive.search_index.
cargo run --quiet --release -p archive-cli -- index public/archive.json --out-dir public/index

# Exit code 0: no errors (undated articles and title-only articles are warnings).
cargo run --quiet --release -p archive-cli -- check public/archive.json | tail -n 1
