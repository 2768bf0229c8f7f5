// Reading learner records: what a good record becomes, and every rejection with the exact JSON
// pointer and message (LANGUAGE.md, "Learner records": bad input is rejected naming the field).
#include <catch2/catch.hpp>

#include "engine/compile.hpp"
#include "engine/learner.hpp"
#include "tests/engine/learner_rules.hpp"

namespace engine = credo::engine;

namespace {

const engine::Ruleset& ruleset() {
    static const engine::CompileResult compiled = engine::compile_text(credo::test::kLearnerRules, "learner_test.credo");
    REQUIRE(compiled.ruleset);
    return *compiled.ruleset;
}

/// Reads `json`, which must be rejected, and returns the error.
engine::LearnerError rejection(const std::string& json) {
    engine::Learner learner;
    engine::LearnerError error;
    INFO(json);
    REQUIRE_FALSE(engine::read_learner(json, ruleset(), learner, error));
    return error;
}

struct Bad {
    const char* what;
    std::string json;
    const char* pointer;
    const char* message;
};

void check_all(const std::vector<Bad>& cases) {
    for (const Bad& bad : cases) {
        INFO(bad.what << ": " << bad.json);
        engine::LearnerError error = rejection(bad.json);
        CHECK(error.pointer == bad.pointer);
        CHECK(error.message == bad.message);
    }
}

/// A record with one good credential and `extra` spliced into the top-level object.
std::string record(const std::string& credentials, const std::string& extra = "") {
    return R"({"learner": "L1", "as_of": "2026-01-01", "credentials": )" + credentials + extra + "}";
}

}  // namespace

TEST_CASE("a good learner record is read with the catalogue's facts", "[learner]") {
    const std::string json = R"({
      "learner": "L-0001", "as_of": "2026-02-28",
      "credentials": [
        {"id": "c1", "unit": "MTU:A", "date": "2025-06-01", "grade": 72.5, "basis": "earned"},
        {"id": "c2", "unit": "MTU:B", "date": "2024-02-29", "credits": 7.5, "level": 9, "basis": "transfer"},
        {"id": "c3", "unit": "UCC:X1", "date": "2020-01-01", "credits": 10, "level": 7, "basis": "experiential"},
        {"id": "c4", "unit": "ATU:WEB801", "date": "2021-05-20", "grade": null}
      ],
      "awards_held": [{"award": "MTU:CERT", "date": "2025-07-01", "credentials": ["c1"]}],
      "exceptions": [
        {"award": "MTU:DIP", "requirement": "more", "kind": "substitute", "unit": "MTU:B", "credential": "c3",
         "note": "exam board"},
        {"award": "MTU:DIP", "requirement": "prior", "kind": "waive"}
      ]
    })";
    engine::Learner learner;
    engine::LearnerError error;
    REQUIRE(engine::read_learner(json, ruleset(), learner, error));
    CHECK(learner.id == "L-0001");
    REQUIRE(learner.as_of);
    CHECK(credo::format_date(*learner.as_of) == "2026-02-28");
    REQUIRE(learner.credentials.size() == 4);

    const engine::Credential& c1 = learner.credentials[0];
    CHECK(c1.catalogue == ruleset().find_unit("MTU:A"));
    CHECK(c1.institution == "MTU");
    CHECK(c1.home == ruleset().institution_index.at("MTU"));
    CHECK(c1.credits == credo::Centi{500});  // the catalogue's
    CHECK(c1.level == 8);
    CHECK(c1.grade == credo::Centi{7250});
    CHECK(c1.basis == engine::Basis::earned);

    const engine::Credential& c2 = learner.credentials[1];
    CHECK(c2.credits == credo::Centi{750});
    CHECK(credo::format_date(c2.date) == "2024-02-29");
    CHECK(c2.basis == engine::Basis::transfer);

    const engine::Credential& c3 = learner.credentials[2];
    CHECK(c3.catalogue == engine::kNone);
    CHECK(c3.institution == "UCC");
    CHECK(c3.home == engine::kNone);  // the ruleset declares no UCC
    CHECK(c3.credits == credo::Centi{1000});
    CHECK(c3.level == 7);
    CHECK(c3.basis == engine::Basis::experiential);

    const engine::Credential& c4 = learner.credentials[3];  // an equivalence source only
    CHECK_FALSE(c4.credits);
    CHECK_FALSE(c4.level);
    CHECK_FALSE(c4.grade);
    CHECK(c4.basis == engine::Basis::earned);  // the default

    REQUIRE(learner.awards_held.size() == 1);
    CHECK(learner.awards_held[0].award == ruleset().find_award("MTU:CERT"));
    CHECK(learner.awards_held[0].credentials == std::vector<std::uint32_t>{0});

    REQUIRE(learner.exceptions.size() == 2);
    const engine::RuleException& sub = learner.exceptions[0];
    CHECK(sub.kind == engine::RuleException::Kind::substitute);
    CHECK(sub.award == ruleset().find_award("MTU:DIP"));
    CHECK(sub.requirement == 1);
    CHECK_FALSE(sub.entry);
    CHECK(sub.unit == ruleset().find_unit("MTU:B"));
    CHECK(sub.credential == 2);
    CHECK(sub.note == "exam board");
    const engine::RuleException& waive = learner.exceptions[1];
    CHECK(waive.kind == engine::RuleException::Kind::waive);
    CHECK(waive.entry);  // "prior" is in the entry block
    CHECK(waive.requirement == 0);
}

