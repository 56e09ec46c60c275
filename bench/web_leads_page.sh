#!/usr/bin/env bash
# Navigation to a rendered leads page in headless Chromium, at a million leads, beside a company of a
# thousand leads in the same run and server (bench/web_leads_page.py has the method). One engine per
# run: ENGINE=sqlite (default) or postgresql.
#   bench/web_leads_page.sh                      (after `make build`; part of `make bench`)
#   ROWS=100000 SAMPLES=5 bench/web_leads_page.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
SAMPLES=${SAMPLES:-15}
ENGINE=${ENGINE:-sqlite}
BIN=${BIN:-$PWD/build/reach}
[ -x "$BIN" ] || { echo "build/reach missing: run make build first"; exit 1; }
work=$(mktemp -d /tmp/reach-web-bench-XXXXXX)
pg_dir="" server=""
cleanup() {
  [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
  [ -z "$pg_dir" ] || tests/support/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
csv=/tmp/reach-bench-leads-$ROWS.csv small_csv=/tmp/reach-bench-leads-1000.csv  # kept between runs
[ -s "$csv" ] || bench/make_leads_csv.py "$ROWS" "$csv"
[ -s "$small_csv" ] || bench/make_leads_csv.py 1000 "$small_csv"
export REACH_DATA_DIR=$work REACH_LOG_LEVEL=warn
if [ "$ENGINE" = postgresql ]; then
  read -r url pg_dir < <(tests/support/postgres.sh start)
  export REACH_DATABASE_URL=$url
fi
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
big=$(REACH_LISTEN=127.0.0.1:$port "$BIN" demo --once | sed -n 's/.*demo company: .* (\([0-9a-f-]*\)).*/\1/p')
"$BIN" import-leads --company-id "$big" "$csv" >"$work/import.out" 2>&1 || { cat "$work/import.out"; exit 1; }

REACH_LISTEN=127.0.0.1:$port "$BIN" serve 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
json_field() { /usr/bin/python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
jwt=$(curl -sf -X POST "$base/api/auth/login" -d 'username=demo@reach.local&password=reach-demo-password' |
  json_field access_token)
auth="Authorization: Bearer $jwt"
small=$(curl -sf -X POST "$base/api/companies" -H "$auth" -H 'Content-Type: application/json' \
  -d '{"name": "A thousand leads"}' | json_field id)
task=$(curl -sf -X POST "$base/api/companies/$small/leads/upload" -H "$auth" -F "file=@$small_csv" | json_field task_id)
for _ in $(seq 300); do
  [ "$(curl -sf -H "$auth" "$base/api/tasks/$task" | json_field status)" = completed ] && break
  sleep 0.2
done

echo "reach $("$BIN" version | cut -d' ' -f2), $ENGINE, $(nproc) cores, $(chromium --version 2>/dev/null | head -1), $SAMPLES samples, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
/usr/bin/python3 bench/web_leads_page.py "$base" demo@reach.local reach-demo-password "$big" "$small" "$SAMPLES"
