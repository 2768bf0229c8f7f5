// Pathways: the cheapest set of catalogue units that makes an award eligible, in plan order with
// milestones; and stacking ladders.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/allocate.hpp"
#include "engine/items.hpp"
#include "engine/learner.hpp"
#include "engine/model.hpp"

namespace credo::engine {

struct PathwayOptions {
    /// Search steps (eligibility tests of candidate unit sets) before the best plan found so far
    /// is returned with `optimal` false. Steps, never time, so output stays deterministic.
    std::uint64_t budget = 20000;
    /// Steps of each allocation search the pathway search runs (as `--budget`): deciding
    /// whether any plan exists, and the plan found, past it is an error (PathwayBudgetExceeded).
    std::uint64_t allocation_budget = 2000000;
    /// Steps of the allocation search for each other candidate set: one that cannot be decided
    /// within them is left out, and the plan is then reported with `optimal` false.
    std::uint64_t probe_budget = 100000;
};

/// After adding `after` (a step of the plan), the awards that became eligible.
struct Milestone {
    UnitIndex after = kNone;
    std::vector<AwardIndex> eligible;
};

struct Pathway {
    bool possible = true;
    std::string reason;            ///< why not, when not possible
    std::vector<UnitIndex> units;  ///< in plan order
    Centi credits = 0;
    Centi rpl_credits = 0;         ///< RPL credits toward the award once the units are added
    bool optimal = true;           ///< false when the search ran out of budget
    std::vector<Milestone> milestones;
    std::uint64_t steps = 0;
};

/// A pathway search that could not be carried out: one of its allocation searches ran past its
/// budget (the pathway would not be exact, so none is given).
struct PathwayBudgetExceeded {
    std::string award;
};

/// The allocation searches pathway searches for one learner have run, kept for the learner's
/// other pathway searches: per set of added units, the items and, per award and kind of search,
/// the answer with the steps it took. Searches are deterministic, so a query asked again gets the
/// answer it would compute, and a smaller budget is judged by the steps recorded; a query for any
/// allocation takes the answer of a search for the fewest RPL credits found within its budget
/// (eligibility is exact either way). Memory stays bounded: once the kept item sets hold
/// kMaxItems items, nothing new is kept and queries are computed.
struct PathwayMemo {
    struct Answer {
        AwardIndex award = kNone;
        bool rpl = false;  ///< the search for the fewest RPL credits (otherwise for any allocation)
        bool eligible = false;
        Centi rpl_credits = 0;
        std::uint64_t steps = 0;
    };
    struct Entry {
        /// The set, ascending: the items are the learner's with these added in this order.
        std::vector<UnitIndex> units;
        ItemSet items;
        std::vector<Answer> answers;
    };
    static constexpr std::size_t kMaxItems = 32768;
    std::map<std::vector<UnitIndex>, Entry> sets;
    std::size_t items = 0;  ///< the items of the kept sets
    /// The items of the learner with every catalogue unit added, named to come after the
    /// learner's own ids and ordered: the first test of every award's search (a unit outside an
    /// award's candidates gives no item that can count toward it). Built at the first search;
    /// none when equivalences would derive too many items from them (each search then builds its
    /// own from its candidates).
    std::optional<ItemSet> every_unit;
    bool every_unit_built = false;
    /// Room for every allocation search of the learner's pathway searches.
    SearchScratch scratch;
};

/// What every pathway search for one learner shares, when the caller has it: the learner's items
/// for as_of, ordered (build_items), per award whether the learner is eligible now, and the
/// searches' memo.
struct Standing {
    const ItemSet* items = nullptr;
    std::vector<bool> eligible;
    PathwayMemo* memo = nullptr;
};

/// The pathway to `award` for a learner not eligible for it (LANGUAGE.md "pathway"): the cheapest
/// set of catalogue units (fewest credits, then fewest units, then fewest RPL credits, then the
/// smallest sorted id list), closed under prerequisites, in plan order (repeatedly the smallest
/// id whose prerequisites are met), with milestones. Throws PathwayBudgetExceeded. With a
/// `standing`, its items and eligibility are used instead of being worked out again.
Pathway find_pathway(const Ruleset& ruleset, const Learner& learner, Date as_of, AwardIndex award,
                     const PathwayOptions& options, const Standing* standing = nullptr);

/// The stacking ladder of an award: the awards nested in it through `require award`, deepest
/// first (each after the awards it stacks), ending with the award itself.
std::vector<AwardIndex> stacking_ladder(const Ruleset& ruleset, AwardIndex award);

}  // namespace credo::engine
