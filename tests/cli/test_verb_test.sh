#!/usr/bin/env bash
# CLI tests for `credo test`: the exact report for passing and failing cases, and exit codes.
set -u
credo="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
data="$2"
. "$(dirname "$0")/expect.sh"

cd "$data/ruletests"

"$credo" test rules.credo cases >"$tmp/out" 2>&1; rc=$?
expect "failing case exit" 1 "$rc"
expect_file "report" expected_cases.txt "$tmp/out"

"$credo" test rules.credo cases/example_pass.json >"$tmp/out" 2>&1; rc=$?
expect "passing case exit" 0 "$rc"
expect "passing report" "$(printf 'PASS cases/example_pass.json\n1 passed, 0 failed')" "$(cat "$tmp/out")"

"$credo" test --coverage rules.credo cases/example_pass.json >"$tmp/out" 2>&1; rc=$?
expect "coverage exit" 0 "$rc"
expect_file "coverage report" expected_coverage.txt "$tmp/out"

"$credo" test rules.credo bad >"$tmp/out" 2>&1; rc=$?
expect "bad case exit" 2 "$rc"
expect_file "bad case report" expected_bad.txt "$tmp/out"

"$credo" test rules.credo no_such_folder 2>"$tmp/err"; rc=$?
expect "missing cases exit" 2 "$rc"
expect "missing cases message" "credo test: no such case file or folder: no_such_folder" "$(cat "$tmp/err")"

finish