TEST_CASE("as_of, awards_held and exceptions may be left out", "[learner]") {
    engine::Learner learner;
    engine::LearnerError error;
    REQUIRE(engine::read_learner(R"({"learner": "L", "credentials": []})", ruleset(), learner, error));
    CHECK_FALSE(learner.as_of);
    REQUIRE(engine::read_learner(R"({"learner": "L", "as_of": null, "credentials": []})", ruleset(), learner, error));
    CHECK_FALSE(learner.as_of);
}

TEST_CASE("the error text is the pointer and the message", "[learner]") {
    engine::LearnerError error = rejection(record(R"([{"id": "c1", "unit": "MTU:A", "date": "2026-02-30"}])"));
    CHECK(error.what() == "/credentials/0/date: not a real date (2026-02-30): 2026-02 has 28 days");
    error = rejection("[]");
    CHECK(error.what() == "/: expected an object, got an array");
}

TEST_CASE("invalid JSON is rejected at the root", "[learner]") {
    check_all({
        {"truncated", R"({"learner": "L1",)", "",
         "not valid JSON: parse error at line 1, column 18: syntax error while parsing object key - unexpected "
         "end of input; expected string literal"},
        {"empty", "", "",
         "not valid JSON: parse error at line 1, column 1: syntax error while parsing value - unexpected end of "
         "input; expected '[', '{', or a literal"},
        {"trailing text", R"({"learner": "L1", "credentials": []} x)", "",
         "not valid JSON: parse error at line 1, column 38: syntax error while parsing value - invalid literal; "
         "last read: '\"credentials\": []} x'; expected end of input"},
        {"number overflow", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "grade": 1e400}])"), "",
         "not valid JSON: number overflow parsing '1e400'"},
    });
}

