#!/usr/bin/env bash
# CLI tests for `credo simulate`: a planted change (the certificate's RPL cap lowered from 50% to
# 25%) on a hand-written cohort whose losers are known by construction, in every report format;
# several changes at once (a pool, a unit, an equivalence, a defaults block, an award removed and
# one added) and the rule lines each award cites; an unchanged ruleset; byte-identical reports for
# 1, 2 and 4 threads on a generated cohort, checked against `credo eval --cohort --summary`; bad
# lines; standard input; --as-of; the progress bar on a terminal only; usage errors.
# Usage: simulate_test.sh CREDO DATA_DIR (DATA_DIR is tests/data; the files are in its cli/simulate/).
set -u
credo="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"  # absolute: the tests run in the data folder
data="$2"
. "$(dirname "$0")/expect.sh"
python=/usr/bin/python3

cd "$data/cli/simulate"
bad_line='cohort.jsonl:9: error: /credentials/0/date: not a real date (2025-02-30): 2025-02 has 28 days'

# The planted change. By construction (cohort.jsonl, as of 2026-09-01), MTU:CERT-DA (20 credits)
# allows 10 RPL credits before and 5 after: S-02, S-04 and S-07 need 10 experiential credits,
# S-10 5 experiential and 5 through the TUS equivalence (another institution: RPL), so those four
# lose it; S-03 and S-11 need 5 and S-01 and S-12 none, so they keep it; S-06 keeps it by taking
# its earned ethics elective instead of an experiential one; S-05 (15 RPL credits) is not eligible
# under either; S-08 holds the certificate. The MSc nests the certificate: S-07, who has the
# capstone, loses it, and S-08 keeps it through the held award. MTU:CERT-DE does not change.
# Line 9 has an impossible date (an error under both rulesets) and line 10 is blank (skipped).
"$credo" simulate --before before.credo --after after_rpl.credo --cohort cohort.jsonl >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "rpl exit" 1 "$rc"
expect "rpl stderr" "$bad_line" "$(cat "$tmp/err")"
expect_file "rpl markdown" expected_rpl.md "$tmp/out"
for format in md json csv; do
    "$credo" simulate --before before.credo --after after_rpl.credo --cohort cohort.jsonl \
        --report "$tmp/rpl.$format" >"$tmp/out" 2>"$tmp/err"; rc=$?
    expect "rpl $format exit" 1 "$rc"
    expect "rpl $format stdout" "" "$(cat "$tmp/out")"
    expect "rpl $format stderr" "$bad_line" "$(cat "$tmp/err")"
    expect_file "rpl $format report" "expected_rpl.$format" "$tmp/rpl.$format"
done
# The exact losers, independently of the golden files: one CSV row per learner and award.
expect "rpl losers" "$(printf '%s\n' S-02,MTU:CERT-DA S-04,MTU:CERT-DA S-07,MTU:CERT-DA S-07,MTU:MSC-DA S-10,MTU:CERT-DA)" \
    "$(tail -n +2 "$tmp/rpl.csv" | cut -d, -f2,3)"
expect "rpl losers only" "eligible,not eligible" "$(tail -n +2 "$tmp/rpl.csv" | cut -d, -f4,5 | sort -u)"
"$python" - "$tmp/rpl.json" >"$tmp/counts" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["learners"], r["bad_lines"])
for a in r["awards"]:
    print(a["award"], a["eligible_before"], a["eligible_after"], a["gained"], a["lost"], a["rule_changes"],
          [e["learner"] for e in a["lost_examples"]])
PY
expect "rpl counts" "13 1
MTU:CERT-DA 10 6 0 4 [1] ['S-02', 'S-04', 'S-07']
MTU:CERT-DE 1 1 0 0 [] []
MTU:MSC-DA 2 1 0 1 [1] ['S-07']" "$(cat "$tmp/counts")"
# The HTML page: its chart has one bar per award that lost learners, none for gains.
"$credo" simulate --before before.credo --after after_rpl.credo --cohort cohort.jsonl --report "$tmp/rpl.html" 2>/dev/null
expect "rpl html chart" 1 "$(grep -c '<svg id="chart"' "$tmp/rpl.html")"
expect "rpl html lost bars" "MTU:CERT-DA: 4 lost,MTU:MSC-DA: 1 lost" \
    "$(grep -o '<rect class="lost"[^>]*><title>[^<]*' "$tmp/rpl.html" | sed 's/.*<title>//' | paste -sd,)"
