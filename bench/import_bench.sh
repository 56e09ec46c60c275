#!/usr/bin/env bash
# Lead-import benchmark. Generates ROWS (default 1,000,000) rows x 10 columns (bench/make_leads_csv.py) and,
# on each engine, imports it with `reach import-leads` beside the engine's own bulk loader of the same
# file into an unindexed table: `sqlite3 .import` (SQLite) and `psql \copy` (a throwaway PostgreSQL from
# tests/support/postgres.sh). Then, with the leads in place, `reach serve` answers the lead list
# (page 1, page 5,000) and searches, measured with wrk on one connection for DURATION: p99 latency.
# Last, the same file is imported again (every row merges into a lead it made): the re-import time.
#   bench/import_bench.sh                     (after `make build`; `make bench` does both)
#   ROWS=100000 ENGINES=sqlite bench/import_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
ENGINES=${ENGINES:-"sqlite postgresql"}
DURATION=${DURATION:-5s}
BIN=${BIN:-$PWD/build/reach}  # BIN=/path/to/other/reach measures another build the same way
[ -x "$BIN" ] || { echo "build/reach missing: run make build first"; exit 1; }

work=$(mktemp -d /tmp/reach-import-bench-XXXXXX)
pg_dir=""
cleanup() {
  [ -z "${server:-}" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
  [ -z "$pg_dir" ] || tests/support/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
csv=/tmp/reach-bench-leads-$ROWS.csv  # kept between runs: generating 1M rows takes a few seconds
[ -s "$csv" ] || bench/make_leads_csv.py "$ROWS" "$csv"
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}'; }
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.1f", v}'; }

# The schema's floor: the reference rows copied into Reach's leads table (its indexes, search index and
# foreign key) by one INSERT ... SELECT inside the engine: no CSV, no checks, no application code, one
# transaction, ids in time order like Reach's (the upload task id is a stand-in of the same length).
# A practical lower bound for any import into that schema.
# Each engine writes into a copy of the fresh database (PostgreSQL: CREATE DATABASE ... TEMPLATE), so
# Reach's own import and the searches after it find the database as a user would. The SQLite copy runs
# as Reach runs its database: write-ahead log, synchronous=NORMAL (VACUUM INTO writes a rollback-journal
# database, whose one big transaction writes new pages straight into the file: a million leads
# committed in 0.5 s instead of 1.8-2.0 s, a floor of 8.2 s instead of 9.8-10.1 s, which no WAL
# database, hence no Reach, can reach).
schema_floor() {
  local engine=$1 company=$2 start columns
  columns="id, company_id, upload_task_id, name, email, company, job_title, phone_number, country, city, website, industry, created_at, updated_at"
  if [ "$engine" = sqlite ]; then
    sqlite3 "$data/reach.db" "VACUUM INTO '$work/floor.db'"
    sqlite3 "$work/floor.db" "PRAGMA journal_mode = WAL" >/dev/null
    start=$(date +%s.%N)
    sqlite3 "$work/floor.db" "ATTACH '$work/reference.db' AS r; PRAGMA cache_size = -65536; PRAGMA synchronous = NORMAL; BEGIN;
      INSERT INTO leads ($columns) SELECT printf('%036d', rowid), '$company', '$company', Name, \"Work Email\",
        \"Company Name\", Title, Phone, Country, City, Website, Industry, '$now', '$now' FROM r.leads;
      INSERT INTO leads_search (rowid, tenant, name, email, company, job_title) SELECT rowid,
        replace(company_id, '-', ''), name, email, company, job_title FROM leads;
      COMMIT;" >/dev/null
    seconds_since "$start"
    rm -f "$work/floor.db"*
  else
    local floor_url=${url%/*}/reach_floor
    psql -q "${url%/*}/postgres" -c "CREATE DATABASE reach_floor TEMPLATE ${url##*/}"
    start=$(date +%s.%N)
    psql -q "$floor_url" -c "INSERT INTO leads ($columns) SELECT lpad(n::text, 36, '0'), '$company', '$company', name,
      email, company, title, phone, country, city, website, industry, '$now', '$now'
      FROM (SELECT row_number() OVER () AS n, * FROM reference_leads) r"
    seconds_since "$start"
    psql -q "${url%/*}/postgres" -c "DROP DATABASE reach_floor"
  fi
}
now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)