TEST_CASE("missing fields are named", "[learner]") {
    check_all({
        {"learner", R"({"credentials": []})", "/learner", "missing field"},
        {"credentials", R"({"learner": "L1"})", "/credentials", "missing field"},
        {"credential id", record(R"([{"unit": "MTU:A", "date": "2025-01-01"}])"), "/credentials/0/id", "missing field"},
        {"credential unit", record(R"([{"id": "c1", "date": "2025-01-01"}])"), "/credentials/0/unit", "missing field"},
        {"credential date", record(R"([{"id": "c1", "unit": "MTU:A"}, {"id": "c2", "unit": "MTU:B"}])"),
         "/credentials/0/date", "missing field"},
        {"second credential's date",
         record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01"}, {"id": "c2", "unit": "MTU:B"}])"),
         "/credentials/1/date", "missing field"},
        {"held award's award", record("[]", R"(, "awards_held": [{"date": "2025-01-01"}])"), "/awards_held/0/award",
         "missing field"},
        {"held award's date", record("[]", R"(, "awards_held": [{"award": "MTU:CERT"}])"), "/awards_held/0/date",
         "missing field"},
        {"exception's award", record("[]", R"(, "exceptions": [{"requirement": "core", "kind": "waive"}])"),
         "/exceptions/0/award", "missing field"},
        {"exception's requirement", record("[]", R"(, "exceptions": [{"award": "MTU:CERT", "kind": "waive"}])"),
         "/exceptions/0/requirement", "missing field"},
        {"exception's kind", record("[]", R"(, "exceptions": [{"award": "MTU:CERT", "requirement": "core"}])"),
         "/exceptions/0/kind", "missing field"},
        {"substitute's unit",
         record(R"([{"id": "c1", "unit": "MTU:B", "date": "2025-01-01"}])",
                R"(, "exceptions": [{"award": "MTU:CERT", "requirement": "core", "kind": "substitute", "credential": "c1"}])"),
         "/exceptions/0/unit", "missing field"},
        {"substitute's credential",
         record("[]", R"(, "exceptions": [{"award": "MTU:CERT", "requirement": "core", "kind": "substitute", "unit": "MTU:A"}])"),
         "/exceptions/0/credential", "missing field"},
    });
}

TEST_CASE("wrong types are named", "[learner]") {
    check_all({
        {"root", "[]", "", "expected an object, got an array"},
        {"learner", R"({"learner": 7, "credentials": []})", "/learner", "expected a string, got a number"},
        {"empty learner", R"({"learner": "", "credentials": []})", "/learner", "must not be empty"},
        {"as_of", R"({"learner": "L1", "as_of": 20260101, "credentials": []})", "/as_of",
         "expected a string, got a number"},
        {"credentials", R"({"learner": "L1", "credentials": {}})", "/credentials", "expected an array, got an object"},
        {"credential", record(R"(["c1"])"), "/credentials/0", "expected an object, got a string"},
        {"id", record(R"([{"id": 1, "unit": "MTU:A", "date": "2025-01-01"}])"), "/credentials/0/id",
         "expected a string, got a number"},
        {"unit", record(R"([{"id": "c1", "unit": null, "date": "2025-01-01"}])"), "/credentials/0/unit",
         "expected a string, got null"},
        {"date", record(R"([{"id": "c1", "unit": "MTU:A", "date": true}])"), "/credentials/0/date",
         "expected a string, got a boolean"},
        {"grade", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "grade": "A"}])"),
         "/credentials/0/grade", "expected a number, got a string"},
        {"basis", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "basis": 1}])"),
         "/credentials/0/basis", "expected a string, got a number"},
        {"credits", record(R"([{"id": "c1", "unit": "UCC:X", "date": "2025-01-01", "credits": "5", "level": 8}])"),
         "/credentials/0/credits", "expected a number, got a string"},
        {"level", record(R"([{"id": "c1", "unit": "UCC:X", "date": "2025-01-01", "credits": 5, "level": "8"}])"),
         "/credentials/0/level", "expected a whole number, got a string"},
        {"fractional level", record(R"([{"id": "c1", "unit": "UCC:X", "date": "2025-01-01", "credits": 5, "level": 8.5}])"),
         "/credentials/0/level", "expected a whole number, got 8.5"},
        {"awards_held", record("[]", R"(, "awards_held": {})"), "/awards_held", "expected an array, got an object"},
        {"held award", record("[]", R"(, "awards_held": ["MTU:CERT"])"), "/awards_held/0",
         "expected an object, got a string"},
        {"held award's credentials", record("[]", R"(, "awards_held": [{"award": "MTU:CERT", "date": "2025-01-01", "credentials": "c1"}])"),
         "/awards_held/0/credentials", "expected an array, got a string"},
        {"held award's credential", record("[]", R"(, "awards_held": [{"award": "MTU:CERT", "date": "2025-01-01", "credentials": [1]}])"),
         "/awards_held/0/credentials/0", "expected a string, got a number"},
        {"exceptions", record("[]", R"(, "exceptions": "none")"), "/exceptions", "expected an array, got a string"},
        {"exception", record("[]", R"(, "exceptions": [[]])"), "/exceptions/0", "expected an object, got an array"},
        {"exception's note", record("[]", R"(, "exceptions": [{"award": "MTU:CERT", "requirement": "core", "kind": "waive", "note": 3}])"),
         "/exceptions/0/note", "expected a string, got a number"},
    });
}

