#!/usr/bin/env bash
# Clang's thread-safety analysis over every source that uses src/util/thread_safety.hpp (directly or
# through its header), with the flags CMake compiles it with, as errors. First it proves the check
# bites: a snippet that touches guarded state without its mutex must be refused.
#   scripts/check-thread-safety.sh [build dir]     (run by `make test`)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
CLANG=$(command -v clang++-14 || command -v clang++)
[ -f "$BUILD/compile_commands.json" ] || { echo "thread-safety: $BUILD/compile_commands.json missing (configure first)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/bites.cpp" <<'CPP'
#include "util/thread_safety.hpp"
struct Counter {
  reach::Mutex mu;
  int n REACH_GUARDED_BY(mu) = 0;
  void bump() { ++n; }  // no lock: must not compile
};
int main() { Counter c; c.bump(); }
CPP
if "$CLANG" -std=c++20 -fsyntax-only -Wthread-safety -Werror -Isrc "$tmp/bites.cpp" 2>/dev/null; then
  echo "thread-safety: the check does not bite (an unguarded write compiled)"; exit 1
fi

# Sources that name the annotations, or include a header that does (header-only classes count).
mapfile -t headers < <(grep -rl 'REACH_GUARDED_BY' src --include=*.hpp | sed 's|^src/||')
mapfile -t files < <({
  grep -rl 'REACH_GUARDED_BY\|MutexLock' src --include=*.cpp || true
  for h in "${headers[@]}"; do
    grep -rlF "\"$h\"" src --include=*.cpp || true
    # one level through headers: a header-only class (StatementCache) is checked where it is used
    for via in $(grep -rlF "\"$h\"" src --include=*.hpp || true); do
      grep -rlF "\"${via#src/}\"" src --include=*.cpp || true
    done
  done
} | sort -u)
/usr/bin/python3 - "$BUILD/compile_commands.json" "$CLANG" "${files[@]}" >"$tmp/commands" <<'PY'
import json, os, shlex, sys
db = {os.path.realpath(e["file"]): e for e in json.load(open(sys.argv[1]))}
for f in sys.argv[3:]:
    e = db.get(os.path.realpath(f))
    if not e:
        continue
    args = shlex.split(e["command"])[1:]
    keep, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-o", "-c"):
            skip = a == "-o"
            continue
        if a.startswith(("-W", "-f")) and not a.startswith(("-fPIC", "-fno-exceptions")):
            continue  # GCC's warning and codegen flags; clang gets its own below
        keep.append(a)
    print(e["directory"] + "\t" + " ".join(shlex.quote(a) for a in keep))
PY
# One small script per source, run two at a time (JOBS); each leaves its errors in a .err file.
n=0
while IFS=$'\t' read -r dir args; do
  n=$((n + 1))
  printf 'cd %q && %q -fsyntax-only -Wthread-safety -Werror=thread-safety -Wno-unknown-warning-option %s >%q 2>&1 || echo failed >>%q\n' \
    "$dir" "$CLANG" "$args" "$tmp/$n.err" "$tmp/failed" >"$tmp/$n.sh"
done <"$tmp/commands"
ls "$tmp"/*.sh | xargs -P "${JOBS:-2}" -n 1 bash
if [ -s "$tmp/failed" ]; then
  cat "$tmp"/*.err
  echo "thread-safety: guarded state touched without its mutex (above)"; exit 1
fi
echo "thread-safety: $(wc -l <"$tmp/commands") files checked with clang -Wthread-safety; the check bites"
