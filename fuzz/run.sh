#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for FUZZ_SECONDS (default 600),
# starting from seeds made by tests/fixtures. Crashes land in fuzz/findings/<target>/.
#   fuzz/run.sh                  # all three, 10 minutes each
#   FUZZ_SECONDS=60 fuzz/run.sh pdf
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-600}
targets=("${@:-pdf docx text}")
read -r -a targets <<<"${targets[*]}"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREACH_FUZZ=ON -DREACH_TESTS=ON >/dev/null
cmake --build build-fuzz -j"${JOBS:-2}" --target reach_make_document $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null
work=$(mktemp -d /tmp/reach-fuzz-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pdf" "$work/docx" "$work/text"
build-fuzz/reach_make_document pdf 1 "$work/pdf/one.pdf"
build-fuzz/reach_make_document pdf 3 "$work/pdf/three.pdf"
build-fuzz/reach_make_document docx 1 "$work/docx/basic.docx"
printf 'Hello \xe2\x80\x94 caf\xc3\xa9\n' >"$work/text/utf8.txt"
printf 'M\xfcller \x93quote\x94\n' >"$work/text/cp1252.txt"
printf '\xff\xfeH\0i\0' >"$work/text/utf16.txt"
for t in "${targets[@]}"; do
  mkdir -p "fuzz/findings/$t"
  echo "=== fuzz_$t for ${SECONDS_EACH}s ==="
  build-fuzz/fuzz_"$t" -max_total_time="$SECONDS_EACH" -max_len=262144 -timeout=20 -rss_limit_mb=2048 \
    -artifact_prefix="fuzz/findings/$t/" -print_final_stats=1 "$work/$t" 2>&1 |
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' || true
  if ls "fuzz/findings/$t"/crash-* "fuzz/findings/$t"/leak-* "fuzz/findings/$t"/timeout-* >/dev/null 2>&1; then
    echo "fuzz_$t: FINDINGS in fuzz/findings/$t"; exit 1
  fi
  echo "fuzz_$t: no crash, leak or timeout"
done
