#!/usr/bin/env bash
# CLI tests for pathways: `credo eval --pathways` and `credo pathways --target` against hand-checked
# golden output (tests/data/pathways/rules.credo explains each plan), the search budget, and errors.
# Usage: pathways_test.sh CREDO DATA_DIR (DATA_DIR is tests/data; the files are in its pathways/).
set -u
credo="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
data="$2"
. "$(dirname "$0")/expect.sh"

cd "$data/pathways"

"$credo" eval rules.credo learner.json --pathways >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "eval --pathways exit" 0 "$rc"
expect "eval --pathways stderr" "" "$(cat "$tmp/err")"
expect_file "eval --pathways json" eval.expected.json "$tmp/out"
"$credo" eval rules.credo learner.json --pathways --format text >"$tmp/out"
expect_file "eval --pathways text" eval.expected.txt "$tmp/out"

# Without --pathways every pathway is null.
"$credo" eval rules.credo learner.json >"$tmp/out"
expect "no pathways" "5" "$(grep -c '"pathway": null' "$tmp/out")"

"$credo" pathways rules.credo learner.json --target MTU:DIP >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "pathways exit" 0 "$rc"
expect_file "pathways json" dip.expected.json "$tmp/out"
"$credo" pathways rules.credo - --target MTU:DIP --format text <learner.json >"$tmp/out"
expect_file "pathways text (stdin)" dip.expected.txt "$tmp/out"

# A budget of one step: the plan found so far, marked not optimal; never an error.
"$credo" pathways rules.credo learner.json --target MTU:CHAIN --pathway-budget 1 >"$tmp/out"; rc=$?
expect "small budget exit" 0 "$rc"
expect "small budget not optimal" '"optimal": false,' "$(grep -m1 '"optimal"' "$tmp/out" | sed 's/^ *//')"
expect "small budget plan" '"MTU:P1", "MTU:P2", "MTU:P3"' \
    "$(sed -n '/"units"/,/]/p' "$tmp/out" | head -5 | grep -o '"MTU:P[0-9]"' | paste -sd, | sed 's/,/, /g')"

# Errors: an unknown target (with a suggestion), a missing --target, a bad record.
"$credo" pathways rules.credo learner.json --target MTU:DIPP >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "unknown target exit" 2 "$rc"
expect "unknown target message" "credo pathways: unknown award MTU:DIPP; did you mean MTU:DIP?" "$(cat "$tmp/err")"
"$credo" pathways rules.credo learner.json >/dev/null 2>&1; expect "missing target exit" 2 "$?"
echo '{"learner": "x", "credentials": [{"id": "c1"}]}' >"$tmp/bad.json"
"$credo" pathways rules.credo "$tmp/bad.json" --target MTU:DIP >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "bad record exit" 1 "$rc"
expect "bad record message" "$tmp/bad.json: error: /credentials/0/unit: missing field" "$(cat "$tmp/err")"

finish