expect "rpl html gained bars" 0 "$(grep -c '<rect class="gained"' "$tmp/rpl.html")"
expect "rpl html self-contained" 0 "$(grep -ciE '<script|<link|<img|src=|url\(|@import' "$tmp/rpl.html")"
expect "rpl html namespace only" "http://www.w3.org/2000/svg" "$(grep -o 'https\?://[^"]*' "$tmp/rpl.html" | sort -u)"

# The reverse simulation: the same four gain the certificate.
"$credo" simulate --before after_rpl.credo --after before.credo --cohort cohort.jsonl --report "$tmp/reverse.csv" 2>/dev/null
expect "reverse gainers" "$(printf '%s\n' S-02,MTU:CERT-DA,not\ eligible,eligible S-04,MTU:CERT-DA,not\ eligible,eligible \
    S-07,MTU:CERT-DA,not\ eligible,eligible S-07,MTU:MSC-DA,not\ eligible,eligible S-10,MTU:CERT-DA,not\ eligible,eligible)" \
    "$(tail -n +2 "$tmp/reverse.csv" | cut -d, -f2-5)"

# Several changes at once. MTU:CERT-DA cites the unit added, the pool it joined, the equivalence
# and the new recency default (not the ruleset line, nor the other awards' changes): S-13 gains
# it with MTU:DATA9006 in the pool; S-10 loses it (grade 60, the equivalence now wants 70) and
# S-12 too (a 2019 elective, now more than 5 years old). MTU:CERT-DE is removed (S-06, its one
# holder, loses it) and cites only its own lines; MTU:CERT-DL is added (S-14 gains it) and cites
# its lines, the unit and the default it takes. The MSc changes for no one.
"$credo" simulate --before before.credo --after after_more.credo --cohort cohort.jsonl >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "more exit" 1 "$rc"
expect "more stderr" "$bad_line" "$(cat "$tmp/err")"
expect_file "more markdown" expected_more.md "$tmp/out"
"$credo" simulate --before before.credo --after after_more.credo --cohort cohort.jsonl --report "$tmp/more.csv" 2>/dev/null
expect_file "more csv" expected_more.csv "$tmp/more.csv"
expect "more rows" "$(printf '%s\n' 'S-06,MTU:CERT-DE,eligible,absent' 'S-10,MTU:CERT-DA,eligible,not eligible' \
    'S-12,MTU:CERT-DA,eligible,not eligible' 'S-13,MTU:CERT-DA,not eligible,eligible' 'S-14,MTU:CERT-DL,absent,eligible')" \
    "$(tail -n +2 "$tmp/more.csv" | cut -d, -f2-5)"

# An unchanged ruleset (a cohort without the bad line): no rule changes, no learner changes, exit 0.
grep -v '"S-09"' cohort.jsonl >"$tmp/good.jsonl"
"$credo" simulate --before before.credo --after before.credo --cohort "$tmp/good.jsonl" --report "$tmp/same.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "same exit" 0 "$rc"
expect "same stderr" "" "$(cat "$tmp/err")"
"$python" - "$tmp/same.json" >"$tmp/counts" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["learners"], r["bad_lines"], len(r["changes"]), r["errors"])
for a in r["awards"]:
    print(a["award"], a["eligible_before"], a["eligible_after"], a["gained"], a["lost"], a["rule_changes"])
PY
expect "same counts" "13 0 0 []
MTU:CERT-DA 10 10 0 0 []
MTU:CERT-DE 1 1 0 0 []
MTU:MSC-DA 2 2 0 0 []" "$(cat "$tmp/counts")"
"$credo" simulate --before before.credo --after before.credo --cohort "$tmp/good.jsonl" >"$tmp/out"
expect "same rule changes" "None: the two rulesets are the same, construct by construct." \
    "$(sed -n '/^## Rule changes/,/^## Awards/p' "$tmp/out" | sed -n 3p)"
expect "same learners" "No learner's eligibility changed." "$(tail -1 "$tmp/out")"
"$credo" simulate --before before.credo --after before.credo --cohort "$tmp/good.jsonl" --report "$tmp/same.csv"
expect "same csv" "line,learner,award,before,after,rule_lines,rule_changes" "$(cat "$tmp/same.csv")"

