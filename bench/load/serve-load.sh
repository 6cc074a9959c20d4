#!/usr/bin/env bash
# Load on `econ-archive serve`: the query mix of ../shared/bench/queries.tsv
# sent round-robin to /api/v1/search by wrk, at 1, 8 and 32 connections,
# then a long run at 8 connections with the server's memory sampled.
#
#   bench/load/serve-load.sh INDEX_DIR [SECONDS_PER_STEP] [LONG_RUN_SECONDS]
#
# Needs wrk (Debian: apt-get install wrk) and a release build
# (cargo build --release). Prints requests/s, p50 and p99 per step, and the
# server's RSS at start, after each step and every 10 s of the long run.
# SERVE_ARGS adds options to `serve` (e.g. SERVE_ARGS="--cache-mb 0" to
# measure every request as a search, without the answer cache).
set -euo pipefail
cd "$(dirname "$0")/../.."
index=${1:?usage: serve-load.sh INDEX_DIR [SECONDS] [LONG_SECONDS]}
step=${2:-30}
long=${3:-300}
queries=${QUERIES:-../shared/bench/queries.tsv}
bin=${BIN:-target/release/econ-archive}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[ -f "$queries" ] || { echo "no query file at $queries" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

# The queries as a Lua table of URL-encoded strings.
python3 - "$queries" > "$work/mix.lua" <<'PY'
import sys, urllib.parse
qs = [l.rstrip("\n").split("\t")[2] for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
print("local paths = {")
for q in qs:
    print('  "/api/v1/search?q=%s",' % urllib.parse.quote(q, safe=""))
print("}")
print("""
local i = 0
function setup(thread) thread:set("offset", math.random(#paths)) end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i + (offset or 0)) % #paths + 1])
end
function done(summary, latency, requests)
  io.write(string.format("RESULT requests/s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.errors.status))
end
""")
PY

# shellcheck disable=SC2086
"$bin" serve --index "$index" --bind 127.0.0.1:0 ${SERVE_ARGS:-} > "$work/url" 2> "$work/log" &
server=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
url=$(head -1 "$work/url")
url=${url%/}
rss() { awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$server/status"; }
echo "server $url, RSS $(rss)"
curl -sf "$url/api/v1/search?q=tariffs" > /dev/null
for c in 1 8 32; do
  t=$(( c < 2 ? 1 : 2 ))
  printf "%2d connections: " "$c"
  wrk -t "$t" -c "$c" -d "${step}s" --latency -s "$work/mix.lua" "$url" | grep RESULT | sed 's/RESULT //'
  echo "   RSS after: $(rss)"
done
if [ "$long" -gt 0 ]; then
  echo "long run: 8 connections for ${long}s"
  wrk -t 2 -c 8 -d "${long}s" --latency -s "$work/mix.lua" "$url" | grep RESULT | sed 's/RESULT /  /' &
  load=$!
  for s in $(seq 10 10 "$long"); do sleep 10; echo "  ${s}s RSS $(rss)"; done
  wait "$load"
fi
