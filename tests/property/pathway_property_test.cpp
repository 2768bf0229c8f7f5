// Property test of pathways: on small random rule files and learners, each pathway equals the
// brute-force minimum over every subset of the catalogue (closed under prerequisites, added to
// the record as new credentials and decided by the allocation search), in credits, unit count,
// RPL credits and ids; its order respects every prerequisite; its milestones are the awards each
// prefix of the plan makes eligible; and "not possible" exactly when no subset works. The
// pathway search's supply bound never rules out a subset that makes an award eligible.
#include <algorithm>
#include <cstdlib>
#include <iostream>

#include <rapidcheck.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine/allocate.hpp"
#include "engine/compile.hpp"
#include "engine/evaluate.hpp"
#include "engine/items.hpp"
#include "engine/learner.hpp"
#include "engine/pathway.hpp"
#include "engine/supply_bound.hpp"
#include "tests/property/case_generator.hpp"

namespace engine = credo::engine;
using namespace credo::property;
using credo::Centi;

namespace {

constexpr int kCases = 1400;  ///< cases per run: at least 500 of them give pathways
constexpr std::uint64_t kSeed = 20261128;

struct PathwayStats {
    int compared = 0, discarded = 0, pathways = 0, impossible = 0, with_prerequisites = 0, units = 0;
    int ruled_out = 0;  ///< unit sets the supply bound ruled out (all rightly)
};

/// The learner's record with each unit added as a credential: earned, dated as_of, ungraded.
std::string with_units(const std::string& record, const engine::Ruleset& rs, const std::vector<engine::UnitIndex>& units) {
    nlohmann::ordered_json json = nlohmann::ordered_json::parse(record);
    for (engine::UnitIndex u : units)
        json["credentials"].push_back({{"id", "+" + rs.units[u].id}, {"unit", rs.units[u].id}, {"date", json["as_of"]}});
    return json.dump();
}

/// Eligibility of every award for the record with `units` added (a held award counts).
std::vector<bool> eligible_with(const engine::Ruleset& rs, const std::string& record,
                                const std::vector<engine::UnitIndex>& units, std::vector<Centi>& rpl) {
    engine::Learner learner;
    engine::LearnerError error;
    if (!engine::read_learner(with_units(record, rs, units), rs, learner, error))
        throw std::runtime_error("added units make the record invalid: " + error.what());
    const engine::ItemSet items = engine::build_items(rs, learner, *learner.as_of);
    std::vector<bool> out(rs.awards.size(), false);
    rpl.assign(rs.awards.size(), 0);
    for (engine::AwardIndex a = 0; a < rs.awards.size(); ++a) {
        if (items.held_item[a] != engine::kNone) {
            out[a] = true;
            continue;
        }
        engine::AllocateOptions options;
        options.explain = false;
        engine::Allocation al = engine::allocate(rs, learner, items, a, options);
        out[a] = al.status == engine::Allocation::Status::eligible;
        rpl[a] = al.rpl_credits;
    }
    return out;
}

bool prereq_met(const engine::Prereq& p, const std::vector<bool>& have) {
    switch (p.op) {
        case engine::Prereq::Op::unit: return have[p.unit];
        case engine::Prereq::Op::all_of:
            return std::all_of(p.terms.begin(), p.terms.end(), [&](const engine::Prereq& t) { return prereq_met(t, have); });
        case engine::Prereq::Op::any_of:
            return std::any_of(p.terms.begin(), p.terms.end(), [&](const engine::Prereq& t) { return prereq_met(t, have); });
    }
    return false;
}

/// Units the learner has an item of (derived items and held awards' credentials included).
std::vector<bool> learner_units(const engine::Ruleset& rs, const engine::Learner& learner) {
    std::vector<bool> have(rs.units.size(), false);
    for (const engine::Item& item : engine::build_items(rs, learner, *learner.as_of).items)
        if (item.unit != engine::kNone && item.kind != engine::Item::Kind::substitute) have[item.unit] = true;
    return have;
}

struct Best {
    bool found = false;
    Centi credits = 0;
    std::size_t count = 0;
    Centi rpl = 0;
    std::vector<std::string> ids;