# A generated cohort of 3,000 (47 chunks of 64 lines): 1, 2 and 4 threads give the same bytes in
# every format (results are put back in cohort order before they are counted).
"$credo" gen-cohort before.credo --size 3000 --seed 11 >"$tmp/big.jsonl"
for format in md json csv html; do
    for threads in 1 2 4; do
        "$credo" simulate --before before.credo --after after_more.credo --cohort "$tmp/big.jsonl" \
            --threads "$threads" --report "$tmp/big.$threads.$format" >/dev/null 2>"$tmp/err"; rc=$?
        expect "threads $threads $format exit" 0 "$rc"
        expect "threads $threads $format stderr" "" "$(cat "$tmp/err")"
    done
    expect_file "threads 1 and 2 $format" "$tmp/big.1.$format" "$tmp/big.2.$format"
    expect_file "threads 1 and 4 $format" "$tmp/big.1.$format" "$tmp/big.4.$format"
done
# The counts and the changed rows agree with `credo eval --cohort --summary` under each ruleset.
"$credo" eval before.credo --cohort "$tmp/big.jsonl" --summary >"$tmp/big.before"
"$credo" eval after_more.credo --cohort "$tmp/big.jsonl" --summary >"$tmp/big.after"
"$python" - "$tmp/big.before" "$tmp/big.after" "$tmp/big.1.json" "$tmp/big.1.csv" <<'PY' >"$tmp/check"
import csv, json, sys
def eligible(path):
    return [(r["learner"], {a["award"] for a in r["eligible"]}) for r in map(json.loads, open(path))]
before, after = eligible(sys.argv[1]), eligible(sys.argv[2])
report = json.load(open(sys.argv[3]))
rows = [(r["learner"], r["award"], r["before"], r["after"]) for r in csv.DictReader(open(sys.argv[4]))]
problems, expected_rows = [], []
for a in report["awards"]:
    award = a["award"]
    b = [award in s for _, s in before]
    f = [award in s for _, s in after]
    if (a["eligible_before"] or 0, a["eligible_after"] or 0) != (sum(b), sum(f)):
        problems.append(award + " eligible counts")
    if (a["gained"], a["lost"]) != (sum(x < y for x, y in zip(b, f)), sum(x > y for x, y in zip(b, f))):
        problems.append(award + " gained or lost")
for n, ((learner, sb), (_, sa)) in enumerate(zip(before, after)):
    for a in report["awards"]:
        award = a["award"]
        if (award in sb) != (award in sa):
            state = lambda present, s: "absent" if not present else ("eligible" if award in s else "not eligible")
            expected_rows.append((learner, award, state(a["in_before"], sb), state(a["in_after"], sa)))
if rows != expected_rows:
    problems.append("csv rows")
moved = sum(a["gained"] + a["lost"] for a in report["awards"])
print("learners", report["learners"], "moved", "some" if moved > 100 else moved, "problems", problems)
PY
expect "threads against eval" "learners 3000 moved some problems []" "$(cat "$tmp/check")"

# Standard input: the same report, the cohort named as such.
"$credo" simulate --before before.credo --after after_rpl.credo --cohort - <cohort.jsonl >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "stdin exit" 1 "$rc"
expect "stdin stderr" "${bad_line/cohort.jsonl/<stdin>}" "$(cat "$tmp/err")"
expect "stdin cohort" 'Cohort on standard input: 13 learners decided under both rulesets; 1 line not read or decided.' \
    "$(sed -n 8p "$tmp/out")"
expect "stdin same otherwise" "$(sed 8d expected_rpl.md)" "$(sed 8d "$tmp/out")"

# --as-of wins over the records' as_of: as of 2032-01-15 every credential of the cohort is more
# than 5 years old, so under the new recency default only S-08, who holds the certificate, keeps it.
"$credo" simulate --before before.credo --after after_more.credo --cohort "$tmp/good.jsonl" --as-of 2032-01-15 \
    >"$tmp/out" 2>/dev/null
expect "as-of sentence" "Cohort \`$tmp/good.jsonl\`: 13 learners decided under both rulesets. Decided as of 2032-01-15." \
    "$(sed -n 8p "$tmp/out")"
expect "as-of too old" "| MTU:CERT-DA | Certificate in Data Analytics | 10 | 1 | 0 | 9 |" \
    "$(grep '^| MTU:CERT-DA ' "$tmp/out")"

# A record the new ruleset rejects (it holds the withdrawn MTU:CERT-DE): a bad line that says
# under which ruleset; the other lines still run.
{
    sed -n 1p cohort.jsonl
    echo '{"learner": "H-1", "as_of": "2026-09-01", "credentials": [], "awards_held": [{"award": "MTU:CERT-DE", "date": "2024-06-30"}]}'
    echo '{"learner": "H-2", "credentials": ['
    sed -n 2p cohort.jsonl
} >"$tmp/held.jsonl"
"$credo" simulate --before before.credo --after after_more.credo --cohort "$tmp/held.jsonl" --report "$tmp/held.json" \
    >/dev/null 2>"$tmp/err"; rc=$?
