#!/usr/bin/env bash
# The whole test suite: builds the Release binary (which the API tests drive) and an ASan+UBSan build
# of the unit and store tests, then runs everything twice: on SQLite, then on a throwaway PostgreSQL.
# PostgreSQL is stopped on exit, pass or fail. Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}

step() { printf '\n=== %s ===\n' "$*"; }

step "build: Release (reach, API tests) and ASan+UBSan (unit and store tests)"
build() {  # dir, cmake flags..., --, targets...
  local dir=$1; shift
  local flags=() targets=()
  while [ "$1" != "--" ]; do flags+=("$1"); shift; done; shift
  targets=("$@")
  mkdir -p "$dir"
  if ! { cmake -S . -B "$dir" "${flags[@]}" && cmake --build "$dir" -j"$JOBS" --target "${targets[@]}"; } >"$dir/build.log" 2>&1; then
    grep -E -A5 'error|Error' "$dir/build.log" | head -n 80
    echo "build failed in $dir (full log: $dir/build.log)"
    exit 1
  fi
  echo "built ${targets[*]} in $dir"
}
build build -DCMAKE_BUILD_TYPE=Release -DREACH_WERROR=ON -- reach reach_api_tests
build build-asan -DCMAKE_BUILD_TYPE=Debug -DREACH_WERROR=ON -DREACH_SANITIZE=ON -- reach_unit_tests

passed=0
failed=0
skipped=0
failed_suites=()
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

run_suite() {  # name, command...
  local name=$1; shift
  local log
  log=$(mktemp)
  "$@" 2>&1 | tee "$log" | grep -E '^\[ *(engine|FAILED|  PASSED|SKIPPED|==========) ' | grep -v 'listed below'
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$log" | grep -oE '[0-9]+' | head -n1)
  f=$(grep -E '^\[  FAILED  \] [0-9]+ test' "$log" | grep -oE '[0-9]+' | head -n1)
  s=$(grep -E '^\[  SKIPPED \] [0-9]+ test' "$log" | grep -oE '[0-9]+' | head -n1)
  skipped=$((skipped + ${s:-0}))
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ]; then
    [ -z "$f" ] && failed=$((failed + 1))   # a crash or sanitizer abort counts as a failure
    failed_suites+=("$name")
    grep -E -B2 -A25 'Failure|ERROR: AddressSanitizer|runtime error' "$log" | head -n 200
  fi
  rm -f "$log"
}

run_engine() {  # engine label
  step "pass on $1: unit and store tests (ASan+UBSan)"
  run_suite "unit+store on $1" build-asan/reach_unit_tests
  step "pass on $1: API tests through build/reach"
  run_suite "api on $1" build/reach_api_tests
  step "pass on $1: the web app in headless Chromium (screenshots in build/screenshots)"
  run_suite "browser on $1" /usr/bin/python3 tests/browser/web_app_test.py build/reach
}

step "format: every C++ file as .clang-format says"
if ! scripts/check-format.sh; then
  failed=$((failed + 1))
  failed_suites+=("format")
fi

step "layers: an include up the rooms' table does not build"
if ! scripts/check-layers.sh build; then
  failed=$((failed + 1))
  failed_suites+=("layers")
fi

step "thread safety: clang -Wthread-safety over the mutex-guarded state"
if ! scripts/check-thread-safety.sh build; then
  failed=$((failed + 1))
  failed_suites+=("thread-safety")
fi

unset REACH_TEST_DATABASE_URL
run_engine sqlite

step "starting PostgreSQL"
pg=$(tests/support/postgres.sh start) || { echo "could not start PostgreSQL"; exit 1; }
pg_url=${pg% *}
pg_dir=${pg#* }
trap 'tests/support/postgres.sh stop "$pg_dir"' EXIT
echo "PostgreSQL at $pg_url"
export REACH_TEST_DATABASE_URL=$pg_url
run_engine postgresql

step "summary"
[ ${#failed_suites[@]} -gt 0 ] && echo "failing suites: ${failed_suites[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$skipped" -eq 0 ]
