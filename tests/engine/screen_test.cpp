// The screen allocate() runs before any search (may_be_eligible): a learner it rules out is
// decided without a search step, exceptions and held nested awards included, and the same
// screen over extra units (as pathways use it) admits what those units could make possible.
#include <catch2/catch.hpp>

#include "engine/allocate.hpp"
#include "engine/compile.hpp"
#include "tests/engine/learner_case.hpp"

using namespace credo::engine;

namespace {

const char* const kRules = R"(ruleset "screen" version "1"
institution MTU "Munster Technological University"
unit MTU:A1 "A1" credits 5 level 9
unit MTU:A2 "A2" credits 5 level 9
unit MTU:A3 "A3" credits 10 level 9
unit MTU:B1 "B1" credits 5 level 9
award MTU:CERT "Certificate" class minor level 9 credits 5 {
  require "core" all MTU:B1
}
award MTU:W "Diploma" class minor level 9 credits 25 {
  require "core" all MTU:A1
  require "more" 10 credits from MTU:A*
  require "cert" award MTU:CERT
}
)";

struct Case : credo::test::LearnerCase {
    explicit Case(const char* record) : LearnerCase(kRules, "screen.credo", record) {}
};

}  // namespace

TEST_CASE("a learner the reach screen rules out is decided without a search", "[allocate]") {
    AllocateOptions options;
    options.explain = false;
    SECTION("with a waiver: the total still needs its credits (15 of 25; retakes count once)") {
        // The search's own bounds count every item at first (25 credits here): only the screen,
        // which counts each unit once, rules this learner out before any step.
        Case c(R"({"learner": "L", "as_of": "2026-06-01", "credentials": [
          {"id": "c1", "unit": "MTU:A1", "date": "2024-01-01"},
          {"id": "c2", "unit": "MTU:A1", "date": "2024-06-01"},
          {"id": "c3", "unit": "MTU:A1", "date": "2025-01-01"},
          {"id": "c4", "unit": "MTU:A1", "date": "2025-06-01"},
          {"id": "c5", "unit": "MTU:B1", "date": "2025-01-01"},
          {"id": "c6", "unit": "MTU:A2", "date": "2025-06-01"}],
          "exceptions": [{"award": "MTU:W", "requirement": "more", "kind": "waive"}]})");
        CHECK(reachable_credits(*c.rs, c.items, c.rs->find_award("MTU:W")) == 1500);
        Allocation a = allocate(*c.rs, c.learner, c.items, c.rs->find_award("MTU:W"), options);
        CHECK(a.status == Allocation::Status::not_eligible);
        CHECK(a.steps == 0);
    }
    SECTION("holding the nested award: it counts its credits (20 of 25 in all)") {
        Case c(R"({"learner": "L", "as_of": "2026-06-01", "credentials": [
          {"id": "c1", "unit": "MTU:A1", "date": "2025-01-01"},
          {"id": "c2", "unit": "MTU:A3", "date": "2025-01-01"}],
          "awards_held": [{"award": "MTU:CERT", "date": "2025-06-01", "credentials": []}]})");
        CHECK(reachable_credits(*c.rs, c.items, c.rs->find_award("MTU:W")) == 2000);
        Allocation a = allocate(*c.rs, c.learner, c.items, c.rs->find_award("MTU:W"), options);
        CHECK(a.status == Allocation::Status::not_eligible);
        CHECK(a.steps == 0);
    }
}

TEST_CASE("the screen over extra units admits what they could make possible", "[allocate]") {
    Case c(R"({"learner": "L", "as_of": "2026-06-01", "credentials": [
      {"id": "c1", "unit": "MTU:A1", "date": "2025-01-01"},
      {"id": "c2", "unit": "MTU:B1", "date": "2025-01-01"}]})");
    const Ruleset& rs = *c.rs;
    const AwardIndex w = rs.find_award("MTU:W");
    CHECK_FALSE(may_be_eligible(rs, c.learner, c.items, c.items.present, w));  // 10 of 25 credits
    Bitset present = c.items.present;
    present.set(rs.find_unit("MTU:A2"));
    CHECK_FALSE(may_be_eligible(rs, c.learner, c.items, present, w));  // 15: still short
    present.set(rs.find_unit("MTU:A3"));
    CHECK(may_be_eligible(rs, c.learner, c.items, present, w));  // 25 of 25: the search decides
    CHECK(reachable_credits(rs, c.items, present, w) == 2500);
}
