#!/usr/bin/env bash
# CLI tests for `credo diff`: identical rulesets (also laid out, ordered and commented differently),
# a planted change (an RPL cap lowered from 50% to 25%, a unit added, an equivalence removed, a
# requirement, a pool, a defaults block and an entry block changed, an exclusive set added) in text
# and JSON, the reverse diff, and bad input.
# Usage: diff_test.sh CREDO DATA_DIR (DATA_DIR is tests/data; the files are in its cli/diff/).
set -u
credo="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"  # absolute: the tests run in the data folder
data="$2"
. "$(dirname "$0")/expect.sh"

cd "$data/cli/diff"

# The same ruleset: exit 0, nothing on either stream.
"$credo" diff old.credo old.credo >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "same exit" 0 "$rc"
expect "same stdout" "" "$(cat "$tmp/out")"
expect "same stderr" "" "$(cat "$tmp/err")"

# Layout, comments, declaration order, number forms and includes are not differences.
"$credo" diff old.credo same.credo >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "relaid exit" 0 "$rc"
expect "relaid stdout" "" "$(cat "$tmp/out")"
expect "relaid stderr" "" "$(cat "$tmp/err")"
"$credo" diff old.credo same.credo --format json >"$tmp/out"; rc=$?
expect "relaid json exit" 0 "$rc"
expect "relaid json" "$(printf '{\n  "changes": []\n}')" "$(cat "$tmp/out")"

# The planted change: exit 1, each change with its lines in both files (included files by their path).
"$credo" diff old.credo new.credo >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "changed exit" 1 "$rc"
expect "changed stderr" "" "$(cat "$tmp/err")"
expect_file "changed text" expected.txt "$tmp/out"
"$credo" diff old.credo new.credo --format json >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "changed json exit" 1 "$rc"
expect_file "changed json" expected.json "$tmp/out"

# The reverse diff swaps additions and removals.
"$credo" diff new.credo old.credo >"$tmp/out"; rc=$?
expect "reverse exit" 1 "$rc"
expect "reverse signs" "$(printf -- '-\n~\n+\n-\n~\n~\n~\n~')" "$(cut -c1 "$tmp/out")"
expect "reverse unit" '- unit MTU:DATA9006 "Data Law" credits 5 level 9   (new_catalogue.credo:10)' "$(sed -n 1p "$tmp/out")"

# Bad input: exit 2, the diagnostics as `credo check` prints them, nothing on standard output.
"$credo" diff old.credo bad.credo >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "bad exit" 2 "$rc"
expect "bad stdout" "" "$(cat "$tmp/out")"
expect "bad message" "bad.credo:9:22: error: unknown unit MTU:DATA9010; did you mean MTU:DATA9001?" "$(head -1 "$tmp/err")"
"$credo" check bad.credo 2>"$tmp/check"
expect_file "bad like check" "$tmp/check" "$tmp/err"
"$credo" diff no_such.credo old.credo >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "missing exit" 2 "$rc"
expect "missing stdout" "" "$(cat "$tmp/out")"
expect "missing message" "error: cannot read 'no_such.credo': no such file" "$(cat "$tmp/err")"
"$credo" diff old.credo >/dev/null 2>&1; expect "one file exit" 2 "$?"
"$credo" diff old.credo new.credo --format yaml >/dev/null 2>&1; expect "bad format exit" 2 "$?"

# The same input gives the same bytes.
"$credo" diff old.credo new.credo --format json >"$tmp/a"
"$credo" diff old.credo new.credo --format json >"$tmp/b"
expect_file "repeat json" "$tmp/a" "$tmp/b"

finish