TEST_CASE("bad values are named", "[learner]") {
    const std::string good = R"({"id": "c1", "unit": "MTU:A", "date": "2025-01-01"})";
    check_all({
        {"unknown basis", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "basis": "prior"}])"),
         "/credentials/0/basis", "unknown basis 'prior' (earned, transfer or experiential)"},
        {"duplicate id", record("[" + good + R"(, {"id": "c2", "unit": "MTU:B", "date": "2025-01-01"}, )" + good + "]"),
         "/credentials/2/id", "duplicate credential id 'c1' (first at /credentials/0)"},
        {"impossible date", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2026-02-30"}])"), "/credentials/0/date",
         "not a real date (2026-02-30): 2026-02 has 28 days"},
        {"29 February of a common year", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2027-02-29"}])"),
         "/credentials/0/date", "not a real date (2027-02-29): 2027-02 has 28 days"},
        {"month 13", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-13-01"}])"), "/credentials/0/date",
         "not a real date (2025-13-01): month 13 does not exist"},
        {"not ISO", record(R"([{"id": "c1", "unit": "MTU:A", "date": "01/02/2025"}])"), "/credentials/0/date",
         "not a real date (01/02/2025): a date is written YYYY-MM-DD"},
        {"impossible as_of", R"({"learner": "L1", "as_of": "2026-04-31", "credentials": []})", "/as_of",
         "not a real date (2026-04-31): 2026-04 has 30 days"},
        {"held award date", record("[]", R"(, "awards_held": [{"award": "MTU:CERT", "date": "2025-02-29"}])"),
         "/awards_held/0/date", "not a real date (2025-02-29): 2025-02 has 28 days"},
        {"not a unit id", record(R"([{"id": "c1", "unit": "mtu-a", "date": "2025-01-01"}])"), "/credentials/0/unit",
         "not a unit id (INST:CODE): mtu-a"},
        {"unit is an award", record(R"([{"id": "c1", "unit": "MTU:CERT", "date": "2025-01-01"}])"),
         "/credentials/0/unit", "MTU:CERT is an award; list conferred awards in awards_held"},
        {"credits disagree with the catalogue", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "credits": 10}])"),
         "/credentials/0/credits", "the catalogue gives MTU:A 5 credits, not 10"},
        {"decimal credits disagree", record(R"([{"id": "c1", "unit": "MTU:B", "date": "2025-01-01", "credits": 7}])"),
         "/credentials/0/credits", "the catalogue gives MTU:B 7.5 credits, not 7"},
        {"level disagrees with the catalogue", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "level": 9}])"),
         "/credentials/0/level", "the catalogue gives MTU:A level 8, not 9"},
        {"only credits outside the catalogue", record(R"([{"id": "c1", "unit": "UCC:X", "date": "2025-01-01", "credits": 5}])"),
         "/credentials/0/level", "UCC:X is not in the catalogue: state both credits and level, or neither (level is missing)"},
        {"only level outside the catalogue", record(R"([{"id": "c1", "unit": "UCC:X", "date": "2025-01-01", "level": 8}])"),
         "/credentials/0/credits", "UCC:X is not in the catalogue: state both credits and level, or neither (credits is missing)"},
        {"zero credits", record(R"([{"id": "c1", "unit": "UCC:X", "date": "2025-01-01", "credits": 0, "level": 8}])"),
         "/credentials/0/credits", "credits must be greater than 0"},
        {"three decimals", record(R"([{"id": "c1", "unit": "UCC:X", "date": "2025-01-01", "credits": 7.125, "level": 8}])"),
         "/credentials/0/credits", "at most two decimals"},
        {"level 11", record(R"([{"id": "c1", "unit": "UCC:X", "date": "2025-01-01", "credits": 5, "level": 11}])"),
         "/credentials/0/level", "level 11 is not an NFQ level (1 to 10)"},
        {"level 0", record(R"([{"id": "c1", "unit": "UCC:X", "date": "2025-01-01", "credits": 5, "level": 0}])"),
         "/credentials/0/level", "level 0 is not an NFQ level (1 to 10)"},
        {"grade over 100", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "grade": 100.5}])"),
         "/credentials/0/grade", "a grade is at most 100"},
        {"negative grade", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "grade": -1}])"),
         "/credentials/0/grade", "must not be negative"},
        {"huge credits", record(R"([{"id": "c1", "unit": "UCC:X", "date": "2025-01-01", "credits": 1e12, "level": 8}])"),
         "/credentials/0/credits", "number is too large"},
    });
}

