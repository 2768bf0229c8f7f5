"""Tests of the Python binding (credo over libcredo); CREDO_LIBRARY names the library under test."""

import datetime
import gc
import json
import os
import threading
import weakref

import pytest

import credo

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
MICROCRED = os.path.join(ROOT, "rulesets", "microcred-l9")

RULES = (
    'ruleset "Test rules" version "1.0"\n'
    'institution T "Test"\n'
    'unit T:1 "One" credits 5 level 9\n'
    'unit T:2 "Tw\u00f6" credits 5 level 9\n'
    'award T:A "A" class minor level 9 credits 5 {\n'
    '  require "m" all T:1\n'
    "}\n"
    'award T:B "B" class minor level 9 credits 10 {\n'
    '  require "m" all T:1, T:2\n'
    "}\n"
)

LEARNER = {
    "learner": "L1",
    "as_of": "2026-01-01",
    "credentials": [{"id": "c1", "unit": "T:1", "date": "2025-06-01", "grade": 70}],
}


def learner_file(name):
    with open(os.path.join(MICROCRED, "learners", name + ".json"), encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture
def rules():
    with credo.Ruleset.compile(RULES, name="t.credo") as rs:
        yield rs


@pytest.fixture(scope="module")
def microcred():
    rs = credo.Ruleset.load(os.path.join(MICROCRED, "main.credo"))
    yield rs
    rs.close()


def test_library_version_is_the_package_version():
    assert credo.library_version() == credo.__version__ == "0.1.0"


def test_compile_gives_the_ruleset_information(rules):
    assert rules.name == "Test rules"
    assert rules.version == "1.0"
    assert rules.digest.startswith("sha256:") and len(rules.digest) == 71
    assert rules.award_ids == ("T:A", "T:B")


def test_load_gives_the_ruleset_information(microcred):
    assert microcred.name == "MTU Data Analytics micro-credential stack (NFQ 9)"
    assert microcred.version == "2026.1"
    assert microcred.award_ids == ("MTU:MC-ML", "MTU:CERT-DA", "MTU:PGDIP-DA", "MTU:MSC-DA")
    assert microcred.digest == credo.Ruleset.load(os.path.join(MICROCRED, "main.credo")).digest


def test_evaluate_returns_the_decision(rules):
    decision = rules.evaluate(LEARNER)
    assert decision["learner"] == "L1"
    assert decision["as_of"] == "2026-01-01"
    assert decision["ruleset"] == {"name": "Test rules", "version": "1.0", "effective": None, "digest": rules.digest}
    assert [(a["award"], a["eligible"]) for a in decision["awards"]] == [("T:A", True), ("T:B", False)]
    assert decision["awards"][1]["unmet"] == [{"requirement": "m", "line": 9, "missing": "all T:2"}]


def test_evaluate_options(rules):
    decision = rules.evaluate(LEARNER, as_of=datetime.date(2030, 2, 1), awards=["T:B"], explain=False)
    assert decision["as_of"] == "2030-02-01"
    assert [a["award"] for a in decision["awards"]] == ["T:B"]
    assert decision["awards"][0]["unmet"] == []
    assert rules.evaluate(LEARNER, as_of="2027-03-04")["as_of"] == "2027-03-04"
    assert [a["award"] for a in rules.evaluate(LEARNER, awards="T:A")["awards"]] == ["T:A"]


def test_evaluate_accepts_json_text(rules):
    text = json.dumps(LEARNER)
    assert rules.evaluate(text) == rules.evaluate(LEARNER) == rules.evaluate(text.encode("utf-8"))


def test_pathways(rules):
    plan = {"units": ["T:2"], "credits": 5, "optimal": True,
            "milestones": [{"after": "T:2", "eligible": ["T:B"]}]}
    decision = rules.evaluate(LEARNER, pathways=True)
    assert [a["pathway"] for a in decision["awards"]] == [None, plan]
    assert rules.evaluate(LEARNER)["awards"][1]["pathway"] is None
    assert rules.pathway(LEARNER, "T:B") == {"award": "T:B", "eligible": False, "held": False, "pathway": plan}
    assert rules.pathway(LEARNER, "T:A", pathway_budget=1)["pathway"] is None
    with pytest.raises(credo.CredoError) as info:
        rules.pathway(LEARNER, "T:Q")
    assert info.value.code == credo.Status.ERR_UNKNOWN_AWARD


def test_is_eligible(rules):
    assert rules.is_eligible(LEARNER, "T:A") is True
    assert rules.is_eligible(LEARNER, "T:B") is False


def test_is_eligible_agrees_with_evaluate(microcred):
    for name in ["sample", "msc-complete", "cert-earned", "too-old"]:
        learner = learner_file(name)
        decision = microcred.evaluate(learner, explain=False)
        assert [microcred.is_eligible(learner, award) for award in microcred.award_ids] == [
            a["eligible"] for a in decision["awards"]
        ]
    sample = learner_file("sample")
    assert [microcred.is_eligible(sample, a) for a in microcred.award_ids] == [False, True, False, False]


def test_syntax_error_has_line_column_and_every_diagnostic():
    bad = RULES.replace('"Tw\u00f6" credits 5', '"Tw\u00f6" credits five').replace("all T:1\n", "all T:9\n")
    with pytest.raises(credo.CredoError) as info:
        credo.Ruleset.compile(bad, name="bad.credo")
    e = info.value
    assert e.code == credo.Status.ERR_RULES
    assert (e.line, e.column, e.file, e.pointer) == (4, 24, "bad.credo", "")
    assert e.message == (
        "bad.credo:4:24: error: expected number, got 'five'\n"
        'unit T:2 "Tw\u00f6" credits five level 9\n'
        "                       ^\n"
        "bad.credo:6:19: error: unknown unit T:9; did you mean T:1?\n"
        '  require "m" all T:9\n'
        "                  ^\n"
    )
    assert str(e) == e.message


def test_default_name_is_string():
    with pytest.raises(credo.CredoError) as info:
        credo.Ruleset.compile("ruleset")
    assert info.value.file == "<string>"
    assert info.value.line == 1


def test_missing_file_is_an_io_error(tmp_path):
    path = str(tmp_path / "missing.credo")
    with pytest.raises(credo.CredoError) as info:
        credo.Ruleset.load(path)
    e = info.value
    assert e.code == credo.Status.ERR_IO
    assert e.message == "cannot read '%s': no such file" % path
    assert (e.file, e.line, e.column) == (path, 0, 0)


def test_bad_learner_names_the_field(rules):
    learner = json.loads(json.dumps(LEARNER))
    learner["credentials"][0]["date"] = "2026-02-30"
    with pytest.raises(credo.CredoError) as info:
        rules.evaluate(learner)
    e = info.value
    assert e.code == credo.Status.ERR_LEARNER
    assert e.pointer == "/credentials/0/date"
    assert e.message == "/credentials/0/date: not a real date (2026-02-30): 2026-02 has 28 days"
    with pytest.raises(credo.CredoError) as info:
        rules.is_eligible("{", "T:A")
    assert info.value.code == credo.Status.ERR_LEARNER
    assert info.value.pointer == ""


def test_unknown_award(rules):
    with pytest.raises(credo.CredoError) as info:
        rules.is_eligible(LEARNER, "T:C")
    assert info.value.code == credo.Status.ERR_UNKNOWN_AWARD
    assert info.value.message == "unknown award T:C; did you mean T:A?"
    with pytest.raises(credo.CredoError) as info:
        rules.evaluate(LEARNER, awards=["T:Q"])
    assert info.value.code == credo.Status.ERR_UNKNOWN_AWARD


def test_options_errors(rules):
    with pytest.raises(credo.CredoError) as info:
        rules.evaluate(LEARNER, as_of="2026-02-30")
    assert info.value.code == credo.Status.ERR_OPTIONS
    assert info.value.message == 'options_json: "as_of" is not a real date: 2026-02 has 28 days'
    with pytest.raises(credo.CredoError) as info:
        rules.evaluate(LEARNER, awards=[])
    assert info.value.message == 'options_json: "awards" is empty; leave it out to decide every award'
    with pytest.raises(credo.CredoError) as info:
        rules.evaluate(LEARNER, budget=0)
    assert info.value.message == 'options_json: "budget" must be a positive integer, got 0'


def test_budget_error(microcred):
    with pytest.raises(credo.CredoError) as info:
        microcred.evaluate(learner_file("sample"), awards=["MTU:CERT-DA"], budget=1)
    assert info.value.code == credo.Status.ERR_BUDGET
    assert info.value.message.startswith("award MTU:CERT-DA: the allocation search did not finish")


def test_invalid_utf8_is_rejected(rules):
    with pytest.raises(credo.CredoError) as info:
        credo.Ruleset.compile(b'ruleset "R\xff" version "1"\n')
    assert info.value.code == credo.Status.ERR_INVALID_ARGUMENT
    assert info.value.message == "credo_ruleset_compile: source is not valid UTF-8 (byte 10)"
    with pytest.raises(credo.CredoError) as info:
        rules.is_eligible(LEARNER, "T:\ud800")
    assert info.value.code == credo.Status.ERR_INVALID_ARGUMENT
    assert info.value.message == "credo_is_eligible: award_id is not valid UTF-8 (byte 2)"


def test_non_ascii_text_round_trips(rules):
    learner = dict(LEARNER, learner="Se\u00e1n \U0001f393")
    assert rules.evaluate(learner)["learner"] == "Se\u00e1n \U0001f393"


def test_close_frees_and_forbids_further_use():
    rs = credo.Ruleset.compile(RULES)
    rs.close()
    rs.close()
    with pytest.raises(ValueError):
        rs.is_eligible(LEARNER, "T:A")
    with pytest.raises(ValueError):
        rs.name
    assert repr(rs) == "<credo.Ruleset (closed)>"


def test_garbage_collection_frees_the_ruleset():
    rs = credo.Ruleset.compile(RULES)
    finalizer = rs._finalizer
    probe = weakref.ref(rs)
    del rs
    gc.collect()
    assert probe() is None
    assert not finalizer.alive


def test_threads_share_one_ruleset(microcred):
    learners = [learner_file(n) for n in ["sample", "msc-complete", "cert-earned", "rpl-at-cap"]]
    expected = [microcred.evaluate(l, as_of="2026-11-28") for l in learners]
    failures = []

    def work(offset):
        for i in range(40):
            k = (i + offset) % len(learners)
            if microcred.evaluate(learners[k], as_of="2026-11-28") != expected[k]:
                failures.append(k)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
