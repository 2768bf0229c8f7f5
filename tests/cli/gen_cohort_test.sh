#!/usr/bin/env bash
# CLI tests for `credo gen-cohort`: a golden cohort of 5 for a bundled ruleset (pinned byte for
# byte), determinism for a seed, line count, learner and credential ids, every record accepted by
# `credo eval --cohort` for each bundled ruleset, the kinds of history drawn, and usage errors.
# Usage: gen_cohort_test.sh CREDO DATA_DIR (DATA_DIR is tests/data; golden files in its cli/).
set -u
credo="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"  # absolute: the tests run in the data folder
data="$(cd "$2" && pwd)"
. "$(dirname "$0")/expect.sh"
python=/usr/bin/python3

rulesets="$data/../../rulesets"
micro="$rulesets/microcred-l9/main.credo"
cd "$data/cli"

# A golden cohort: 5 learners of the MTU data analytics stack, seed 1, the default as_of. After an
# intended change of the generator or of that ruleset, regenerate it (from tests/data/cli) with
# `credo gen-cohort ../../../rulesets/microcred-l9/main.credo --size 5 --seed 1 >gen_cohort.microcred.expected.jsonl`
# and review the difference.
"$credo" gen-cohort "$micro" --size 5 --seed 1 >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "golden exit" 0 "$rc"
expect "golden stderr" "" "$(cat "$tmp/err")"
expect_file "golden cohort" gen_cohort.microcred.expected.jsonl "$tmp/out"

# Learner N is the same whatever the cohort's size: a smaller cohort is a prefix.
"$credo" gen-cohort "$micro" --size 3 --seed 1 >"$tmp/three"
expect_file "prefix" "$tmp/three" <(head -3 gen_cohort.microcred.expected.jsonl)

# The same seed gives the same bytes; another seed gives other learners.
"$credo" gen-cohort "$micro" --size 500 --seed 42 >"$tmp/a"
"$credo" gen-cohort "$micro" --size 500 --seed 42 >"$tmp/b"
expect_file "same seed" "$tmp/a" "$tmp/b"
"$credo" gen-cohort "$micro" --size 500 --seed 43 >"$tmp/c"
expect "other seed differs" 1 "$(cmp -s "$tmp/a" "$tmp/c"; echo $?)"
expect "line count" 500 "$(wc -l <"$tmp/a" | tr -d ' ')"

# Ids and as_of: L-000001 to L-000500 in order, compact JSON, credential ids unique per learner,
# a held award's credentials among the learner's.
check_records() {  # check_records FILE SIZE AS_OF: prints "ok" or the first problem
    "$python" - "$1" "$2" "$3" <<'PY'
import json, sys
path, size, as_of = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path) as f:
    lines = f.read().split("\n")
if lines[-1] != "":
    sys.exit(print("no final newline"))
lines = lines[:-1]
if len(lines) != size:
    sys.exit(print("lines:", len(lines)))
for n, line in enumerate(lines, 1):
    r = json.loads(line)
    if json.dumps(r, separators=(",", ":")) != line:
        sys.exit(print("not compact:", n))
    if r["learner"] != "L-%06d" % n or r["as_of"] != as_of:
        sys.exit(print("learner or as_of:", n))
    ids = [c["id"] for c in r["credentials"]]
    if ids != ["c%d" % (k + 1) for k in range(len(ids))] or not ids:
        sys.exit(print("credential ids:", n))
    if [c["date"] for c in r["credentials"]] != sorted(c["date"] for c in r["credentials"]):
        sys.exit(print("credentials not in date order:", n))
    for h in r.get("awards_held", []):
        if not set(h["credentials"]) <= set(ids):
            sys.exit(print("held award credentials:", n))
print("ok")
PY
}
expect "records" ok "$(check_records "$tmp/a" 500 2026-09-01)"

# The kinds of history drawn, in 500 learners: counts pinned, each one present.
"$python" - "$tmp/a" >"$tmp/kinds" <<'PY'
import json, sys
catalogue = {"MTU:DATA90%02d" % n for n in list(range(1, 8)) + list(range(10, 16)) + [90]}
counts = dict.fromkeys(["experiential", "transfer basis", "equivalence sources", "below min grade 50",
                        "failed", "older than 5 years", "after as_of", "uncatalogued degrees",
                        "awards held"], 0)
