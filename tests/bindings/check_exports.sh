#!/usr/bin/env bash
# Checks that libcredo exports exactly the C API of credo.h: every credo_ function, nothing else.
# Usage: check_exports.sh NM LIBRARY
set -euo pipefail
nm_tool=$1
library=$2

expected="credo_error_code
credo_error_column
credo_error_file
credo_error_free
credo_error_line
credo_error_message
credo_error_pointer
credo_evaluate
credo_is_eligible
credo_pathway
credo_ruleset_award_count
credo_ruleset_award_id
credo_ruleset_compile
credo_ruleset_digest
credo_ruleset_free
credo_ruleset_load
credo_ruleset_name
credo_ruleset_version
credo_status_name
credo_string_free
credo_version"

exported=$("$nm_tool" -D --defined-only "$library" | awk '{print $NF}' | sort)
others=$("$nm_tool" -D --defined-only "$library" | grep -v ' credo_' || true)
if [ -n "$others" ]; then
    echo "$library exports symbols outside the C API:"
    echo "$others" | head -50
    exit 1
fi
if [ "$exported" != "$expected" ]; then
    echo "$library exports a different set of credo_ functions than expected:"
    diff <(echo "$expected") <(echo "$exported") || true
    exit 1
fi
echo "$library exports exactly the $(echo "$expected" | wc -l) functions of credo.h"