TEST_CASE("unknown fields are rejected", "[learner]") {
    check_all({
        {"top level", R"({"learner": "L1", "credentials": [], "name": "Ann"})", "/name", "unknown field"},
        {"credential", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "ects": 5}])"),
         "/credentials/0/ects", "unknown field"},
        {"held award", record("[]", R"(, "awards_held": [{"award": "MTU:CERT", "date": "2025-01-01", "grade": 70}])"),
         "/awards_held/0/grade", "unknown field"},
        {"exception", record("[]", R"(, "exceptions": [{"award": "MTU:CERT", "requirement": "core", "kind": "waive", "by": "x"}])"),
         "/exceptions/0/by", "unknown field"},
    });
}

TEST_CASE("held awards must name known awards and credentials", "[learner]") {
    const std::string creds = R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01"}])";
    check_all({
        {"unknown award", record(creds, R"(, "awards_held": [{"award": "MTU:CERTX", "date": "2025-06-01"}])"),
         "/awards_held/0/award", "unknown award MTU:CERTX"},
        {"unknown credential", record(creds, R"(, "awards_held": [{"award": "MTU:CERT", "date": "2025-06-01", "credentials": ["c1", "c9"]}])"),
         "/awards_held/0/credentials/1", "unknown credential 'c9'"},
        {"award listed twice",
         record(creds, R"(, "awards_held": [{"award": "MTU:CERT", "date": "2025-06-01"}, {"award": "MTU:CERT", "date": "2025-07-01"}])"),
         "/awards_held/1/award", "award MTU:CERT is listed twice"},
        {"credential behind two held awards",
         record(creds, R"(, "awards_held": [{"award": "MTU:CERT", "date": "2025-06-01", "credentials": ["c1"]}, {"award": "MTU:DIP", "date": "2025-07-01", "credentials": ["c1"]}])"),
         "/awards_held/1/credentials/0", "credential 'c1' already belongs to /awards_held/0"},
    });
}

