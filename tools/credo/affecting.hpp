// Which rule changes of a structural diff can affect an award's decisions: the rule lines
// `credo simulate` cites for the learners who gain or lose that award.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "dsl/loader.hpp"
#include "engine/model.hpp"
#include "tools/credo/ruleset_diff.hpp"

namespace credo::tools {

/// One ruleset as a simulation sees it: its loaded files and syntax trees, and its compiled form.
struct RulesetSide {
    const dsl::Program* program = nullptr;
    const engine::Ruleset* ruleset = nullptr;
};

/// The indices into `changes` (in their order) of the changes that can affect the decisions of
/// award `award` (an id of either side, or both). On each side where the award exists, its tree
/// is the award and every award nested in it through `require award` (at any depth, entry blocks
/// included). A change can affect the award when, on either side:
/// - award, entry, requirement or constraint: it is in the block of an award of the tree;
/// - unit: some requirement of the tree (entry blocks included) can take that unit, or it is a
///   source of an equivalence giving such a unit (at any depth: derivation is transitive);
/// - equivalence: its target (either unit of a `<=>`) is such a unit;
/// - exclusive: one of its units is such a unit;
/// - pool: a selector of the tree (requirements, limits, entry blocks; defaults applied) names
///   it, or names a pool whose selector names it, at any depth;
/// - defaults: an award of the tree takes a constraint from that block;
/// - institution: an award of the tree or a unit its requirements can take has that code;
/// - ruleset line: never (`effective` does not change decisions).
/// It is meant to err on the side of naming too many: a change it names may not be what changed
/// a given learner's decision.
std::vector<std::size_t> changes_affecting(const std::string& award, const RulesetSide& before,
                                           const RulesetSide& after, const std::vector<RuleChange>& changes);

}  // namespace credo::tools
