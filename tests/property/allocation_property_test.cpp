// Property tests of allocation: on small random rule files and learners the engine agrees with
// the brute-force reference, and a search budget that is too small is an explicit error.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <optional>
#include <sstream>

#include <rapidcheck.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine/allocate.hpp"
#include "engine/compile.hpp"
#include "engine/evaluate.hpp"
#include "engine/items.hpp"
#include "engine/learner.hpp"
#include "tests/property/case_generator.hpp"
#include "tests/property/reference.hpp"

namespace engine = credo::engine;
namespace reference = credo::reference;
using namespace credo::property;
using credo::Centi;
using credo::format_centi;

namespace {

constexpr int kMinCases = 1000;              ///< compared cases per run, at least
constexpr int kDefaultCases = 5000;          ///< compared cases per run unless RC_PARAMS sets max_success
constexpr std::size_t kMaxItems = 16;        ///< larger item lists are discarded (brute force)
constexpr std::uint64_t kMaxNodes = 300000;  ///< reference enumeration nodes per award
constexpr std::uint64_t kDefaultSeed = 20260601;

// ---- comparing the engine with the reference ------------------------------------------------

/// Counts over one run of the property.
struct Stats {
    int compared = 0;
    int awards = 0;
    int eligible = 0;
    int discard_rules = 0;
    int discard_learner = 0;
    int discard_size = 0;
    std::uint64_t allocations = 0;
    std::uint64_t nodes = 0;
    std::size_t max_items = 0;
    /// Eligible awards whose allocation shows a feature: derived, held, substitute and RPL
    /// items, nested parts, waived requirements, RPL caps, credit limits, `within`; and Credo's
    /// extensions: stage caps (`limit rpl N credits from`), `of taught`, `within ... for rpl`.
    int derived = 0, held = 0, substitute = 0, rpl = 0, nested = 0, waived = 0, capped = 0, limited = 0, recency = 0;
    int stage_caps = 0, taught = 0, recency_rpl = 0;
    int alike = 0;  ///< the learner has two credentials of one unit alike in date, grade and basis
};

/// Counts which features an eligible award's allocation exercises.
void count_features(const engine::Ruleset& rs, const engine::Learner& learner, const engine::ItemSet& items,
                    const engine::Allocation& al, Stats& stats) {
    bool alike = false;
    for (std::size_t c = 0; c < learner.credentials.size(); ++c)
        for (std::size_t d = 0; d < c; ++d) {
            const engine::Credential& x = learner.credentials[c];
            const engine::Credential& y = learner.credentials[d];
            alike = alike || (x.unit == y.unit && x.date == y.date && x.grade == y.grade && x.basis == y.basis);
        }
    stats.alike += alike;
    bool derived = false, held = false, substitute = false, capped = false, limited = false, recency = false;
    bool stage_caps = false, taught = false, recency_rpl = false;
    for (const engine::AllocationLine& line : al.lines) {
        derived = derived || items.items[line.item].kind == engine::Item::Kind::derived;
        held = held || items.items[line.item].kind == engine::Item::Kind::held;
        substitute = substitute || items.items[line.item].kind == engine::Item::Kind::substitute;
    }
    for (const engine::Part& part : al.parts) {
        const engine::Award& award = rs.awards[part.award];
        capped = capped || award.rpl_limit.has_value();
        limited = limited || !award.limits.empty();
        recency = recency || award.within.has_value();
        for (const engine::CreditLimit& limit : award.limits) stage_caps = stage_caps || limit.rpl;
        taught = taught || (award.rpl_limit && award.rpl_limit->of_taught);
        recency_rpl = recency_rpl || (award.within && award.within->rpl_only);
    }
    stats.derived += derived;
    stats.held += held;
    stats.substitute += substitute;
    stats.rpl += al.rpl_credits > 0;
    stats.nested += al.parts.size() > 1;
    stats.waived += !al.waived.empty();
    stats.capped += capped;
    stats.limited += limited;
    stats.recency += recency;
    stats.stage_caps += stage_caps;
    stats.taught += taught;
    stats.recency_rpl += recency_rpl;
}

/// The requirement path of each engine part: empty for the root, {2} for the part nested by the
/// root's third requirement, and so on.
std::vector<std::vector<std::uint32_t>> engine_paths(const engine::Allocation& al) {
    std::vector<std::vector<std::uint32_t>> paths(al.parts.size());
    for (std::size_t p = 0; p < al.parts.size(); ++p) {
        std::vector<std::uint32_t> reversed;
        for (std::uint32_t q = static_cast<std::uint32_t>(p); al.parts[q].parent != engine::kNone;
             q = al.parts[q].parent)
            reversed.push_back(al.parts[q].via);
        paths[p].assign(reversed.rbegin(), reversed.rend());
    }
    return paths;
}

/// Finds the reference tree of the same shape as the engine's and maps each engine slot to a
/// reference slot; "" on success, otherwise why the engine's tree is not a valid shape.
std::string match_tree(const std::vector<reference::RefTree>& trees, const engine::Allocation& al,
                       const reference::RefTree*& found, std::vector<std::uint32_t>& slot_map) {
    const auto paths = engine_paths(al);
    for (const reference::RefTree& tree : trees) {
        if (tree.parts.size() != al.parts.size() || tree.slots.size() != al.slots.size()) continue;
        bool same = true;
        for (std::size_t p = 0; p < al.parts.size() && same; ++p) {
            bool part_found = false;
            for (const reference::RefPart& part : tree.parts)
                part_found = part_found || (part.path == paths[p] && part.award == al.parts[p].award);
            same = part_found;
        }
        slot_map.assign(al.slots.size(), engine::kNone);
        for (std::size_t s = 0; s < al.slots.size() && same; ++s) {
            const engine::Slot& slot = al.slots[s];
            if (slot.entry || al.parts[slot.part].award != slot.award)
                return "slot " + std::to_string(s) + " is an entry slot or names another award than its part";
            for (std::uint32_t t = 0; t < tree.slots.size(); ++t) {
                const reference::RefSlot& ref = tree.slots[t];
                if (tree.parts[ref.part].path == paths[slot.part] && ref.requirement == slot.requirement &&
                    ref.held == (slot.kind == engine::Slot::Kind::held))
                    slot_map[s] = t;
            }
            same = slot_map[s] != engine::kNone;
        }
        if (same) {
            found = &tree;
            return "";
        }
    }
    return "the engine's award tree (" + std::to_string(al.parts.size()) + " parts, " +
           std::to_string(al.slots.size()) + " slots) matches no tree shape of the reference";
}

std::string ids_text(const std::vector<std::string>& ids) { return "[" + join(ids, ", ") + "]"; }

/// For an award not eligible: the engine's largest partial allocation against the reference's.
std::string compare_partial(const engine::Ruleset& rs, const engine::Learner& learner, const engine::ItemSet& items,
                            const engine::Allocation& al, const reference::RefTree& tree,
                            const std::vector<std::uint32_t>& assignment, const reference::RefResult& ref,
                            const std::string& award) {
    const std::string problem = reference::check_partial(rs, learner, items, tree, assignment);
    if (!problem.empty()) return award + ": the engine's partial allocation breaks a rule: " + problem;
    const reference::RefPartialScore got = reference::partial_score_of(rs, learner, items, tree, assignment);
    const reference::RefPartialScore& best = ref.best_partial;
    std::ostringstream diff;
    if (got.credits != al.credits) diff << "the engine reports " << format_centi(al.credits) << " credits, its lines hold "
                                        << format_centi(got.credits) << "; ";
    if (got.credits != best.credits)
        diff << "partial credits " << format_centi(got.credits) << " vs largest " << format_centi(best.credits) << "; ";
    else if (got.met != best.met)
        diff << "requirements met " << got.met << " vs most " << best.met << "; ";
    else if (got.rpl != best.rpl)
        diff << "partial RPL credits " << format_centi(got.rpl) << " vs fewest " << format_centi(best.rpl) << "; ";
    else if (got.count != best.count)
        diff << "partial items " << got.count << " vs fewest " << best.count << "; ";
    else if (got.ids != best.ids)
        diff << "partial credential ids " << ids_text(got.ids) << " vs smallest " << ids_text(best.ids) << "; ";
    return diff.str().empty() ? "" : award + ": " + diff.str();
}

/// Compares the engine's decision of one award with the reference; "" when they agree.
std::string compare_award(const engine::Ruleset& rs, const engine::Learner& learner, const engine::ItemSet& items,
                          engine::AwardIndex a, const reference::RefResult& ref, Stats& stats) {
    const std::string award = rs.awards[a].id;
    engine::Allocation al = engine::allocate(rs, learner, items, a, engine::AllocateOptions{});
    if (al.status == engine::Allocation::Status::budget_exceeded) return award + ": the engine ran past its budget";
    const bool eligible = al.status == engine::Allocation::Status::eligible;
    if (eligible != ref.eligible)
        return award + ": engine says " + (eligible ? "eligible" : "not eligible") + ", reference says " +
               (ref.eligible ? "eligible" : "not eligible") + " (" + std::to_string(ref.allocations) +
               " allocations exist)";

    // A budget of exactly the steps used gives the same decision; one step fewer is an error.
    engine::AllocateOptions exact;
    exact.budget = al.steps;
    engine::Allocation again = engine::allocate(rs, learner, items, a, exact);
    if (again.status != al.status)
        return award + ": a budget of exactly " + std::to_string(al.steps) + " steps changes the decision";
    if (al.steps > 1) {
        engine::AllocateOptions short_budget;
        short_budget.budget = al.steps - 1;
        if (engine::allocate(rs, learner, items, a, short_budget).status != engine::Allocation::Status::budget_exceeded)
            return award + ": a budget of " + std::to_string(al.steps - 1) + " steps (one fewer than used) is no error";
    }
    if (eligible) ++stats.eligible;

    const std::vector<reference::RefTree> trees = reference::award_trees(rs, learner, items, a);
    // The engine's allocation as reference slots, in `tree` (the reference tree of its shape).
    auto as_reference = [&](const engine::Allocation& allocation, const reference::RefTree*& tree,
                            std::vector<std::uint32_t>& assignment) -> std::string {
        std::vector<std::uint32_t> slot_map;
        const std::string problem = match_tree(trees, allocation, tree, slot_map);
        if (!problem.empty()) return award + ": " + problem;
        assignment.assign(items.items.size(), engine::kNone);
        for (const engine::AllocationLine& line : allocation.lines) {
            if (line.item >= items.items.size() || line.slot >= slot_map.size()) return award + ": a line out of range";
            if (assignment[line.item] != engine::kNone)
                return award + ": item " + items.items[line.item].key + " is allocated twice";
            assignment[line.item] = slot_map[line.slot];
        }
        return "";
    };

    // Asked for eligibility and RPL credits only, the engine finds the same, and an allocation with them.
    engine::AllocateOptions rpl_only;
    rpl_only.rpl_only = true;
    rpl_only.explain = false;
    const engine::Allocation fewest = engine::allocate(rs, learner, items, a, rpl_only);
    if ((fewest.status == engine::Allocation::Status::eligible) != eligible)
        return award + ": asked for RPL credits only, the engine decides otherwise";
    if (eligible) {
        if (fewest.rpl_credits != ref.best.rpl)
            return award + ": asked for RPL credits only, the engine finds " + format_centi(fewest.rpl_credits) +
                   ", the minimum is " + format_centi(ref.best.rpl);
        const reference::RefTree* fewest_tree = nullptr;
        std::vector<std::uint32_t> fewest_assignment;
        std::string problem = as_reference(fewest, fewest_tree, fewest_assignment);
        if (problem.empty()) problem = reference::check_allocation(rs, learner, items, *fewest_tree, fewest_assignment);
        if (!problem.empty()) return award + ": asked for RPL credits only: " + problem;
        if (reference::score_of(rs, learner, items, *fewest_tree, fewest_assignment).rpl != fewest.rpl_credits)
            return award + ": asked for RPL credits only, the engine's lines hold other RPL credits than it reports";
    }

    const reference::RefTree* tree = nullptr;
    std::vector<std::uint32_t> assignment;
    std::string problem = as_reference(al, tree, assignment);
    if (!problem.empty()) return problem;
    if (!eligible) {
        // first_unmet_requirement() (which skips the search where the first requirement can never
        // be met) names the requirement this largest partial allocation leaves unmet first.
        const engine::Slot* first = nullptr;
        for (std::size_t s = 0; s < al.slots.size() && !first; ++s)
            if (!al.slot_met[s] && al.slots[s].kind != engine::Slot::Kind::held) first = &al.slots[s];
        const std::optional<engine::Slot> unmet = engine::first_unmet_requirement(rs, learner, items, a, {});
        if (unmet.has_value() != (first != nullptr) ||
            (unmet && (unmet->award != first->award || unmet->requirement != first->requirement || unmet->part != first->part)))
            return award + ": first_unmet_requirement() names another requirement than the largest partial allocation "
                           "leaves unmet first";
        return compare_partial(rs, learner, items, al, *tree, assignment, ref, award);
    }
    problem = reference::check_allocation(rs, learner, items, *tree, assignment);
    if (!problem.empty()) return award + ": the engine's allocation breaks a rule: " + problem;

    const reference::RefScore got = reference::score_of(rs, learner, items, *tree, assignment);
    const reference::RefScore& best = ref.best;
    std::ostringstream diff;
    if (got.rpl != al.rpl_credits || got.excess + rs.awards[a].credits != al.credits)
        diff << "the engine reports " << format_centi(al.credits) << " credits, " << format_centi(al.rpl_credits)
             << " RPL, but its lines hold " << format_centi(got.excess + rs.awards[a].credits) << " credits, "
             << format_centi(got.rpl) << " RPL; ";
    if (got.rpl != best.rpl)
        diff << "RPL credits " << format_centi(got.rpl) << " vs minimum " << format_centi(best.rpl) << "; ";
    else if (got.excess != best.excess)
        diff << "credits beyond the total " << format_centi(got.excess) << " vs minimum " << format_centi(best.excess)
             << "; ";
    else if (got.count != best.count)
        diff << "items " << got.count << " vs minimum " << best.count << "; ";
    else if (got.ids != best.ids)
        diff << "credential ids " << ids_text(got.ids) << " vs smallest " << ids_text(best.ids) << "; ";
    if (!diff.str().empty()) return award + ": " + diff.str();

    // Its items are placed as the first allocation in search order with those items would.
    std::vector<std::uint32_t> chosen;
    for (const engine::AllocationLine& line : al.lines) chosen.push_back(line.item);
    if (reference::first_placement(rs, learner, items, *tree, chosen) != assignment)
        return award + ": the engine places its items otherwise than the first allocation in search order";
    count_features(rs, learner, items, al, stats);
    return "";
}

/// One case: compile, read the learner, decide every award both ways.
void check_case(Stats& stats) {
    const Case c = *rc::gen::exec([] { return CaseGenerator().generate(); });

    engine::CompileResult compiled = engine::compile_text(c.rules, "property.credo");
    if (!compiled.ruleset) {
        ++stats.discard_rules;
        RC_DISCARD("the rule text does not compile");
    }
    const engine::Ruleset& rs = *compiled.ruleset;
    engine::Learner learner;
    engine::LearnerError learner_error;
    if (!engine::read_learner(c.learner, rs, learner, learner_error)) {
        ++stats.discard_learner;
        RC_DISCARD("the learner record is rejected: " + learner_error.what());
    }
    const credo::Date as_of = *learner.as_of;
    const engine::ItemSet items = engine::build_items(rs, learner, as_of);
    if (items.items.size() > kMaxItems) {
        ++stats.discard_size;
        RC_DISCARD("too many items for brute force");
    }

    std::vector<reference::RefResult> refs;
    for (engine::AwardIndex a = 0; a < rs.awards.size(); ++a) {
        refs.push_back(reference::decide(rs, learner, items, a, kMaxNodes));
        if (!refs.back().complete) {
            ++stats.discard_size;
            RC_DISCARD("the reference enumeration is too large");
        }
    }

    for (engine::AwardIndex a = 0; a < rs.awards.size(); ++a) {
        const std::string problem = compare_award(rs, learner, items, a, refs[a], stats);
        if (!problem.empty()) RC_FAIL(problem);
        ++stats.awards;
        stats.allocations += refs[a].allocations;
        stats.nodes += refs[a].nodes;
    }

    // evaluate() decides the same way for awards the learner does not hold.
    engine::Decision decision;
    engine::EvaluateError error;
    if (!engine::evaluate(rs, learner, engine::EvaluateOptions{}, decision, error))
        RC_FAIL("evaluate failed: " + error.message);
    for (const engine::AwardDecision& d : decision.awards)
        if (!d.held && d.eligible != refs[d.award].eligible) RC_FAIL("evaluate disagrees on " + rs.awards[d.award].id);

    stats.max_items = std::max(stats.max_items, items.items.size());
    ++stats.compared;
}

/// rapidcheck's configured parameters (RC_PARAMS), with a fixed seed and kDefaultCases cases
/// unless RC_PARAMS sets them, and never fewer than kMinCases cases.
rc::detail::TestParams test_params() {
    rc::detail::TestParams params = rc::detail::configuration().testParams;
    const char* env = std::getenv("RC_PARAMS");
    const std::string set = env ? env : "";
    if (set.find("seed") == std::string::npos) params.seed = kDefaultSeed;
    if (set.find("max_success") == std::string::npos) params.maxSuccess = kDefaultCases;
    params.maxSuccess = std::max(params.maxSuccess, kMinCases);
    return params;
}

}  // namespace