TEST_CASE("exceptions must name a known award, requirement, kind, unit and credential", "[learner]") {
    const std::string creds = R"([{"id": "c1", "unit": "UCC:X", "credits": 5, "level": 8, "date": "2025-01-01"}])";
    auto exception = [&](const std::string& body) { return record(creds, R"(, "exceptions": [)" + body + "]"); };
    check_all({
        {"unknown award", exception(R"({"award": "MTU:MSC", "requirement": "core", "kind": "waive"})"),
         "/exceptions/0/award", "unknown award MTU:MSC"},
        {"unknown requirement", exception(R"({"award": "MTU:CERT", "requirement": "cores", "kind": "waive"})"),
         "/exceptions/0/requirement", "award MTU:CERT has no requirement \"cores\""},
        {"requirement of another award", exception(R"({"award": "MTU:CERT", "requirement": "more", "kind": "waive"})"),
         "/exceptions/0/requirement", "award MTU:CERT has no requirement \"more\""},
        {"unknown kind", exception(R"({"award": "MTU:CERT", "requirement": "core", "kind": "replace"})"),
         "/exceptions/0/kind", "unknown kind 'replace' (waive or substitute)"},
        {"unknown credential",
         exception(R"({"award": "MTU:CERT", "requirement": "core", "kind": "substitute", "unit": "MTU:A", "credential": "c9"})"),
         "/exceptions/0/credential", "unknown credential 'c9'"},
        {"unknown unit",
         exception(R"({"award": "MTU:CERT", "requirement": "core", "kind": "substitute", "unit": "MTU:Z", "credential": "c1"})"),
         "/exceptions/0/unit", "unknown unit MTU:Z (a substitute names a catalogue unit)"},
        {"waive with a unit", exception(R"({"award": "MTU:CERT", "requirement": "core", "kind": "waive", "unit": "MTU:A"})"),
         "/exceptions/0/unit", "a waive takes no unit"},
        {"waive with a credential",
         exception(R"({"award": "MTU:CERT", "requirement": "core", "kind": "waive", "credential": "c1"})"),
         "/exceptions/0/credential", "a waive takes no credential"},
        {"substitute for a stacking requirement",
         exception(R"({"award": "MTU:DIP", "requirement": "cert", "kind": "substitute", "unit": "MTU:A", "credential": "c1"})"),
         "/exceptions/0/requirement", "a stacking requirement cannot take a substitute; waive it instead"},
        {"second exception",
         exception(R"({"award": "MTU:CERT", "requirement": "core", "kind": "waive"}, {"award": "MTU:DIP", "requirement": "x", "kind": "waive"})"),
         "/exceptions/1/requirement", "award MTU:DIP has no requirement \"x\""},
    });
}

TEST_CASE("the first problem in document order is reported", "[learner]") {
    // The date comes before the basis in the reader, and credentials before awards_held.
    engine::LearnerError error = rejection(
        record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-02-30", "basis": "prior"}])", R"(, "awards_held": 5)"));
    CHECK(error.pointer == "/credentials/0/date");
}

// The reader makes one pass over the text (a SAX parse) yet must answer as a walk over the parsed
// document would: a repeated key keeps its last value, a syntax error anywhere comes first, then
// the top level, each credential in turn, held awards, exceptions; unknown fields by key order.

TEST_CASE("a key given twice keeps its last value", "[learner]") {
    engine::Learner learner;
    engine::LearnerError error;
    REQUIRE(engine::read_learner(R"({"learner": 5, "learner": "L2", "credentials": []})", ruleset(), learner, error));
    CHECK(learner.id == "L2");

    REQUIRE(engine::read_learner(
        record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "grade": "A", "grade": 55},
                   {"id": "c2", "unit": "MTU:B", "date": "2025-01-01", "grade": 60, "grade": null}])"),
        ruleset(), learner, error));
    REQUIRE(learner.credentials.size() == 2);
    CHECK(learner.credentials[0].grade == credo::Centi{5500});
    CHECK_FALSE(learner.credentials[1].grade);

    // The second list of credentials replaces the first, bad entries and all.
    REQUIRE(engine::read_learner(R"({"learner": "L1", "credentials": [{"id": "c1"}, 7],
                                     "credentials": [{"id": "c2", "unit": "MTU:B", "date": "2025-01-01"}],
                                     "awards_held": [{"award": "MTU:CERT", "date": "2025-06-01", "credentials": ["c9"],
                                                      "credentials": ["c2"]}]})",
                                 ruleset(), learner, error));
    REQUIRE(learner.credentials.size() == 1);
    CHECK(learner.credentials[0].id == "c2");
    REQUIRE(learner.awards_held.size() == 1);
    CHECK(learner.awards_held[0].credentials == std::vector<std::uint32_t>{0});

    check_all({
        {"a list then a number", R"({"learner": "L1", "credentials": [], "credentials": 5})", "/credentials",
         "expected an array, got a number"},
        {"a nested value then a string",
         record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "basis": {"basis": [1, 2]}, "basis": "prior"}])"),
         "/credentials/0/basis", "unknown basis 'prior' (earned, transfer or experiential)"},
        {"a good value then a bad one", record("[]", R"(, "exceptions": [{"award": "MTU:CERT", "requirement": "core",
                                                        "kind": "waive", "kind": "replace"}])"),
         "/exceptions/0/kind", "unknown kind 'replace' (waive or substitute)"},
        {"held awards replaced", record("[]", R"(, "awards_held": [{"award": "MTU:CERT", "date": "2025-01-01"}],
                                                  "awards_held": [{"award": "MTU:X", "date": "2025-01-01"}])"),
         "/awards_held/0/award", "unknown award MTU:X"},
    });
}

