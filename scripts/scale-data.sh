#!/usr/bin/env bash
# Big sharded archives for the scale tests and benchmark, made from the shared corpus at run time
# (test data only: everything stays in target/scale/, never in the repository).
#
#   bash scripts/scale-data.sh e2e    # 100,000 articles generated from 1TV 2022 (5,437, seed 1)
#   bash scripts/scale-data.sh 145k   # the 144,944-row 1TV index, imported as it is
#   bash scripts/scale-data.sh 1m     # 1,000,000 articles generated from the 145k set (seed 1)
#   bash scripts/scale-data.sh press  # 1,796 press releases (Kremlin, Ukraine), with places
#
# Each writes target/scale/<name>.json (the single-file bundle) and target/scale/<name>/ (its
# sharded form: manifest.json and the files it names). A set is rebuilt only when the
# archive-bundle binary changed since it was written (a stamp beside it), so re-runs are quick.
set -euo pipefail
LOG_TAG=scale
source "$(dirname "$0")/lib.sh"

SHARED=${SHARED:-$ROOT/../shared}
corpus="$SHARED/corpus/1tv-news-and-ru-state-media-index"
[ -d "$corpus" ] || die "$corpus is missing: the scale data is made from the shared corpus"
[ $# -gt 0 ] || die "usage: scale-data.sh e2e|145k|1m|press …"

cargo build --release -q -p archive-cli
bin="$ROOT/target/release/archive-bundle"
out="$ROOT/target/scale"
mkdir -p "$out"
stamp_of() { sha256sum "$bin" | cut -d' ' -f1; }

# import FILE NAME [OPTION…]: the single-file bundle target/scale/NAME.json from a record file.
import() {
  "$bin" import records "$1" -q -o "$out/$2.json" --report "$out/$2.report.json" "${@:3}"
}

# build NAME: the bundle and its sharded form, unless the stamp says they are current.
build() {
  local name=$1 stamp="$out/$1/.stamp"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(stamp_of)" ] && [ -f "$out/$name/manifest.json" ]; then
    log "ok: target/scale/$name (current)"
    return
  fi
  local start=$SECONDS
  case "$name" in
    e2e)
      import "$corpus/1tv_news_2022.jsonl.gz" 1tv-2022
      "$bin" generate --from "$out/1tv-2022.json" --count 100000 --seed 1 -o "$out/e2e.json" --quiet
      ;;
    145k) import "$corpus/1tv_news.jsonl.gz" 145k ;;
    # The scraper wrote Z after local times: the Kremlin's are Moscow's, Kyiv's change with
    # summer time (docs/importing.md, "Dates").
    press)
      import "$SHARED/corpus/zelenskyy-putin-press-releases/articles.jsonl.gz" press \
        --utc-offset en.kremlin.ru=+03:00 --utc-offset none
      ;;
    1m)
      [ -f "$out/145k.json" ] || build 145k
      "$bin" generate --from "$out/145k.json" --count 1000000 --seed 1 -o "$out/1m.json" --quiet
      ;;
    *) die "no data set is named \"$name\" (sets: e2e 145k 1m press)" ;;
  esac
  "$bin" shard "$out/$name.json" -o "$out/$name"
  stamp_of >"$stamp"
  log "made: target/scale/$name ($((SECONDS - start)) s)"
}

for name in "$@"; do build "$name"; done