TEST_CASE("allocation agrees with the brute-force reference", "[property]") {
    Stats stats;
    const auto start = std::chrono::steady_clock::now();
    rc::detail::TestMetadata metadata;
    metadata.id = metadata.description = "allocation agrees with the brute-force reference";
    const rc::detail::TestParams params = test_params();
    const auto result = rc::detail::checkTestable([&stats] { check_case(stats); }, metadata, params);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::ostringstream report;
    rc::detail::printResultMessage(result, report);
    INFO(report.str());
    REQUIRE(result.template is<rc::detail::SuccessResult>());
    const int cases = result.template get<rc::detail::SuccessResult>().numSuccess;
    std::cout << "allocation property (seed " << params.seed << "): " << cases << " cases compared, " << stats.awards
              << " awards (" << stats.eligible << " eligible, " << stats.allocations << " allocations enumerated, "
              << stats.nodes << " nodes), at most " << stats.max_items << " items; discarded: " << stats.discard_rules
              << " rule texts, " << stats.discard_learner << " learners, " << stats.discard_size << " too large; "
              << seconds << " s\n  eligible allocations with derived items " << stats.derived << ", held awards "
              << stats.held << ", substitutes " << stats.substitute << ", RPL " << stats.rpl << ", nested parts "
              << stats.nested << ", waivers " << stats.waived << ", RPL caps " << stats.capped << ", credit limits "
              << stats.limited << ", within " << stats.recency << "; stage caps " << stats.stage_caps
              << ", of taught " << stats.taught << ", within for rpl " << stats.recency_rpl
              << "; learners with a unit's alike results twice " << stats.alike << "\n";
    CHECK(cases >= kMinCases);
    CHECK(stats.compared >= kMinCases);
}

