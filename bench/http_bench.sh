#!/usr/bin/env bash
# HTTP benchmark: wrk (Debian) at 64 keep-alive connections against a Release `reach serve` on
# SQLite with default settings (access log on, written to a file). Measures GET /healthz and an
# authenticated GET /api/companies/{id} (JWT check + user lookup + tenancy check + company read),
# each RUNS times for DURATION; reports the median req/s and median p99, plus idle and loaded RSS.
#   bench/http_bench.sh            (after `make build`; `make bench` does both)
#   RUNS=5 DURATION=15s bench/http_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
BIN=${BIN:-build/reach}  # BIN=/path/to/other/reach measures another build the same way
[ -x "$BIN" ] || { echo "build/reach missing: run make build first"; exit 1; }
command -v wrk >/dev/null || { echo "wrk missing: run scripts/install-deps.sh"; exit 1; }

dir=$(mktemp -d /tmp/reach-bench-XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
REACH_DATA_DIR=$dir REACH_LISTEN=127.0.0.1:$port "$BIN" serve 2>"$dir/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

email="bench@example.com"; password="bench-password-1"
curl -sf -X POST "$base/api/auth/signup" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" >/dev/null
token=""  # the verification mail goes out through the job queue
for _ in $(seq 100); do
  token=$(grep -rho 'verify?token=[A-Za-z0-9_-]*' "$dir/outbox" 2>/dev/null | head -n1 | cut -d= -f2) || true
  [ -n "$token" ] && break
  sleep 0.1
done
curl -sf -X POST "$base/api/auth/verify" -H 'Content-Type: application/json' -d "{\"token\":\"$token\"}" >/dev/null
jwt=$(curl -sf -X POST "$base/api/auth/login" -d "username=$email&password=$password" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
company=$(curl -sf -X POST "$base/api/companies" -H "Authorization: Bearer $jwt" -H 'Content-Type: application/json' \
  -d '{"name":"Bench Co","website":"https://bench.example"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $jwt" "$base/api/companies/$company")" = 200 ] ||
  { echo "authenticated read does not answer 200"; exit 1; }
sleep 1
rss_kb() { awk "/^$1:/ {print \$2}" "/proc/$pid/status"; }
idle_rss=$(rss_kb VmRSS)

# wrk's latency is printed like 1.23ms / 456.00us / 1.02s: normalise to milliseconds.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() {  # label, url, extra wrk args...
  local label=$1 url=$2; shift 2
  local rps=() p99=()
  for i in $(seq "$RUNS"); do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url")
    rps+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
    p99+=("$(echo "$out" | awk '$1 == "99%" {print $2}' | to_ms)")
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    [ -z "$non2xx" ] || { echo "$label: $non2xx non-2xx answers"; exit 1; }
  done
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$(printf '%s\n' "${rps[@]}" | median)" \
    "$(printf '%s\n' "${p99[@]}" | median)" "$(IFS=/; echo "${rps[*]}")" "$(IFS=/; echo "${p99[*]}")"
}

echo "reach $("$BIN" version | cut -d' ' -f2), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION, $RUNS runs each, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| endpoint | req/s (median) | p99 ms (median) | req/s per run | p99 ms per run |"
echo "|---|---|---|---|---|"
measure "GET /healthz" "$base/healthz"
loaded_rss=$(rss_kb VmRSS)
measure "GET /api/companies/{id} (authenticated)" "$base/api/companies/$company" -H "Authorization: Bearer $jwt"
loaded_rss2=$(rss_kb VmRSS)
[ "$loaded_rss2" -gt "$loaded_rss" ] && loaded_rss=$loaded_rss2
peak_rss=$(rss_kb VmHWM)
echo
echo "RSS: idle $((idle_rss / 1024)) MB, after load $((loaded_rss / 1024)) MB, peak $((peak_rss / 1024)) MB"
