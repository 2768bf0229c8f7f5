// Synthetic learner records drawn from a compiled ruleset, deterministic for a seed: the cohorts of
// `credo gen-cohort`, the benchmarks and policy simulations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dsl/values.hpp"
#include "engine/model.hpp"

namespace credo::cohort {

/// What to draw.
struct CohortOptions {
    std::uint64_t seed = 1;
    Date as_of = days_from_civil(Ymd{2026, 9, 1});  ///< every record's `as_of`
    /// Above 0: every record has exactly this many credentials (benchmarks want a fixed size);
    /// 0: as many as each learner's history gives.
    int credentials = 0;
};

/// Draws realistic learner records for one ruleset: complete or partial stacks of an award's
/// requirements (prerequisites usually held first, a nested award sometimes held as conferred),
/// transfers through equivalences (some below their `min grade` or outside their dates),
/// experiential and transfer RPL, credentials older than five years, failed and low grades with
/// retakes, uncatalogued prior degrees (`UCC:BSC-CS`, credits and level stated) and a few
/// credentials dated after `as_of`. Every record is valid for the ruleset (LANGUAGE.md, "Learner
/// records"). Only `std::mt19937_64` and integer arithmetic are used, so a seed gives the same
/// records with any standard library.
///
/// Thread safety: `learner` is const and keeps no state between calls; any number of threads may
/// call it at once. The ruleset must outlive the generator.
class CohortGenerator {
public:
    CohortGenerator(const engine::Ruleset& ruleset, CohortOptions options);

    /// The record of learner number `index` (`L-000001` for 1) as one line of compact JSON, without
    /// a newline. It depends only on the ruleset, the options and `index`: learner 3 is the same in
    /// a cohort of 5 and of 5 million, and learners can be drawn in any order.
    std::string learner(std::uint64_t index) const;

private:
    struct Planned;
    struct Draft;

    /// Plans the units that meet `award`'s requirements (nested awards too); `held` is the held
    /// award they count through (-1: none), `floor` the enclosing awards' `min grade`.
    void plan_award(engine::AwardIndex award, Draft& draft, int held, int depth, Centi floor) const;
    void plan_requirement(const engine::Requirement& requirement, const std::vector<engine::UnitIndex>& candidates,
                          Centi floor, Draft& draft, int held) const;
    void plan_prerequisites(const engine::Prereq& prereq, Draft& draft) const;
    /// Plans a random award, whole or in part, with prerequisites usually, and draws its credentials.
    void plan_target(Draft& draft) const;
    /// Draws the credentials of the plan from index `from` on, spread over the study period.
    void realise(Draft& draft, std::size_t from) const;
    void realise_unit(const Planned& planned, Date date, Draft& draft) const;
    /// A module passed here (sometimes failed and retaken, or with a low grade).
    void add_earned(const std::string& unit, Date date, Centi floor, int held, Draft& draft) const;
    /// The sources of an equivalence, mostly meeting its `min grade` and dates.
    void add_transfer(std::uint32_t equivalence, Date date, Draft& draft) const;
    /// Prior degrees, stray modules, experiential claims, old and future-dated modules.
    void add_extras(Draft& draft) const;
    /// Exactly `options_.credentials` credentials: more stacks and modules, or the last cut.
    void fit_size(Draft& draft) const;

    const engine::Ruleset& rs_;
    CohortOptions options_;
    Date five_years_ago_;
    std::vector<std::vector<std::vector<engine::UnitIndex>>> candidates_;  ///< per award, per requirement
    std::vector<std::vector<std::uint32_t>> derivations_;  ///< per unit: the equivalences deriving it
    std::vector<int> depth_;                     ///< per unit: its longest prerequisite chain
    std::vector<engine::UnitIndex> rpl_units_;   ///< units RPL may give (not `rpl never`)
    std::vector<std::uint32_t> id_transfers_;    ///< equivalences whose sources are ids
    std::vector<std::size_t> prior_degrees_;     ///< usable entries of the prior-degree table
};

}  // namespace credo::cohort
