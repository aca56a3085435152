#!/usr/bin/env bash
# Import throughput and peak memory of `archive-bundle import records` on the largest archive of
# the shared corpus, the 144,944-row 1TV index (../shared/corpus/1tv-news-and-ru-state-media-
# index/1tv_news.jsonl.gz, test-only data: the bundle goes to target/, never into the repository).
#
#   bash scripts/bench-import.sh            # the 145k file
#   bash scripts/bench-import.sh FILE…      # any record files (extra options after `--`)
#
# Prints wall time, articles per second (records read / wall time) and the peak resident set
# size from /usr/bin/time -v (or getrusage through Python when GNU time is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
inputs=()
extra=()
seen_sep=
for a in "$@"; do
  if [ "$a" = "--" ]; then seen_sep=1; continue; fi
  if [ -n "$seen_sep" ]; then extra+=("$a"); else inputs+=("$a"); fi
done
[ "${#inputs[@]}" -gt 0 ] || inputs=("$SHARED/corpus/1tv-news-and-ru-state-media-index/1tv_news.jsonl.gz")
for f in "${inputs[@]}"; do [ -f "$f" ] || { echo "bench-import: no such file: $f" >&2; exit 2; }; done

cargo build --release -p archive-cli >&2
bin=target/release/archive-bundle
out=target/bench-import
mkdir -p "$out"
cmd=("$bin" import records "${inputs[@]}" "${extra[@]}" -q -o "$out/bundle.json" --report "$out/report.json")

start=$(date +%s.%N)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "${cmd[@]}" 2> "$out/time.txt"
  rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$out/time.txt")
else
  rss_kb=$(python3 - "${cmd[@]}" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
)
fi
end=$(date +%s.%N)

python3 - "$out/report.json" "$start" "$end" "$rss_kb" "$out/bundle.json" <<'PY'
import json, os, sys
report, start, end, rss_kb, bundle = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
r = json.load(open(report))
secs = end - start
read = r["records_read"]
size_in = sum(os.path.getsize(i["file"]) for i in r["inputs"])
print(f"records read:     {read}")
print(f"articles written: {r['articles']} ({r['dated']} dated, {len(r['merges'])} merges)")
print(f"wall time:        {secs:.2f} s")
print(f"throughput:       {read / secs:,.0f} articles/s ({size_in / secs / 1e6:.1f} MB/s of input as stored)")
print(f"peak RSS:         {rss_kb / 1024:.0f} MiB")
print(f"bundle:           {os.path.getsize(bundle) / 1e6:.1f} MB")
PY
