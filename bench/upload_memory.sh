#!/usr/bin/env bash
# Upload memory: peak RSS and peak anonymous (heap) memory of a `reach serve` while it receives an 18 MB
# product document and a 30 MB lead list. File-backed pages of the spooled, mapped upload count in RSS
# but not in the heap, and the kernel can drop them.
#   bench/upload_memory.sh [path/to/reach]   (default build/reach; another build's binary compares it)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/reach}
dir=$(mktemp -d /tmp/reach-mem-XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
REACH_DATA_DIR=$dir REACH_LISTEN=127.0.0.1:$port REACH_WORKERS=0 "$BIN" serve 2>"$dir/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -X POST "$base/api/auth/signup" -H 'Content-Type: application/json' -d '{"email":"m@example.com","password":"memory-pass-1"}' >/dev/null
sleep 0.5
token=""  # the verification mail goes out through the job queue
for _ in $(seq 100); do
  token=$(grep -rho 'verify?token=[A-Za-z0-9_-]*' "$dir/outbox" 2>/dev/null | head -n1 | cut -d= -f2) || true
  [ -n "$token" ] && break
  sleep 0.1
done
curl -sf -X POST "$base/api/auth/verify" -H 'Content-Type: application/json' -d "{\"token\":\"$token\"}" >/dev/null
jwt=$(curl -sf -X POST "$base/api/auth/login" -d "username=m@example.com&password=memory-pass-1" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
company=$(curl -sf -X POST "$base/api/companies" -H "Authorization: Bearer $jwt" -H 'Content-Type: application/json' -d '{"name":"Mem Co"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
/usr/bin/python3 - "$dir" <<'PY'
import sys
d=sys.argv[1]
line="WeldBot X2 cuts cycle time and rework for small metal shops.\n"
open(d+"/doc.txt","w").write(line*(18_000_000//len(line)))
with open(d+"/leads.csv","w") as f:
    f.write("name,email,notes\n")
    i=0; n=0
    while n < 30_000_000:
        s=f"Lead {i},lead{i}@big.example,{'n'*700}\n"; f.write(s); n+=len(s); i+=1
PY
kb() { awk "/^$1:/ {print \$2}" /proc/$pid/status; }
measure() {  # label, curl args...
  local label=$1; shift
  echo 5 > /proc/$pid/clear_refs
  local before=$(kb VmRSS)
  local anon_before=$(kb RssAnon)
  ( peak=0; while [ -e /proc/$pid ] && [ ! -e $dir/stop ]; do a=$(kb RssAnon); [ "$a" -gt "$peak" ] && peak=$a && echo $peak > $dir/peak; sleep 0.002; done ) &
  local sampler=$!
  local code=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  touch $dir/stop; wait $sampler; rm -f $dir/stop
  echo "$label: HTTP $code, peak RSS +$(( ($(kb VmHWM) - before) / 1024 )) MB, peak anonymous (heap) +$(( ($(cat $dir/peak) - anon_before) / 1024 )) MB"
}
measure "18 MB product .txt" -X POST "$base/api/companies/$company/products" -H "Authorization: Bearer $jwt" -F product_name=Doc -F "file=@$dir/doc.txt"
measure "30 MB lead list" -X POST "$base/api/companies/$company/leads/upload" -H "Authorization: Bearer $jwt" -F "file=@$dir/leads.csv"