echo "reach $("$BIN" version | cut -d' ' -f2), $(nproc) cores, $ROWS rows ($(du -m "$csv" | cut -f1) MB), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| engine | reference load s | schema floor s | reach import s | ratio | floor ratio | reach / floor | re-import s | re-import / import | reach peak RSS MB | leads saved | page 1 p99 ms | page 5000 p99 ms | search: a last name p99 ms | search: a company p99 ms | search: an address p99 ms |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"

for engine in $ENGINES; do
  data="$work/$engine"
  mkdir -p "$data"
  export REACH_DATA_DIR=$data REACH_LOG_LEVEL=warn
  if [ "$engine" = sqlite ]; then
    unset REACH_DATABASE_URL
    start=$(date +%s.%N)
    sqlite3 "$work/reference.db" ".import --csv $csv leads"
    reference=$(seconds_since "$start")
  else
    read -r url pg_dir < <(tests/support/postgres.sh start)
    export REACH_DATABASE_URL=$url
    psql -q "$url" -c "CREATE TABLE reference_leads (name text, email text, company text, title text, phone text,
      country text, city text, website text, industry text, notes text)"
    start=$(date +%s.%N)
    psql -q "$url" -c "\\copy reference_leads FROM '$csv' WITH (FORMAT csv, HEADER true)"
    reference=$(seconds_since "$start")
  fi
  port=$(free_port)
  company=$(REACH_LISTEN=127.0.0.1:$port "$BIN" demo --once | sed -n 's/.*demo company: .* (\([0-9a-f-]*\)).*/\1/p')
  floor=$(schema_floor "$engine" "$company")
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$BIN" import-leads --company-id "$company" "$csv" >"$work/import.out" 2>&1 ||
    { cat "$work/import.out"; exit 1; }
  took=$(seconds_since "$start")
  saved=$(sed -n 's/.* \([0-9]*\) leads saved.*/\1/p' "$work/import.out")
  rss=$(awk '{printf "%.0f", $1 / 1024}' "$work/rss")

  REACH_LISTEN=127.0.0.1:$port "$BIN" serve 2>"$work/serve.log" &
  server=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
  jwt=$(curl -sf -X POST "$base/api/auth/login" -d 'username=demo@reach.local&password=reach-demo-password' |
    sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  leads="$base/api/companies/$company/leads"
  p99() {  # url → p99 ms of one connection asking again and again
    curl -sf -o /dev/null -H "Authorization: Bearer $jwt" "$1" || { echo "GET $1 failed" >&2; exit 1; }
    wrk -t1 -c1 -d"$DURATION" --latency -H "Authorization: Bearer $jwt" "$1" | awk '$1 == "99%" {print $2}' | to_ms
  }
  page1=$(p99 "$leads?page=1&page_size=20")
  page5000=$(p99 "$leads?page=5000&page_size=20")
  by_name=$(p99 "$leads?search=lovelace&page_size=20")  # about 1 lead in 18, and 55k distinct lovelaceN address words
  by_company=$(p99 "$leads?search=$(sed -n 7p "$csv" | cut -d, -f3 | tr -d '"' | sed 's/ /%20/g')&page_size=20")
  by_email=$(p99 "$leads?search=$(sed -n 2p "$csv" | cut -d, -f2)&page_size=20")  # one lead's address
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  # The same file again: every row matches a lead it made (a list uploaded twice).
  start=$(date +%s.%N)
  "$BIN" import-leads --company-id "$company" "$csv" >"$work/reimport.out" 2>&1 || { cat "$work/reimport.out"; exit 1; }
  retook=$(seconds_since "$start")
  ratio() { awk -v a="$1" -v b="$reference" 'BEGIN {printf "%.1fx", a / b}'; }
  over() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$engine" "$reference" \
    "$floor" "$took" "$(ratio "$took")" "$(ratio "$floor")" "$(over "$took" "$floor")" "$retook" "$(over "$retook" "$took")" \
    "$rss" "$saved" "$page1" "$page5000" "$by_name" "$by_company" "$by_email"
  if [ "$engine" = postgresql ]; then tests/support/postgres.sh stop "$pg_dir" >/dev/null; pg_dir=""; fi
done