for line in open(sys.argv[1]):
    r = json.loads(line)
    for c in r["credentials"]:
        basis = c.get("basis", "earned")
        counts["experiential"] += basis == "experiential"
        counts["transfer basis"] += basis == "transfer"
        source = c["unit"] in ("TUS:COMP9101", "ATU:DATA9201", "SETU:ANLY9001")
        counts["equivalence sources"] += source
        counts["below min grade 50"] += source and c.get("grade", 100) < 50
        counts["failed"] += c.get("grade", 100) < 40
        counts["older than 5 years"] += c["date"] < "2021-09-01"
        counts["after as_of"] += c["date"] > "2026-09-01"
        counts["uncatalogued degrees"] += "credits" in c and c["unit"] not in catalogue
    counts["awards held"] += len(r.get("awards_held", []))
for k, v in counts.items():
    print(k, "present" if v else "MISSING")
PY
expect "history kinds" "$(printf '%s present\n' experiential 'transfer basis' 'equivalence sources' \
    'below min grade 50' failed 'older than 5 years' 'after as_of' 'uncatalogued degrees' 'awards held')" \
    "$(cat "$tmp/kinds")"

# Every record is accepted by `credo eval` (no error lines), for each bundled ruleset; some
# learners are eligible for something and some are not.
for ruleset in "$rulesets"/*/main.credo; do
    name=$(basename "$(dirname "$ruleset")")
    "$credo" gen-cohort "$ruleset" --size 300 --seed 7 >"$tmp/cohort.jsonl"; rc=$?
    expect "$name exit" 0 "$rc"
    expect "$name records" ok "$(check_records "$tmp/cohort.jsonl" 300 2026-09-01)"
    "$credo" eval "$ruleset" --cohort "$tmp/cohort.jsonl" --summary >"$tmp/summary" 2>"$tmp/err"; rc=$?
    expect "$name eval exit" 0 "$rc"
    expect "$name eval stderr" "" "$(cat "$tmp/err")"
    expect "$name eval lines" 300 "$(wc -l <"$tmp/summary" | tr -d ' ')"
    expect "$name error lines" 0 "$(grep -c '"error"' "$tmp/summary")"
    expect "$name some eligible" 1 "$(grep -q '"eligible":\[{' "$tmp/summary"; echo $((1 - $?)))"
    expect "$name some not" 1 "$(grep -q '"eligible":\[\]' "$tmp/summary"; echo $((1 - $?)))"
done

# --as-of sets every record's as_of.
"$credo" gen-cohort "$micro" --size 20 --seed 3 --as-of 2030-01-31 >"$tmp/out"; rc=$?
expect "as-of exit" 0 "$rc"
expect "as-of records" ok "$(check_records "$tmp/out" 20 2030-01-31)"

# Size 0: nothing. Usage and rule errors.
"$credo" gen-cohort "$micro" --size 0 >"$tmp/out"; rc=$?
expect "size 0 exit" 0 "$rc"
expect "size 0 output" "" "$(cat "$tmp/out")"
"$credo" gen-cohort "$micro" >/dev/null 2>&1; expect "no size exit" 2 "$?"
"$credo" gen-cohort "$micro" --size 5 --as-of 2026-02-30 >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "bad as-of exit" 2 "$rc"
expect "bad as-of message" "credo gen-cohort: --as-of 2026-02-30 is not a real date (YYYY-MM-DD)" "$(cat "$tmp/err")"
"$credo" gen-cohort no_such.credo --size 5 >"$tmp/out" 2>/dev/null; rc=$?
expect "missing ruleset exit" 2 "$rc"
expect "missing ruleset stdout" "" "$(cat "$tmp/out")"
"$credo" gen-cohort diff/bad.credo --size 5 >"$tmp/out" 2>/dev/null; rc=$?
expect "bad ruleset exit" 1 "$rc"
expect "bad ruleset stdout" "" "$(cat "$tmp/out")"

finish
