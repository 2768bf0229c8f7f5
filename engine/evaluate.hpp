// Deciding every award of a ruleset for one learner, with explanations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/allocate.hpp"
#include "engine/items.hpp"
#include "engine/learner.hpp"
#include "engine/model.hpp"
#include "engine/pathway.hpp"

namespace credo::engine {

struct EvaluateOptions {
    std::optional<Date> as_of;        ///< wins over the record's as_of; then today
    std::vector<std::string> awards;  ///< award ids to decide; empty: every award
    std::uint64_t budget = 2000000;   ///< search steps per award
    bool explain = true;              ///< explanations (partial allocations, unmet, excluded)
    /// What the decision of an eligible award holds: its preferred allocation (what the decision
    /// JSON shows); or its RPL credits, exact, with an allocation that has them (`--summary`:
    /// AllocateOptions::rpl_only); or only that it is eligible, with the first allocation found
    /// (AllocateOptions::any). For output that shows no allocation.
    enum class Detail { allocation, rpl_credits, eligibility };
    Detail detail = Detail::allocation;
    bool entry = true;                ///< decide entry blocks too (entry_eligible stays none if not)
    bool pathways = false;            ///< a pathway for every award not eligible
    std::uint64_t pathway_budget = PathwayOptions{}.budget;  ///< pathway search steps per award
    /// Room for the allocation searches, reused from one evaluation to the next (a cohort): one
    /// per thread, never used by two at once. None: the evaluation makes its own.
    SearchScratch* scratch = nullptr;
};

/// Why a learner credential did not count toward an award.
struct Excluded {
    std::uint32_t credential = 0;
    std::string reason;
};

/// A requirement (or total) the reported allocation does not meet.
struct Unmet {
    std::string requirement;
    std::uint32_t line = 0;
    std::string missing;
};

/// One line of the reported allocation: a requirement and what went to it.
struct AllocatedRequirement {
    std::string requirement;
    std::uint32_t line = 0;
    std::vector<std::string> credentials;  ///< sorted credential ids (a held award by its id)
    Centi credits = 0;
    bool waived = false;
};

struct AwardDecision {
    AwardIndex award = kNone;
    bool eligible = false;
    bool held = false;
    std::optional<bool> entry_eligible;  ///< none when the award has no entry block
    Centi credits_counted = 0;
    Centi rpl_credits = 0;
    std::vector<AllocatedRequirement> allocation;
    std::vector<Unmet> unmet;
    std::vector<Excluded> excluded;
    std::optional<Pathway> pathway;  ///< with EvaluateOptions::pathways, for an award not eligible
    Allocation detail;        ///< the allocation the explanation was made from
    Allocation entry_detail;  ///< the entry block's allocation, when the award has one
};

struct Decision {
    std::string learner;
    Date as_of = 0;
    std::vector<AwardDecision> awards;
    std::vector<std::uint32_t> unrecognised;  ///< credential indices
    ItemSet items;  ///< the items the allocations refer to (AllocationLine::item); unordered when no award was searched
};

/// An evaluation that could not give a decision: a bad record, an unknown award, or a search
/// that ran past its budget (never a guess).
struct EvaluateError {
    enum class Kind { learner, award, budget };
    Kind kind = Kind::learner;
    std::string message;
    std::string pointer;  ///< learner errors: the field
};

/// "unknown award X; did you mean Y?" (the suggestion when one is close).
std::string unknown_award_message(const Ruleset& ruleset, const std::string& id);

/// Today's date (UTC).
Date today();

/// A number of credits as JSON in its shortest form: 5, 7.5.
nlohmann::ordered_json credits_json(Centi value);

/// A pathway as the decision JSON's `pathway` object (LANGUAGE.md).
nlohmann::ordered_json pathway_json(const Ruleset& ruleset, const Pathway& pathway);

/// A pathway as text lines, each indented by `indent`.
std::string pathway_text(const Ruleset& ruleset, const Pathway& pathway, const std::string& indent);

/// Decides the requested awards for a learner already read against `ruleset`.
bool evaluate(const Ruleset& ruleset, const Learner& learner, const EvaluateOptions& options, Decision& out,
              EvaluateError& error);

/// The decision as JSON with the stable field names of LANGUAGE.md, ending in a newline;
/// `indent` < 0 gives one line (JSON Lines).
std::string decision_json(const Ruleset& ruleset, const Learner& learner, const Decision& decision, int indent = 2);

/// One line for a cohort summary: the learner and the awards they are eligible for (or hold),
/// each with its RPL credits.
std::string decision_summary_json(const Ruleset& ruleset, const Decision& decision);

/// The decision as text a registrar reads: each award, each requirement, what went where, what
/// is missing, and why credentials did not count.
std::string decision_text(const Ruleset& ruleset, const Learner& learner, const Decision& decision);

}  // namespace credo::engine
