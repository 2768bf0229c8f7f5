// A brute-force reference for allocation, written from LANGUAGE.md ("Decisions") apart from the
// engine's search: it enumerates every assignment of items to requirements and checks each rule.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/items.hpp"
#include "engine/learner.hpp"
#include "engine/model.hpp"

namespace credo::reference {

/// An award instance of the tree: the evaluated award (part 0) or a nested `require award`.
struct RefPart {
    engine::AwardIndex award = engine::kNone;
    std::uint32_t parent = engine::kNone;
    std::vector<std::uint32_t> path;  ///< requirement indices from the root award down to this part
};

/// A requirement of a part that takes items: not shared, not waived, and not a `require award`
/// met by a nested part. A `require award` met by the learner's held award takes that one item.
struct RefSlot {
    std::uint32_t part = 0;
    std::uint32_t requirement = 0;  ///< index into the part's award's requirements
    bool held = false;              ///< a `require award` given the learner's held award
};

/// One shape of the award tree: at each `require award` the learner holds, the held award or a
/// nested part (each choice is a separate tree).
struct RefTree {
    std::vector<RefPart> parts;
    std::vector<RefSlot> slots;
};

/// What an allocation is judged by; smaller is preferred, in this order.
struct RefScore {
    Centi rpl = 0;     ///< credits RPL toward the evaluated award
    Centi excess = 0;  ///< credits beyond the evaluated award's stated credits
    std::size_t count = 0;
    std::vector<std::string> ids;  ///< sorted credential ids (a held award by its award id)
};

/// True when `a` is preferred to `b`.
bool score_less(const RefScore& a, const RefScore& b);

/// What a partial allocation (of an award not met) is judged by, in this order (dsl/REFERENCE.md,
/// "Largest partial allocation").
struct RefPartialScore {
    Centi credits = 0;      ///< most counted
    std::size_t met = 0;    ///< then most slots met
    Centi rpl = 0;          ///< then fewest RPL credits toward the evaluated award
    std::size_t count = 0;  ///< then fewest items
    std::vector<std::string> ids;  ///< then the smallest sorted credential ids
};

/// True when `a` is preferred to `b`.
bool partial_less(const RefPartialScore& a, const RefPartialScore& b);

/// The reference's decision for one award.
struct RefResult {
    bool complete = true;  ///< false when the enumeration ran past its node limit (no decision)
    bool eligible = false;
    RefScore best;                  ///< the minimum score over all allocations (when eligible)
    bool partial_found = false;
    RefPartialScore best_partial;   ///< the preferred partial allocation (over every tree)
    std::uint64_t allocations = 0;  ///< how many allocations exist (over all trees)
    std::uint64_t nodes = 0;        ///< enumeration nodes visited
};

/// Every shape of `award`'s tree for these items.
std::vector<RefTree> award_trees(const engine::Ruleset& ruleset, const engine::Learner& learner,
                                 const engine::ItemSet& items, engine::AwardIndex award);

/// Checks that `assignment` (per item of `items`: a slot of `tree`, or kNone) is an allocation
/// for the tree's root award. Returns "" when it is, otherwise the first rule it breaks.
std::string check_allocation(const engine::Ruleset& ruleset, const engine::Learner& learner,
                             const engine::ItemSet& items, const RefTree& tree,
                             const std::vector<std::uint32_t>& assignment);

/// Checks that `assignment` is a partial allocation: each item, taken in order of sorted
/// credential ids, added to a requirement that the items before it left unmet, and every rule
/// but the requirements and totals (rule 1, exclusive sets, limits, RPL caps) kept.
std::string check_partial(const engine::Ruleset& ruleset, const engine::Learner& learner, const engine::ItemSet& items,
                          const RefTree& tree, const std::vector<std::uint32_t>& assignment);

RefPartialScore partial_score_of(const engine::Ruleset& ruleset, const engine::Learner& learner,
                                 const engine::ItemSet& items, const RefTree& tree,
                                 const std::vector<std::uint32_t>& assignment);

/// The first allocation in search order that uses exactly the `chosen` items (dsl/REFERENCE.md,
/// "Remaining ties"): items by sorted credential ids, each tried in the slots it could still help
/// meet (unmet, in declaration order, depth first through nested awards), then as surplus in
/// the first met slot of each part whose part, or an enclosing one, lacks credits or a shared
/// requirement. Per item of `items`, its slot or kNone; empty when no placement is an allocation.
std::vector<std::uint32_t> first_placement(const engine::Ruleset& ruleset, const engine::Learner& learner,
                                           const engine::ItemSet& items, const RefTree& tree,
                                           const std::vector<std::uint32_t>& chosen);

/// The score of an assignment for the tree's root award.
RefScore score_of(const engine::Ruleset& ruleset, const engine::Learner& learner, const engine::ItemSet& items,
                  const RefTree& tree, const std::vector<std::uint32_t>& assignment);

/// Decides `award` by enumerating every assignment of every tree shape; stops (complete = false)
/// after `max_nodes` enumeration nodes.
RefResult decide(const engine::Ruleset& ruleset, const engine::Learner& learner, const engine::ItemSet& items,
                 engine::AwardIndex award, std::uint64_t max_nodes);

}  // namespace credo::reference
