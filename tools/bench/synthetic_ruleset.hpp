// Generates large, valid rule files for benchmarks: many units, awards and equivalences.
#pragma once

#include <memory>
#include <string>

#include "engine/model.hpp"
#include "tools/cohort/generator.hpp"

namespace credo::bench {

struct RulesetShape {
    int units = 10000;
    int awards = 1000;
    int equivalences = 5000;
};

/// A clean rule file of the given shape: units spread over five institutions with prerequisite
/// chains, pools, equivalences of every form and awards with every requirement kind, some stacked.
std::string synthetic_ruleset(const RulesetShape& shape);

/// The ruleset of the decision benchmarks (eval, pathway and C API): 300 units, 50 awards, 100
/// equivalences, compiled; its text in `text` when given. Exits with a message if it does not
/// compile (a bug in the generator).
std::shared_ptr<const engine::Ruleset> decision_ruleset(std::string* text = nullptr);

/// The learners of the decision benchmarks: cohort records of 30 credentials as of 2026-11-28.
cohort::CohortOptions decision_cohort_options();

}  // namespace credo::bench
