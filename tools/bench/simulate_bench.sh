#!/usr/bin/env bash
# Benchmark of `credo simulate` (issue 6): SIZE learners from `credo gen-cohort` on the decision
# benchmarks' synthetic ruleset (300 units, 50 awards), simulated against the same ruleset with
# its special-purpose RPL default lowered from 50% to 25%, on THREADS threads; prints the wall
# time and peak memory that /usr/bin/time -v measured (the cohort's generation is not timed).
# Usage: tools/bench/simulate_bench.sh [SIZE [THREADS [BUILD_DIR [WORK_DIR]]]]
# (defaults: 1000000 learners, 2 threads, build, a new temporary folder; the target is under
# 60 s and 500 MB for 1,000,000 learners on 2 threads).
set -euo pipefail
size=${1:-1000000}
threads=${2:-2}
build=${3:-build}
work=${4:-$(mktemp -d)}
mkdir -p "$work"

"$build/tools/bench/bench_ruleset" "$work/before.credo"
sed 's/^  limit rpl 50%$/  limit rpl 25%/' "$work/before.credo" >"$work/after.credo"
if cmp -s "$work/before.credo" "$work/after.credo"; then
    echo "simulate_bench: the planted change did not apply" >&2
    exit 1
fi
"$build/tools/credo" gen-cohort "$work/before.credo" --size "$size" >"$work/cohort.jsonl"

set +e
/usr/bin/time -v -o "$work/time.txt" "$build/tools/credo" simulate --before "$work/before.credo" \
    --after "$work/after.credo" --cohort "$work/cohort.jsonl" --threads "$threads" --report "$work/report.md" \
    2>"$work/stderr.txt"
rc=$?
set -e
echo "credo simulate: $size learners, $threads threads, exit $rc (report: $work/report.md)"
grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$work/time.txt" | sed 's/^\t*//'
