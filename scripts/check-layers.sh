#!/usr/bin/env bash
# Proves the build refuses an include that runs up the layers (docs/ARCHITECTURE.md "Rooms"): for a few
# rooms, a file including a room above it is compiled with that room's own flags from
# compile_commands.json and must fail with "No such file", while the same file including a room below
# it must compile. Usage: scripts/check-layers.sh [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
commands=$build/compile_commands.json
[ -s "$commands" ] || { echo "no $commands: configure the build first"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
# room, a header of a room above it, a header of a room below it
while read -r room above below; do
  flags=$(/usr/bin/python3 - "$commands" "$room" <<'PY'
import json, shlex, sys
for entry in json.load(open(sys.argv[1])):
    if f"/src/{sys.argv[2]}/" in entry["file"]:
        args = shlex.split(entry["command"])
        keep, skip = [], False
        for a in args[1:]:
            if skip: skip = False; continue
            if a in ("-o", "-c"): skip = a == "-o"; continue
            if a.endswith(".cpp"): continue
            keep.append(a)
        print(args[0], " ".join(shlex.quote(k) for k in keep)); break
PY
)
  [ -n "$flags" ] || { echo "no compile command for a file of src/$room"; failures=$((failures + 1)); continue; }
  printf '#include "%s"\n' "$below" >"$work/down.cpp"
  printf '#include "%s"\n' "$above" >"$work/up.cpp"
  if ! eval "$flags -fsyntax-only $work/down.cpp" >"$work/down.log" 2>&1; then
    echo "FAIL: src/$room cannot include $below (a room below it)"; head -5 "$work/down.log"; failures=$((failures + 1))
  elif eval "$flags -fsyntax-only $work/up.cpp" >"$work/up.log" 2>&1; then
    echo "FAIL: src/$room can include $above (a room above it)"; failures=$((failures + 1))
  elif ! grep -q "No such file" "$work/up.log"; then
    echo "FAIL: src/$room including $above failed for another reason:"; head -5 "$work/up.log"; failures=$((failures + 1))
  else
    echo "ok: src/$room sees $below, not $above"
  fi
done <<'ROOMS'
store api/routes.hpp domain/lead.hpp
store jobs/worker_pool.hpp util/clock.hpp
domain store/database.hpp util/clock.hpp
jobs leads/lead_service.hpp store/job_store.hpp
accounts writing/outreach_writer.hpp store/user_store.hpp
providers app/config.hpp prompts/prompt_book.hpp
http api/services.hpp domain/api_error.hpp
writing api/routes.hpp accounts/company_service.hpp
ingest store/database.hpp ingest/csv_reader.hpp
ROOMS
[ "$failures" -eq 0 ] && echo "layers: every checked room is closed to the rooms above it"
exit "$failures"