    auto key() const { return std::tie(credits, count, rpl, ids); }
};

void check_pathways(PathwayStats& stats) {
    const Case c = *rc::gen::exec([] { return CaseGenerator().generate(); });
    engine::CompileResult compiled = engine::compile_text(c.rules, "property.credo");
    if (!compiled.ruleset) {
        ++stats.discarded;
        RC_DISCARD("the rule text does not compile");
    }
    const engine::Ruleset& rs = *compiled.ruleset;
    engine::Learner learner;
    engine::LearnerError learner_error;
    if (!engine::read_learner(c.learner, rs, learner, learner_error)) {
        ++stats.discarded;
        RC_DISCARD("the learner record is rejected");
    }
    engine::EvaluateOptions options;
    options.pathways = true;
    options.explain = false;
    engine::Decision decision;
    engine::EvaluateError error;
    if (!engine::evaluate(rs, learner, options, decision, error)) RC_FAIL("evaluate failed: " + error.message);

    // Every subset of the catalogue decided once for all awards. Each that makes an award
    // eligible passes the pathway search's supply bound; those closed under prerequisites are
    // the candidate plans.
    const std::vector<bool> have = learner_units(rs, learner);
    const std::size_t n = rs.units.size();
    const engine::ItemSet base = engine::build_items(rs, learner, *learner.as_of);
    std::vector<engine::SupplyBound> bounds;
    for (engine::AwardIndex a = 0; a < rs.awards.size(); ++a) bounds.emplace_back(rs, learner, base, a);
    std::vector<Best> best(rs.awards.size());
    for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
        std::vector<engine::UnitIndex> units;
        std::vector<bool> with = have;
        engine::Bitset added(n), added_items(n);
        for (engine::UnitIndex u = 0; u < n; ++u)
            if (mask & (1u << u)) {
                units.push_back(u);
                with[u] = true;
                added.set(u);
                added_items.set(u);
                for (engine::UnitIndex t : rs.equivalence_gives[u]) added_items.set(t);
            }
        const bool closed = std::all_of(units.begin(), units.end(), [&](engine::UnitIndex u) {
            return !rs.units[u].prereq || prereq_met(*rs.units[u].prereq, with);
        });
        std::vector<Centi> rpl;
        const std::vector<bool> eligible = eligible_with(rs, c.learner, units, rpl);
        for (engine::AwardIndex a = 0; a < rs.awards.size(); ++a) {
            const Centi lacking = std::max(bounds[a].lacking(added), bounds[a].lacking_by_unit(added_items));
            if (lacking > 0) ++stats.ruled_out;
            if (!eligible[a]) continue;
            if (lacking > 0)
                RC_FAIL(rs.awards[a].id + " is eligible with " + std::to_string(units.size()) +
                        " units added, but the supply bound says it lacks " + credo::format_centi(lacking) + " credits");
            if (!closed) continue;
            Best b;
            b.found = true;
            for (engine::UnitIndex u : units) {
                b.credits += rs.units[u].credits;
                b.ids.push_back(rs.units[u].id);
            }
            std::sort(b.ids.begin(), b.ids.end());
            b.count = units.size();
            b.rpl = rpl[a];
            if (!best[a].found || b.key() < best[a].key()) best[a] = std::move(b);
        }
    }

