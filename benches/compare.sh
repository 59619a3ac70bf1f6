#!/usr/bin/env bash
# fiddlestack's opening of a JSON body (index, Tree, Table, Pretty: what runs off the loop when
# a response arrives) beside `jq empty` on the same generated nova servers/detail file, with
# wall time and peak memory (GNU time) of each, median of RUNS runs.
#   usage: benches/compare.sh [MB] [RUNS]     (default 100 MB, 3 runs; needs jq and /usr/bin/time)
set -euo pipefail
mb=${1:-100}
runs=${2:-3}
top=$(cd "$(dirname "$0")/.." && pwd)
command -v jq >/dev/null || { echo "jq is needed (apt install jq)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt install time)" >&2; exit 1; }
cd "$top"
cargo build --release --example open_json >/dev/null 2>&1
bin=${CARGO_TARGET_DIR:-$top/target}/release/examples/open_json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" generate "$mb" "$work/body.json" >/dev/null
measure() {
  local name=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null
    cat "$work/t"
  done | sort -n | awk -v name="$name" -v mb="$mb" '{ s[NR] = $1; m[NR] = $2 } END {
    printf "%-22s %3d MB: median %.2f s, peak memory %.0f MB (%.1f× the body)\n",
      name, mb, s[int((NR + 1) / 2)], m[int((NR + 1) / 2)] / 1024, m[int((NR + 1) / 2)] / 1024 / mb }'
}
measure "jq empty" jq empty "$work/body.json"
measure "fiddlestack open_json" "$bin" open "$work/body.json"