expect "held exit" 1 "$rc"
expect "held stderr" "$tmp/held.jsonl:2: error: under the new ruleset: /awards_held/0/award: unknown award MTU:CERT-DE
$tmp/held.jsonl:3: error: /: not valid JSON: parse error at line 1, column 36: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal" \
    "$(cat "$tmp/err")"
expect "held counts" "2 2 [2, 3]" "$("$python" -c '
import json, sys; r = json.load(open(sys.argv[1])); print(r["learners"], r["bad_lines"], [e["line"] for e in r["errors"]])' "$tmp/held.json")"

# The progress bar: on standard error when it is a terminal (here a pseudo-terminal from
# `script`), never otherwise (every run above checked an empty or exact standard error).
if command -v script >/dev/null; then
    script -qec "'$credo' simulate --before before.credo --after after_rpl.credo --cohort '$tmp/good.jsonl' --report '$tmp/tty.md'" \
        /dev/null >"$tmp/tty" 2>&1
    expect "progress on a terminal" 1 "$(grep -c '\[##############################\] 100%  14 lines' "$tmp/tty")"
    expect_file "progress report unchanged" "$tmp/tty.md" <("$credo" simulate --before before.credo --after after_rpl.credo --cohort "$tmp/good.jsonl")
fi

# Usage and input errors.
"$credo" simulate --after after_rpl.credo --cohort cohort.jsonl >/dev/null 2>&1; expect "no before exit" 2 "$?"
"$credo" simulate --before before.credo --cohort cohort.jsonl >/dev/null 2>&1; expect "no after exit" 2 "$?"
"$credo" simulate --before before.credo --after after_rpl.credo >/dev/null 2>&1; expect "no cohort exit" 2 "$?"
"$credo" simulate --before before.credo --after after_rpl.credo --cohort cohort.jsonl --threads 0 >/dev/null 2>&1
expect "threads 0 exit" 2 "$?"
"$credo" simulate --before before.credo --after after_rpl.credo --cohort cohort.jsonl --report "$tmp/r.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "bad report exit" 2 "$rc"
expect "bad report message" "credo simulate: --report $tmp/r.txt: the file name must end in .md, .json, .csv or .html" "$(cat "$tmp/err")"
expect "bad report no file" 1 "$([ -e "$tmp/r.txt" ]; echo $?)"
"$credo" simulate --before before.credo --after after_rpl.credo --cohort cohort.jsonl --report "$tmp/no/such/r.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "unwritable report exit" 2 "$rc"
expect "unwritable report message" "credo simulate: cannot write '$tmp/no/such/r.md'" "$(cat "$tmp/err")"
"$credo" simulate --before before.credo --after after_rpl.credo --cohort no_such.jsonl >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "missing cohort exit" 2 "$rc"
expect "missing cohort stdout" "" "$(cat "$tmp/out")"
expect "missing cohort message" "credo simulate: cannot read 'no_such.jsonl'" "$(cat "$tmp/err")"
"$credo" simulate --before before.credo --after after_rpl.credo --cohort cohort.jsonl --as-of 2026-02-30 >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "bad as-of exit" 2 "$rc"
expect "bad as-of message" "credo simulate: --as-of 2026-02-30 is not a real date (YYYY-MM-DD)" "$(cat "$tmp/err")"
"$credo" simulate --before no_such.credo --after after_rpl.credo --cohort cohort.jsonl >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "missing ruleset exit" 2 "$rc"
expect "missing ruleset stdout" "" "$(cat "$tmp/out")"
expect "missing ruleset message" "error: cannot read 'no_such.credo': no such file" "$(cat "$tmp/err")"
"$credo" simulate --before before.credo --after ../diff/bad.credo --cohort cohort.jsonl >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "rule errors exit" 1 "$rc"
expect "rule errors stdout" "" "$(cat "$tmp/out")"
"$credo" check ../diff/bad.credo 2>"$tmp/check"
expect_file "rule errors like check" "$tmp/check" "$tmp/err"

# The same input gives the same bytes.
"$credo" simulate --before before.credo --after after_more.credo --cohort cohort.jsonl --report "$tmp/a.html" 2>/dev/null
"$credo" simulate --before before.credo --after after_more.credo --cohort cohort.jsonl --report "$tmp/b.html" 2>/dev/null
expect_file "repeat html" "$tmp/a.html" "$tmp/b.html"

finish
