# Assertions shared by the CLI test scripts (sourced): counts passes and failures, prints what
# differs, and `finish` prints the closing "N passed, N failed" line and sets the exit status.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pass=0

expect() {  # expect NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then
        pass=$((pass + 1))
    else
        failures=$((failures + 1))
        printf 'FAIL %s\n--- expected\n%s\n--- actual\n%s\n' "$1" "$2" "$3"
    fi
}

expect_file() {  # expect_file NAME EXPECTED_FILE ACTUAL_FILE: byte for byte
    if cmp -s "$2" "$3"; then
        pass=$((pass + 1))
    else
        failures=$((failures + 1))
        printf 'FAIL %s\n' "$1"
        diff "$2" "$3" | head -20
    fi
}

finish() {
    echo "$pass passed, $failures failed"
    [ "$failures" -eq 0 ]
}
