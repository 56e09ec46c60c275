#!/usr/bin/env bash
# PDF extraction, side by side with poppler's pdftotext in one run: a generated 200-page PDF (48 lines
# of text a page), each command run RUNS times alternately; reports median wall time, the ratio
# reach/pdftotext, and peak RSS of each.
#   bench/extract_bench.sh           (RUNS=15 PAGES=200 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
PAGES=${PAGES:-200}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"${JOBS:-2}" --target reach reach_make_document >/dev/null
command -v pdftotext >/dev/null || { echo "pdftotext missing: run scripts/install-deps.sh"; exit 1; }
dir=$(mktemp -d /tmp/reach-extract-XXXXXX)
trap 'rm -rf "$dir"' EXIT
build/reach_make_document pdf "$PAGES" "$dir/doc.pdf"
/usr/bin/python3 - "$dir/doc.pdf" "$RUNS" <<'PY'
import os, statistics, subprocess, sys, time
pdf, runs = sys.argv[1], int(sys.argv[2])
# Both print all the text (Reach caps product descriptions at 200k characters; --max-chars 0 lifts it).
commands = {"reach extract-text": ["build/reach", "extract-text", "--max-chars", "0", pdf],
            "pdftotext": ["pdftotext", pdf, "-"]}
def run(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"{cmd} failed with status {status}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024
chars = {name: len(subprocess.run(cmd, capture_output=True, check=True).stdout) for name, cmd in commands.items()}
results = {name: [] for name in commands}
for _ in range(runs):                      # alternate, so both see the same machine noise
    for name, cmd in commands.items():
        results[name].append(run(cmd))
print(f"{os.path.getsize(pdf) // 1024} KiB PDF, {runs} runs each, alternating")
print("| command | median ms | min ms | max ms | peak RSS MB | output bytes |")
print("|---|---|---|---|---|---|")
med = {}
for name, rs in results.items():
    times = [t * 1000 for t, _ in rs]
    med[name] = statistics.median(times)
    print(f"| {name} | {med[name]:.1f} | {min(times):.1f} | {max(times):.1f} | {max(r for _, r in rs):.1f} | {chars[name]} |")
print(f"\ntime ratio reach / pdftotext (medians): {med['reach extract-text'] / med['pdftotext']:.2f}")
PY