    std::vector<Centi> ignored;
    const std::vector<bool> before = eligible_with(rs, c.learner, {}, ignored);
    for (const engine::AwardDecision& d : decision.awards) {
        const std::string id = rs.awards[d.award].id;
        RC_ASSERT(d.eligible == before[d.award]);
        if (d.eligible) {
            RC_ASSERT(!d.pathway.has_value());
            continue;
        }
        RC_ASSERT(d.pathway.has_value());
        const engine::Pathway& p = *d.pathway;
        // The searches for every award share one memo of allocation answers; the search for this
        // award alone must give the same pathway, steps included.
        const engine::Pathway alone = engine::find_pathway(rs, learner, decision.as_of, d.award, engine::PathwayOptions{});
        RC_ASSERT(alone.possible == p.possible);
        RC_ASSERT(alone.reason == p.reason);
        RC_ASSERT(alone.units == p.units);
        RC_ASSERT(alone.credits == p.credits);
        RC_ASSERT(alone.rpl_credits == p.rpl_credits);
        RC_ASSERT(alone.optimal == p.optimal);
        RC_ASSERT(alone.steps == p.steps);
        RC_ASSERT(alone.milestones.size() == p.milestones.size());
        for (std::size_t k = 0; k < p.milestones.size(); ++k) {
            RC_ASSERT(alone.milestones[k].after == p.milestones[k].after);
            RC_ASSERT(alone.milestones[k].eligible == p.milestones[k].eligible);
        }
        // With a probe budget of a few steps most searches give up (step 2's first search too,
        // which then gets the full budget): whether a plan exists is still decided exactly, and a
        // plan still said to be optimal is the optimal one.
        engine::PathwayOptions tight;
        tight.probe_budget = 10;
        const engine::Pathway rushed = engine::find_pathway(rs, learner, decision.as_of, d.award, tight);
        RC_ASSERT(rushed.possible == p.possible);
        if (rushed.optimal) {
            RC_ASSERT(rushed.credits == p.credits);
            RC_ASSERT(rushed.units.size() == p.units.size());
            RC_ASSERT(rushed.rpl_credits == p.rpl_credits);
        }
        const Best& b = best[d.award];
        if (!b.found) {
            if (p.possible) RC_FAIL(id + ": a pathway was given but no set of units makes it eligible");
            ++stats.impossible;
            continue;
        }
        if (!p.possible) RC_FAIL(id + ": not possible, but the brute force finds a set: " + join(b.ids, ", "));
        std::vector<std::string> ids;
        for (engine::UnitIndex u : p.units) ids.push_back(rs.units[u].id);
        std::vector<std::string> sorted = ids;
        std::sort(sorted.begin(), sorted.end());
        Best got;
        got.credits = p.credits;
        got.count = p.units.size();
        got.rpl = p.rpl_credits;
        got.ids = sorted;
        if (!p.optimal) RC_FAIL(id + ": the search ran out of budget on a small case");
        if (got.key() != b.key())
            RC_FAIL(id + ": pathway [" + join(sorted, ", ") + "] " + credo::format_centi(p.credits) + " credits, rpl " +
                    credo::format_centi(p.rpl_credits) + "; brute force [" + join(b.ids, ", ") + "] " +
                    credo::format_centi(b.credits) + " credits, rpl " + credo::format_centi(b.rpl));

        // Plan order: each unit's prerequisites are met by the learner or earlier units, and each
        // is the smallest id whose prerequisites are met.
        std::vector<bool> with = have;
        std::vector<std::string> left = sorted;
        for (engine::UnitIndex u : p.units) {
            const auto ready = [&](const std::string& unit_id) {
                const engine::Unit& unit = rs.units[rs.find_unit(unit_id)];
                return !unit.prereq || prereq_met(*unit.prereq, with);
            };
            RC_ASSERT(ready(rs.units[u].id));
            RC_ASSERT(*std::find_if(left.begin(), left.end(), ready) == rs.units[u].id);
            left.erase(std::find(left.begin(), left.end(), rs.units[u].id));
            with[u] = true;
            if (rs.units[u].prereq) ++stats.with_prerequisites;
        }

        // Milestones: what each prefix makes eligible that the one before did not.
        RC_ASSERT(p.milestones.size() == p.units.size());
        std::vector<bool> previous = before;
        for (std::size_t k = 0; k < p.units.size(); ++k) {
            std::vector<engine::UnitIndex> prefix(p.units.begin(), p.units.begin() + static_cast<long>(k) + 1);
            const std::vector<bool> now = eligible_with(rs, c.learner, prefix, ignored);
            std::vector<engine::AwardIndex> became;
            for (engine::AwardIndex a = 0; a < rs.awards.size(); ++a)
                if (now[a] && !previous[a]) became.push_back(a);
            RC_ASSERT(p.milestones[k].after == p.units[k]);
            RC_ASSERT(p.milestones[k].eligible == became);
            previous = now;
        }
        RC_ASSERT(previous[d.award]);
        ++stats.pathways;
        stats.units += static_cast<int>(p.units.size());
    }
    ++stats.compared;
}

}  // namespace

TEST_CASE("pathways agree with the brute-force minimum over unit subsets", "[property][pathway]") {
    PathwayStats stats;
    rc::detail::TestMetadata metadata;
    metadata.id = metadata.description = "pathways agree with the brute-force minimum";
    rc::detail::TestParams params = rc::detail::configuration().testParams;  // RC_PARAMS may set these
    const char* env = std::getenv("RC_PARAMS");
    const std::string set = env ? env : "";
    if (set.find("seed") == std::string::npos) params.seed = kSeed;
    if (set.find("max_success") == std::string::npos) params.maxSuccess = kCases;
    const auto result = rc::detail::checkTestable([&stats] { check_pathways(stats); }, metadata, params);
    std::ostringstream report;
    rc::detail::printResultMessage(result, report);
    INFO(report.str());
    REQUIRE(result.template is<rc::detail::SuccessResult>());
    std::cout << "pathway property (seed " << params.seed << "): " << stats.compared << " cases compared, "
              << stats.pathways << " pathways (" << stats.units << " units, " << stats.with_prerequisites
              << " with prerequisites), " << stats.impossible << " impossible; discarded " << stats.discarded
              << "; the supply bound ruled out " << stats.ruled_out << " unit sets\n";
    CHECK(stats.compared >= 500);
    CHECK(stats.pathways >= 500);
    CHECK(stats.ruled_out > 0);
}
