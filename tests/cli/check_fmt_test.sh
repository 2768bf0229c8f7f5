#!/usr/bin/env bash
# CLI tests for `credo check` and `credo fmt`: exit codes, output streams and formats.
set -u
credo="$1"
data="$2"
. "$(dirname "$0")/expect.sh"

cd "$data/check"

# A clean file: exit 0, nothing printed.
out=$("$credo" check language_example.credo 2>&1); rc=$?
expect "check clean exit" 0 "$rc"
expect "check clean output" "" "$out"

# Errors: exit 1, diagnostics on standard error, nothing on standard output.
"$credo" check syntax_errors.credo >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "check errors exit" 1 "$rc"
expect "check errors stdout" "" "$(cat "$tmp/out")"
expect "check errors stderr" "$(cat syntax_errors.err)" "$(cat "$tmp/err")"

# JSON: the same diagnostics on standard output.
"$credo" check --format json syntax_errors.credo >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "check json exit" 1 "$rc"
expect "check json first message" '"message": "invalid date 2026-02-30: 2026-02 has 28 days",' \
    "$(grep -m1 '"message"' "$tmp/out" | sed 's/^ *//')"
expect "check json count" "$(grep -c ': error: ' syntax_errors.err)" "$(grep -c '"severity": "error"' "$tmp/out")"

# Warnings alone: exit 0, or 1 with --warnings-as-errors.
"$credo" check unused_unit.credo 2>/dev/null; expect "warnings exit" 0 "$?"
"$credo" check --warnings-as-errors unused_unit.credo 2>/dev/null; expect "warnings as errors exit" 1 "$?"

# Usage and I/O errors: exit 2.
"$credo" check 2>/dev/null; expect "check no file exit" 2 "$?"
"$credo" check no_such_file.credo 2>"$tmp/err"; rc=$?
expect "check missing file exit" 2 "$rc"
expect "check missing file message" "error: cannot read 'no_such_file.credo': no such file" "$(cat "$tmp/err")"
"$credo" check --format yaml language_example.credo 2>/dev/null; expect "check bad format exit" 2 "$?"

# fmt: prints canonical text; --check and --write.
printf 'institution  MTU "M"\nunit MTU:A "A"   credits 5.0 level 9 # note\n' >"$tmp/messy.credo"
expect "fmt output" "$(printf 'institution MTU "M"\nunit MTU:A "A" credits 5 level 9 # note')" "$("$credo" fmt "$tmp/messy.credo")"
"$credo" fmt --check "$tmp/messy.credo" 2>/dev/null; expect "fmt check messy exit" 1 "$?"
"$credo" fmt --write "$tmp/messy.credo"; expect "fmt write exit" 0 "$?"
"$credo" fmt --check "$tmp/messy.credo"; expect "fmt check after write exit" 0 "$?"
"$credo" fmt syntax_errors.credo >/dev/null 2>&1; expect "fmt syntax error exit" 1 "$?"
"$credo" fmt no_such_file.credo 2>/dev/null; expect "fmt missing file exit" 2 "$?"

finish
