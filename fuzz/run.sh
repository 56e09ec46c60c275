#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for FUZZ_SECONDS (default 600),
# starting from seeds made by tests/fixtures and written here. Crashes land in fuzz/findings/<target>/.
# Targets: the document extractors (pdf, docx, text) and the request edge (json, multipart, csv, router).
#   fuzz/run.sh                  # all seven, 10 minutes each
#   FUZZ_SECONDS=60 fuzz/run.sh pdf
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-600}
targets=("${@:-pdf docx text json multipart csv router}")
read -r -a targets <<<"${targets[*]}"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREACH_FUZZ=ON -DREACH_TESTS=ON >/dev/null
cmake --build build-fuzz -j"${JOBS:-2}" --target reach_make_document $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null
work=$(mktemp -d /tmp/reach-fuzz-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pdf" "$work/docx" "$work/text" "$work/json" "$work/multipart" "$work/csv" "$work/router"
build-fuzz/reach_make_document pdf 1 "$work/pdf/one.pdf"
build-fuzz/reach_make_document pdf 3 "$work/pdf/three.pdf"
build-fuzz/reach_make_document docx 1 "$work/docx/basic.docx"
printf 'Hello \xe2\x80\x94 caf\xc3\xa9\n' >"$work/text/utf8.txt"
printf 'M\xfcller \x93quote\x94\n' >"$work/text/cp1252.txt"
printf '\xff\xfeH\0i\0' >"$work/text/utf16.txt"
printf '{"name":"Acme","email":"a@b.co","invites":[{"email":"x@y.z","role":"sdr"}],"hiring_positions":[["Welder",{"city":"Leeds"}]]}' >"$work/json/lead.json"
printf '[[[[{"a":"\\u00e9\\"]"}]]]]' >"$work/json/nested.json"
printf -- '--XyZ\r\nContent-Disposition: form-data; name="product_name"\r\n\r\nWeldBot\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XyZ--\r\n' >"$work/multipart/form.txt"
printf 'CT:multipart/form-data; boundary="q q"\n--q q\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--q q--\r\n' >"$work/multipart/quoted.txt"
printf 'First Name;Last Name;E-mail;Phone\r\nAda;"Love;lace";ada@x.org;+44 20 7946 0958\r\n"multi\nline";x;;\r\n' >"$work/csv/leads.csv"
printf 'GET /api/companies/0b8d2c6e-6b1a-4c3f-9e0d-1a2b3c4d5e6f/leads/00000000-0000-4000-8000-000000000000' >"$work/router/lead.txt"
printf 'POST /api/companies/%%7Bx%%7D/leads/upload?page=1&search=a+b' >"$work/router/upload.txt"
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
