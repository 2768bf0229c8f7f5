// Hard instances: overlapping requirements over one 30-unit pool, 30 interchangeable
// credentials and a nested award. Each must decide exactly within the default budget.
#include <chrono>

#include <catch2/catch.hpp>

#include "engine/compile.hpp"
#include "engine/evaluate.hpp"
#include "tools/bench/hard_instances.hpp"

using namespace credo::engine;

namespace {

struct Outcome {
    bool eligible = false;
    credo::Centi rpl = 0;
    std::size_t items = 0;
    std::uint64_t steps = 0;
};

Outcome decide(const credo::bench::HardInstance& instance, const char* award) {
    CompileResult compiled = compile_text(instance.rules, "hard.credo");
    INFO(instance.rules);
    REQUIRE(compiled.ruleset);
    const Ruleset& rs = *compiled.ruleset;
    Learner learner;
    LearnerError learner_error;
    REQUIRE(read_learner(instance.learner, rs, learner, learner_error));
    ItemSet items = build_items(rs, learner, *learner.as_of);
    Allocation a = allocate(rs, learner, items, rs.find_award(award), AllocateOptions{});
    REQUIRE(a.status != Allocation::Status::budget_exceeded);
    return Outcome{a.status == Allocation::Status::eligible, a.rpl_credits, a.lines.size(), a.steps};
}

}  // namespace

TEST_CASE("hard instances decide exactly within the default budget", "[hard]") {
    using credo::bench::hard_instance;
    SECTION("all earned: eligible with the fewest items") {
        Outcome o = decide(hard_instance(0, 100), "MTU:OUTER");
        CHECK(o.eligible);
        CHECK(o.rpl == 0);
        CHECK(o.items == 24);  // 120 credits of 5-credit units
    }
    SECTION("12 transfers under a 25% cap: exactly at the cap") {
        Outcome o = decide(hard_instance(12, 25), "MTU:OUTER");
        CHECK(o.eligible);
        CHECK(o.rpl == 3000);  // 18 earned (90) + 6 transfers (30) = 120
        CHECK(o.items == 24);
    }
    SECTION("12 transfers under a 20% cap: not eligible, proved exhaustively") {
        Outcome o = decide(hard_instance(12, 20), "MTU:OUTER");
        CHECK_FALSE(o.eligible);
    }
    SECTION("the nested award alone") {
        Outcome o = decide(hard_instance(12, 20), "MTU:INNER");
        CHECK(o.eligible);
        CHECK(o.rpl == 0);
        CHECK(o.items == 6);  // 30 credits, earned first
    }
}
