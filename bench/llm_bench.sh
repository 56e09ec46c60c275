#!/usr/bin/env bash
# LLM benchmark: REQUESTS email generations through Reach's OpenAI adapter (build/reach_llm_bench) against
# tests/support/fake_ai.py answering after LATENCY_MS, at CONCURRENCY requests in flight. The bound is
# CONCURRENCY / latency (64 / 0.2 s = 320 per second). Side by side in the same run, the reference:
# curl --parallel sending the same number of requests at the same concurrency to the same fake, which
# shows what the fake itself can serve on this machine. RUNS runs each; medians reported.
#   bench/llm_bench.sh            (after `make build`; `make bench` does both)
#   RUNS=5 REQUESTS=2000 bench/llm_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
REQUESTS=${REQUESTS:-1000}
CONCURRENCY=${CONCURRENCY:-64}
LATENCY_MS=${LATENCY_MS:-200}
BIN=build/reach_llm_bench
[ -x "$BIN" ] || { echo "$BIN missing: run make build first"; exit 1; }

dir=$(mktemp -d /tmp/reach-llm-bench-XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
/usr/bin/python3 tests/support/fake_ai.py --port "$port" --key bench-key 2>"$dir/fake.log" &
fake=$!
trap 'kill $fake 2>/dev/null; wait $fake 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -sf "$base/_fake/requests" >/dev/null && break; sleep 0.1; done

reset_fake() {
  curl -sf -X POST "$base/_fake/reset" >/dev/null
  curl -sf -X POST "$base/_fake/config" -H 'Content-Type: application/json' -d "{\"latency_ms\": $LATENCY_MS}" >/dev/null
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}'; }

# The reference's requests: the same endpoint, key and structured-output request shape Reach sends.
cat >"$dir/body.json" <<'EOF'
{"model":"gpt-4o-mini","max_tokens":900,"messages":[{"role":"system","content":"You write short sales emails."},
{"role":"user","content":"Write to Lead Example at Company about RouteIQ."}],
"response_format":{"type":"json_schema","json_schema":{"name":"email","strict":true,"schema":{"type":"object",
"properties":{"subject":{"type":"string"},"body":{"type":"string"}},"required":["subject","body"],
"additionalProperties":false}}}}
EOF
for i in $(seq "$REQUESTS"); do
  [ "$i" = 1 ] || echo next
  printf 'url = "%s/v1/chat/completions"\nheader = "Content-Type: application/json"\nheader = "Authorization: Bearer bench-key"\ndata = "@%s"\noutput = "/dev/null"\n' \
    "$base" "$dir/body.json"
done >"$dir/curl.cfg"

reach_rate=() cpu=() rss=() curl_rate=()
for _ in $(seq "$RUNS"); do
  reset_fake
  out=$("$BIN" --base-url "$base" --requests "$REQUESTS" --concurrency "$CONCURRENCY")
  [ "$(echo "$out" | field failures)" = 0 ] || { echo "reach run failed: $out"; exit 1; }
  reach_rate+=("$(echo "$out" | field per_s)")
  cpu+=("$(echo "$out" | field cpu_ms_per_request)")
  rss+=("$(echo "$out" | field peak_rss_mb)")

  reset_fake
  start=$(date +%s.%N)
  curl -sS --fail-early -Z --parallel-max "$CONCURRENCY" -K "$dir/curl.cfg" 2>"$dir/curl.err" ||
    { echo "curl reference failed: $(head -c 300 "$dir/curl.err")"; exit 1; }
  end=$(date +%s.%N)
  answered=$(curl -sf "$base/_fake/requests" | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  [ "$answered" = "$REQUESTS" ] || { echo "curl reference sent $answered of $REQUESTS requests"; exit 1; }
  curl_rate+=("$(awk -v n="$REQUESTS" -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", n / (b - a)}')")
done

bound=$(awk -v c="$CONCURRENCY" -v l="$LATENCY_MS" 'BEGIN {printf "%.0f", c * 1000 / l}')
r=$(printf '%s\n' "${reach_rate[@]}" | median)
c=$(printf '%s\n' "${curl_rate[@]}" | median)
echo "$REQUESTS generations, concurrency $CONCURRENCY, fake latency ${LATENCY_MS} ms (bound $bound/s), $(nproc) cores, $RUNS runs each, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| client | per second (median) | % of bound | per run | CPU ms per request (median) | peak RSS MB (median) |"
echo "|---|---|---|---|---|---|"
printf '| reach (OpenAiLlm, ProviderChannel, HttpLoop) | %s | %s | %s | %s | %s |\n' "$r" \
  "$(awk -v r="$r" -v b="$bound" 'BEGIN {printf "%.0f%%", 100 * r / b}')" "$(IFS=/; echo "${reach_rate[*]}")" \
  "$(printf '%s\n' "${cpu[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)"
printf '| curl --parallel (reference) | %s | %s | %s | - | - |\n' "$c" \
  "$(awk -v r="$c" -v b="$bound" 'BEGIN {printf "%.0f%%", 100 * r / b}')" "$(IFS=/; echo "${curl_rate[*]}")"
