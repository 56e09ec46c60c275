#!/usr/bin/env bash
# clang-tidy with the checks in .clang-tidy over every source under src/ (or the files given), two at a
# time; fails on any finding. Slow (about 8 minutes on 2 cores), so it is `make tidy`, not part of
# `make test`; run it before a change that touches many files.
#   scripts/check-tidy.sh [files...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/compile_commands.json ] || { echo "tidy: build/compile_commands.json missing (make build first)"; exit 1; }
if [ $# -gt 0 ]; then pattern="($(printf '%s|' "$@" | sed 's/|$//'))"; else pattern='/work/main/src/.*\.cpp'; fi
pattern=${pattern//\/work\/main/$(pwd)}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run-clang-tidy -p build -j "${JOBS:-2}" -quiet -extra-arg=-Wno-unknown-warning-option "$pattern" >"$out" 2>&1 || true
findings=$(sed 's/\x1b\[[0-9;]*m//g' "$out" | grep -E '(warning|error): ' | grep -v 'warnings generated' | sort -u || true)
if [ -n "$findings" ]; then
  echo "$findings"
  echo "tidy: $(echo "$findings" | wc -l) finding(s)"; exit 1
fi
echo "tidy: clean ($(grep -c 'clang-tidy-14 ' "$out") files)"