TEST_CASE("a syntax error anywhere is reported before any other problem", "[learner]") {
    check_all({
        {"after a bad learner", R"({"learner": 7, "credentials": [], "x": 1,})", "",
         "not valid JSON: parse error at line 1, column 42: syntax error while parsing object key - unexpected '}'; "
         "expected string literal"},
        {"after a bad credential",
         record(R"([{"id": "c1", "unit": "MTU:A", "date": "2026-02-30"}, {"id": "c2", "unit": "MTU:A", "date": "2025-01-01"])"),
         "",
         "not valid JSON: parse error at line 1, column 161: syntax error while parsing object - unexpected ']'; "
         "expected '}'"},
        {"invalid UTF-8 in a later string", record("[]", ", \"awards_held\": 5, \"x\": \"\xff\""), "",
         "not valid JSON: parse error at line 1, column 85: syntax error while parsing value - invalid string: "
         "ill-formed UTF-8 byte; last read: '\"\xff'"},
        {"an unpaired surrogate in a skipped value", R"({"zz": ["\ud800"], "learner": "L1", "credentials": []})", "",
         "not valid JSON: parse error at line 1, column 16: syntax error while parsing value - invalid string: "
         "surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\ud800\"'"},
    });
}

TEST_CASE("values the reader does not read may nest deeply", "[learner]") {
    const std::string deep_array = std::string(20000, '[') + std::string(20000, ']');
    std::string deep_object;
    for (int i = 0; i < 20000; ++i) deep_object += R"({"id": )";
    deep_object += "1" + std::string(20000, '}');
    check_all({
        {"an unknown top-level field", record("[]", R"(, "extra": )" + deep_array), "/extra", "unknown field"},
        {"an unknown field of a credential whose nested keys are credential fields",
         record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "ects": )" + deep_object + "}]"),
         "/credentials/0/ects", "unknown field"},
        {"a grade", record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "grade": )" + deep_array + "}]"),
         "/credentials/0/grade", "expected a number, got an array"},
        {"the learner", R"({"learner": )" + deep_object + R"(, "credentials": []})", "/learner",
         "expected a string, got an object"},
        {"a credential", record("[" + deep_array + "]"), "/credentials/0", "expected an object, got an array"},
        {"a held award's credential",
         record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01"}])",
                R"(, "awards_held": [{"award": "MTU:CERT", "date": "2025-06-01", "credentials": ["c1", )" + deep_object + "]}]"),
         "/awards_held/0/credentials/1", "expected a string, got an object"},
        {"the record", deep_array, "", "expected an object, got an array"},
    });
}

