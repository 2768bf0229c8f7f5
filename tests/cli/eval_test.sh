#!/usr/bin/env bash
# CLI tests for `credo eval`: exit codes, output streams, formats, standard input, --award,
# --as-of, cohorts (JSON Lines, one bad line in the middle), --summary and repeatability.
# Usage: eval_test.sh CREDO DATA_DIR (DATA_DIR is tests/data; the files are in its cli/).
set -u
credo="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"  # absolute: the tests run in the data folder
data="$2"
. "$(dirname "$0")/expect.sh"

cd "$data/cli"

# A learner record: exit 0, the decision JSON on standard output, nothing on standard error.
"$credo" eval rules.credo learner.json >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "eval exit" 0 "$rc"
expect "eval stderr" "" "$(cat "$tmp/err")"
expect_file "eval json" learner.expected.json "$tmp/out"

# --format text: the registrar's text.
"$credo" eval rules.credo learner.json --format text >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "text exit" 0 "$rc"
expect "text stderr" "" "$(cat "$tmp/err")"
expect_file "text output" learner.expected.txt "$tmp/out"
"$credo" eval rules.credo learner.json --format yaml >/dev/null 2>&1; expect "bad format exit" 2 "$?"

# `-` reads the record from standard input: the same decision.
"$credo" eval rules.credo - <learner.json >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "stdin exit" 0 "$rc"
expect_file "stdin json" learner.expected.json "$tmp/out"

# --award: only the named awards, in the order given.
"$credo" eval rules.credo learner.json --award MTU:DIP >"$tmp/out"; rc=$?
expect "award exit" 0 "$rc"
expect "award filter" '"award": "MTU:DIP",' "$(grep '"award": ' "$tmp/out" | sed 's/^ *//')"
"$credo" eval rules.credo learner.json --award MTU:DIP --award MTU:CERT >"$tmp/out"
expect "award order" "$(printf '"award": "MTU:DIP",\n"award": "MTU:CERT",')" \
    "$(grep '"award": ' "$tmp/out" | sed 's/^ *//')"

# --as-of wins over the record's as_of: c2 (dated 2026-06-02, after the record's 2026-06-01)
# now counts and MTU:DIP becomes eligible (5 + 7.5 credits, 7.5 of them by transfer).
"$credo" eval rules.credo learner.json --as-of 2026-07-01 --award MTU:DIP >"$tmp/out"; rc=$?
expect "as-of exit" 0 "$rc"
expect "as-of date" '"as_of": "2026-07-01",' "$(grep -m1 '"as_of"' "$tmp/out" | sed 's/^ *//')"
expect "as-of eligible" '"eligible": true,' "$(grep -m1 '"eligible"' "$tmp/out" | sed 's/^ *//')"
expect "as-of credits" '"credits_counted": 12.5,' "$(grep -m1 '"credits_counted"' "$tmp/out" | sed 's/^ *//')"
expect "as-of rpl" '"rpl_credits": 7.5,' "$(grep -m1 '"rpl_credits"' "$tmp/out" | sed 's/^ *//')"
"$credo" eval rules.credo learner.json --as-of 2026-02-30 >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "bad as-of exit" 2 "$rc"
expect "bad as-of message" "credo eval: --as-of 2026-02-30 is not a real date (YYYY-MM-DD)" "$(cat "$tmp/err")"

# An unknown award is a usage error: exit 2, a message (with a suggestion) on standard error,
# nothing on standard output.
"$credo" eval rules.credo learner.json --award MTU:DIPP >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "unknown award exit" 2 "$rc"
expect "unknown award stdout" "" "$(cat "$tmp/out")"
expect "unknown award message" "credo eval: unknown award MTU:DIPP; did you mean MTU:DIP?" "$(cat "$tmp/err")"

# A bad record: exit 1, the field's JSON pointer in the message, nothing half-evaluated.
"$credo" eval rules.credo bad_learner.json >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "bad learner exit" 1 "$rc"
expect "bad learner stdout" "" "$(cat "$tmp/out")"
expect "bad learner message" \
    "bad_learner.json: error: /credentials/1/date: not a real date (2026-02-30): 2026-02 has 28 days" "$(cat "$tmp/err")"
"$credo" eval rules.credo - <bad_learner.json >/dev/null 2>"$tmp/err"; rc=$?
expect "bad stdin learner exit" 1 "$rc"
expect "bad stdin learner message" \
    "<stdin>: error: /credentials/1/date: not a real date (2026-02-30): 2026-02 has 28 days" "$(cat "$tmp/err")"

# Usage errors: exit 2.
"$credo" eval rules.credo >/dev/null 2>"$tmp/err"; rc=$?
expect "no learner exit" 2 "$rc"
expect "no learner message" "credo eval: give either a learner record or --cohort FILE" "$(cat "$tmp/err")"
"$credo" eval rules.credo no_such_learner.json >/dev/null 2>&1; expect "missing learner file exit" 2 "$?"
"$credo" eval rules.credo --cohort no_such_cohort.jsonl >/dev/null 2>&1; expect "missing cohort file exit" 2 "$?"

# A cohort: one line per record (blank lines skipped, but counted). Line 2 (a duplicate id) and
# line 5 (cut-off JSON) give error lines naming their line; K-1, K-3 and K-5 are still decided.
# Any bad line makes the exit status 1.
"$credo" eval rules.credo --cohort cohort.jsonl >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "cohort exit" 1 "$rc"
expect "cohort stderr" "" "$(cat "$tmp/err")"
expect_file "cohort output" cohort.expected.jsonl "$tmp/out"
expect "cohort lines" 5 "$(wc -l <"$tmp/out" | tr -d ' ')"
expect "cohort learners" "$(printf 'K-1\nK-3\nK-5')" "$(grep -o '^{"learner":"[^"]*"' "$tmp/out" | cut -d'"' -f4)"
expect "cohort error line 2" \
    '{"line":2,"error":"/credentials/1/id: duplicate credential id '"'c1'"' (first at /credentials/0)","pointer":"/credentials/1/id"}' \
    "$(sed -n 2p "$tmp/out")"
expect "cohort error line 5" '{"line":5,' "$(sed -n 4p "$tmp/out" | cut -c1-10)"
"$credo" eval rules.credo --cohort - <cohort.jsonl >"$tmp/out2"; rc=$?
expect "cohort stdin exit" 1 "$rc"
expect_file "cohort stdin output" cohort.expected.jsonl "$tmp/out2"
head -1 cohort.jsonl >"$tmp/good.jsonl"
"$credo" eval rules.credo --cohort "$tmp/good.jsonl" >/dev/null; expect "good cohort exit" 0 "$?"

# --summary: one short line per learner (eligible awards with their RPL credits), errors as above.
"$credo" eval rules.credo --cohort cohort.jsonl --summary >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "summary exit" 1 "$rc"
expect_file "summary output" cohort.summary.expected.jsonl "$tmp/out"

# The same learner, ruleset and as_of give byte-identical output.
"$credo" eval rules.credo learner.json >"$tmp/a"
"$credo" eval rules.credo learner.json >"$tmp/b"
expect_file "repeat json" "$tmp/a" "$tmp/b"
"$credo" eval rules.credo learner.json --format text >"$tmp/a"
"$credo" eval rules.credo learner.json --format text >"$tmp/b"
expect_file "repeat text" "$tmp/a" "$tmp/b"
"$credo" eval rules.credo --cohort cohort.jsonl >"$tmp/a"
"$credo" eval rules.credo --cohort cohort.jsonl >"$tmp/b"
expect_file "repeat cohort" "$tmp/a" "$tmp/b"

finish