TEST_CASE("a search budget too small for the case is an explicit error", "[property]") {
    const std::string rules = R"(ruleset "budget" version "1"
institution MTU "Munster Technological University"
unit MTU:A1 "A1" credits 5 level 9
unit MTU:A2 "A2" credits 5 level 9
unit MTU:A3 "A3" credits 5 level 9
award MTU:W1 "W1" class major level 9 credits 10 {
  require "core" 1 of MTU:A1, MTU:A2
  require "more" 5 credits from MTU:*
}
)";
    const std::string record = R"({"learner": "L-1", "as_of": "2026-06-01", "credentials": [
  {"id": "c1", "unit": "MTU:A1", "date": "2025-01-01"},
  {"id": "c2", "unit": "MTU:A2", "date": "2025-01-01"},
  {"id": "c3", "unit": "MTU:A3", "date": "2025-01-01"}]})";
    engine::CompileResult compiled = engine::compile_text(rules, "budget.credo");
    REQUIRE(compiled.ruleset);
    engine::Learner learner;
    engine::LearnerError learner_error;
    REQUIRE(engine::read_learner(record, *compiled.ruleset, learner, learner_error));

    engine::Decision decision;
    engine::EvaluateError error;
    engine::EvaluateOptions options;
    options.budget = 1;
    CHECK_FALSE(engine::evaluate(*compiled.ruleset, learner, options, decision, error));
    CHECK(error.kind == engine::EvaluateError::Kind::budget);
    CHECK(error.message ==
          "award MTU:W1: the allocation search did not finish within its budget of 1 steps; no decision is given "
          "(raise the budget)");

    options.budget = 2000000;
    REQUIRE(engine::evaluate(*compiled.ruleset, learner, options, decision, error));
    REQUIRE(decision.awards.size() == 1);
    CHECK(decision.awards[0].eligible);
    CHECK(decision.awards[0].detail.steps > 1);
}
