#!/usr/bin/env bash
# Start-up to first frame: runs the release binary N times inside a real terminal (tmux) with
# FIDDLESTACK_EXIT_AFTER_FIRST_FRAME=1, which makes it quit right after drawing its first frame,
# and prints the median and other percentiles of the wall time of each run.
#   usage: benches/startup.sh [RUNS]      (default 50; needs tmux and `cargo build --release`)
set -euo pipefail
runs=${1:-50}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${CARGO_TARGET_DIR:-$top/target}/release/fiddlestack
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }
work=$(mktemp -d)
trap 'tmux -L fs-startup kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
: > "$work/empty.toml"
cat > "$work/measure.sh" <<SCRIPT
export FIDDLESTACK_EXIT_AFTER_FIRST_FRAME=1 FIDDLESTACK_DATA_DIR="$work/data"
for i in \$(seq $runs); do
  # The frame goes to the pane's terminal, as a user's would; failures are collected, not hidden.
  s=\$(date +%s%N); "$bin" --config "$work/empty.toml" 2>>"$work/stderr" || echo "exit status \$?" >>"$work/stderr"; e=\$(date +%s%N)
  echo \$(( (e - s) / 1000 )) >> "$work/times"
done
echo done > "$work/finished"
SCRIPT
tmux -L fs-startup -f /dev/null new-session -d -x 120 -y 40 "bash $work/measure.sh"
for _ in $(seq 600); do [ -f "$work/finished" ] && break; sleep 0.1; done
[ -f "$work/finished" ] || { echo "timed out" >&2; exit 1; }
[ -s "$work/stderr" ] && { echo "the binary failed:" >&2; cat "$work/stderr" >&2; exit 1; }
sort -n "$work/times" | awk '{ a[NR] = $1 } END {
  printf "start-up to first frame over %d runs: median %.1f ms, p10 %.1f ms, p90 %.1f ms, min %.1f ms\n",
    NR, a[int((NR + 1) / 2)] / 1000, a[int(NR * 0.1) + 1] / 1000, a[int(NR * 0.9)] / 1000, a[1] / 1000 }'