TEST_CASE("problems are reported in the reader's order, not the text's", "[learner]") {
    check_all({
        {"unknown top-level fields by key", R"({"zeta": 1, "learner": "L1", "credentials": [], "alpha": 2})", "/alpha",
         "unknown field"},
        {"unknown credential fields by key", record(R"([{"zz": 1, "id": "c1", "unit": "MTU:A", "date": "2025-01-01", "aa": 2}])"),
         "/credentials/0/aa", "unknown field"},
        {"the top level before credentials written first", R"({"credentials": [{"id": 1}], "learner": ""})", "/learner",
         "must not be empty"},
        {"as_of before credentials written first", R"({"credentials": [7], "as_of": "2026-02-30", "learner": "L1"})",
         "/as_of", "not a real date (2026-02-30): 2026-02 has 28 days"},
        {"a credential's fields in the reader's order",
         record(R"([{"level": 11, "date": "2025-02-30", "unit": "UCC:X", "id": "c1", "credits": 5}])"),
         "/credentials/0/date", "not a real date (2025-02-30): 2025-02 has 28 days"},
        {"the first failing credential",
         record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-02-30"}, 7, {"id": 1}])"), "/credentials/0/date",
         "not a real date (2025-02-30): 2025-02 has 28 days"},
        {"an entry that is not an object, then a bad one", record(R"([7, {"id": "c1", "unit": "MTU:A", "date": "x"}])"),
         "/credentials/0", "expected an object, got a number"},
        {"a duplicate id before a later bad credential",
         record(R"([{"id": "c1", "unit": "MTU:A", "date": "2025-01-01"}, {"id": "c1", "unit": "MTU:B", "date": "2025-01-01"},
                   {"id": "c3", "unit": "MTU:A", "date": "2025-02-30"}])"),
         "/credentials/1/id", "duplicate credential id 'c1' (first at /credentials/0)"},
        {"credentials before held awards written first",
         R"({"awards_held": [{"award": "MTU:X"}], "learner": "L1", "credentials": [{"id": "c1", "unit": "MTU:A", "date": "x"}]})",
         "/credentials/0/date", "not a real date (x): a date is written YYYY-MM-DD"},
        {"held awards before exceptions written first",
         record("[]", R"(, "exceptions": [{"award": "MTU:X"}], "awards_held": [{"award": "MTU:Y"}])"),
         "/awards_held/0/award", "unknown award MTU:Y"},
    });
    // Held awards and exceptions may name credentials listed after them.
    engine::Learner learner;
    engine::LearnerError error;
    REQUIRE(engine::read_learner(
        R"({"exceptions": [{"award": "MTU:DIP", "requirement": "more", "kind": "substitute", "unit": "MTU:B", "credential": "c2"}],
            "awards_held": [{"award": "MTU:CERT", "date": "2025-07-01", "credentials": ["c1"]}],
            "learner": "L1",
            "credentials": [{"id": "c1", "unit": "MTU:A", "date": "2025-01-01"}, {"id": "c2", "unit": "UCC:X", "date": "2025-01-01", "credits": 5, "level": 8}]})",
        ruleset(), learner, error));
    CHECK(learner.awards_held.at(0).credentials == std::vector<std::uint32_t>{0});
    CHECK(learner.exceptions.at(0).credential == 1);
}

TEST_CASE("a Learner read again holds only the new record", "[learner]") {
    engine::Learner learner;
    engine::LearnerError error;
    REQUIRE(engine::read_learner(
        R"({"learner": "L-LONG-IDENTIFIER-0001", "as_of": "2026-01-01",
            "credentials": [{"id": "c1", "unit": "MTU:A", "date": "2025-01-01", "grade": 70, "basis": "transfer"},
                            {"id": "c2", "unit": "UCC:X", "date": "2025-01-01", "credits": 5, "level": 8}],
            "awards_held": [{"award": "MTU:CERT", "date": "2025-06-01", "credentials": ["c1"]}],
            "exceptions": [{"award": "MTU:DIP", "requirement": "prior", "kind": "waive", "note": "n"}]})",
        ruleset(), learner, error));
    REQUIRE_FALSE(engine::read_learner(R"({"learner": "L2", "credentials": [{"id": "c9", "unit": "MTU:B", "date": "x"}]})",
                                       ruleset(), learner, error));
    REQUIRE(engine::read_learner(R"({"learner": "L3", "credentials": [{"id": "c5", "unit": "ATU:WEB801", "date": "2021-05-20"}]})",
                                 ruleset(), learner, error));
    CHECK(learner.id == "L3");
    CHECK_FALSE(learner.as_of);
    REQUIRE(learner.credentials.size() == 1);
    const engine::Credential& c = learner.credentials[0];
    CHECK(c.id == "c5");
    CHECK(c.unit == "ATU:WEB801");
    CHECK(c.institution == "ATU");
    CHECK(c.catalogue == engine::kNone);
    CHECK(credo::format_date(c.date) == "2021-05-20");
    CHECK_FALSE(c.grade);
    CHECK(c.basis == engine::Basis::earned);
    CHECK_FALSE(c.credits);
    CHECK_FALSE(c.level);
    CHECK(learner.awards_held.empty());
    CHECK(learner.exceptions.empty());
}
