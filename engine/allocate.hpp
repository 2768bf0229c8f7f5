// Exact allocation: is there a set of items that meets an award's requirements (nested awards
// included), and which is the preferred one?
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/items.hpp"
#include "engine/model.hpp"

namespace credo::engine {

/// One requirement of the flattened award tree that items are assigned to.
struct Slot {
    enum class Kind : std::uint8_t { all, count_of, credits_from, held };
    Kind kind = Kind::all;
    AwardIndex award = kNone;        ///< the award that states the requirement
    std::uint32_t requirement = 0;   ///< index into that award's requirements (or its entry's)
    std::uint32_t part = 0;          ///< the part (award instance) the slot belongs to
    std::uint32_t held_item = kNone; ///< held: the held award's item
    bool entry = false;              ///< the requirement is in the award's entry block
};

/// An award instance in the tree: the evaluated award (part 0) or a nested `require award`.
struct Part {
    AwardIndex award = kNone;
    std::uint32_t parent = kNone;
    std::uint32_t via = kNone;  ///< the parent's requirement index that nests it
};

/// A requirement met without items: waived by an exception, or a `require award` met by its
/// nested part or held award.
struct MetRequirement {
    AwardIndex award = kNone;
    std::uint32_t requirement = 0;
    std::uint32_t part = 0;
    bool entry = false;
};

/// A shared requirement of a part that its items do not meet.
struct SharedUnmet {
    std::uint32_t part = 0;
    std::uint32_t requirement = 0;
    std::uint32_t count = 0;       ///< matching items the part has
    Centi credits = 0;             ///< and their credits
    std::vector<UnitIndex> units;  ///< and their units
};

struct AllocationLine {
    std::uint32_t item = 0;
    std::uint32_t slot = 0;
};

/// The outcome of deciding one award.
struct Allocation {
    enum class Status : std::uint8_t { eligible, not_eligible, budget_exceeded };
    Status status = Status::not_eligible;
    std::vector<Part> parts;
    std::vector<Slot> slots;
    std::vector<AllocationLine> lines;  ///< the reported allocation (best, or largest partial), item order
    Centi credits = 0;                  ///< counted credits of the reported allocation
    Centi rpl_credits = 0;              ///< of which RPL toward the award
    std::vector<bool> slot_met;         ///< per slot, in the reported allocation
    std::vector<bool> part_total_met;   ///< per part: its credits reach the award's stated credits
    std::vector<SharedUnmet> shared_unmet;    ///< shared requirements the reported allocation does not meet
    std::vector<MetRequirement> waived;       ///< requirements waived by exceptions
    std::uint64_t steps = 0;
};

/// Room the allocation search works in: kept from one search to the next, so that deciding an
/// award allocates nothing once it has grown to size. One per thread of work (an evaluation
/// makes its own); never used by two threads at once.
class SearchScratch {
public:
    SearchScratch();
    ~SearchScratch();
    SearchScratch(const SearchScratch&) = delete;
    SearchScratch& operator=(const SearchScratch&) = delete;

    struct State;  ///< defined where the search is
    State& state() { return *state_; }

private:
    std::unique_ptr<State> state_;
};

struct AllocateOptions {
    std::uint64_t budget = 2000000;  ///< search steps per award before the decision is an error
    bool explain = true;             ///< find the largest partial allocation of an award not eligible
    /// Eligibility only: stop at the first allocation found, which is then reported as it is (not
    /// the preferred one of LANGUAGE.md). For searches that need a yes or no (pathways).
    bool any = false;
    /// Eligibility and the fewest RPL credits only (Allocation::rpl_credits exact): the
    /// allocation reported has them, but is not otherwise the preferred one. For callers that
    /// report no allocation (cohort summaries, pathway searches).
    bool rpl_only = false;
    /// The caller knows the award is not eligible: only the largest partial allocation is searched
    /// for (with `explain`), within a tenth of `budget`.
    bool partial_only = false;
    /// Scratch space to reuse (the caller's, for many decisions in a row); none: a fresh one.
    SearchScratch* scratch = nullptr;
};

/// Decides `award` for the items: eligible when an allocation exists (exact search), with the
/// preferred allocation (fewest RPL credits, then fewest credits beyond the total, then fewest
/// items, then the smallest sorted list of credential ids); otherwise the largest partial
/// allocation. Status budget_exceeded when the search could not finish within the budget. The
/// items must be ordered when the award needs a search (needs_search); std::logic_error if not.
Allocation allocate(const Ruleset& ruleset, const Learner& learner, const ItemSet& items, AwardIndex award,
                    const AllocateOptions& options);

/// The first requirement of the award's tree (as Allocation::slots gives them) when no allocation
/// can meet it (a unit it names with no item it can take, too few matching items or credits) and
/// the learner holds none of the awards the tree stacks; none otherwise. It depends only on the
/// items some requirement of the tree could take. The items must be ordered.
std::optional<Slot> first_requirement_never_met(const Ruleset& ruleset, const Learner& learner, const ItemSet& items,
                                                AwardIndex award, const AllocateOptions& options);

/// The requirement the largest partial allocation of `award` (allocate() with `explain` and
/// `partial_only`, within options.budget) leaves unmet first, in the order of Allocation::slots,
/// held awards skipped; none when it meets every requirement and only the credits fall short.
/// Where first_requirement_never_met() names one, that is the answer, found without the search.
/// The items must be ordered.
std::optional<Slot> first_unmet_requirement(const Ruleset& ruleset, const Learner& learner, const ItemSet& items,
                                            AwardIndex award, const AllocateOptions& options);

/// An upper bound on the credits any allocation for the award could count: each unit once, at
/// its largest item, over items some requirement in the award's tree could take. Below the
/// award's credits, the award is not eligible (no search needed).
Centi reachable_credits(const Ruleset& ruleset, const ItemSet& items, AwardIndex award);

/// The same with the catalogue units `present` standing for items.present (the items' own, or
/// those and more).
Centi reachable_credits(const Ruleset& ruleset, const ItemSet& items, const Bitset& present, AwardIndex award);

/// The screen allocate() runs before any search, a necessary condition for eligibility: the
/// award's reach covers its credits (a waiver leaves the total as it is, a held award counts its
/// credits), and, for a learner with no exceptions and no award nested in this one held, every
/// unit an `all` requirement names has an item and every `N of` and `credits from` requirement
/// has enough matching items (each unit once). `present` stands for items.present: with more
/// units in it, it screens the items plus earned, ungraded credentials of those units dated
/// as_of that derive nothing.
bool may_be_eligible(const Ruleset& ruleset, const Learner& learner, const ItemSet& items, const Bitset& present,
                     AwardIndex award);

/// Whether allocate() (or, with `entry`, allocate_entry()) searches for the award, and so needs
/// the items ordered (order_items): its screen does not rule the award out, or, for allocate(),
/// an explanation is asked for. When false, the decision is not eligible, with no allocation,
/// and the items may be unordered.
bool needs_search(const Ruleset& ruleset, const Learner& learner, const ItemSet& items, AwardIndex award, bool entry,
                  const AllocateOptions& options);

/// Decides an award's entry block over all items; budget_exceeded like allocate.
Allocation allocate_entry(const Ruleset& ruleset, const Learner& learner, const ItemSet& items, AwardIndex award,
                          const AllocateOptions& options);

}  // namespace credo::engine
