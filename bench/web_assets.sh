#!/usr/bin/env bash
# The web app's shipped size: what `reach serve` answers for the HTML shell and its assets, raw and
# gzip -9 (what a compressing proxy would send; reach itself sends them uncompressed).
#   bench/web_assets.sh        (after `make build`)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/reach}
[ -x "$BIN" ] || { echo "build/reach missing: run make build first"; exit 1; }
dir=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
REACH_DATA_DIR=$dir REACH_LISTEN=127.0.0.1:$port REACH_LOG_LEVEL=warn "$BIN" serve 2>"$dir/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
echo "| file | bytes | gzip -9 bytes |"
echo "|---|---|---|"
total=0 total_gz=0
for path in / /assets/app.js /assets/app.css; do
  curl -sf "http://127.0.0.1:$port$path" -o "$dir/body"
  raw=$(wc -c <"$dir/body") gz=$(gzip -9 -c "$dir/body" | wc -c)
  total=$((total + raw)) total_gz=$((total_gz + gz))
  echo "| $path | $raw | $gz |"
done
echo "| all | $total | $total_gz |"
