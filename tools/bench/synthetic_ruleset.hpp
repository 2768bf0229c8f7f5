// Generates large, valid rule files for benchmarks: many units, awards and equivalences.
#pragma once

#include <string>

namespace credo::bench {

struct RulesetShape {
    int units = 10000;
    int awards = 1000;
    int equivalences = 5000;
};

/// A clean rule file of the given shape: units spread over five institutions with prerequisite
/// chains, pools, equivalences of every form and awards with every requirement kind, some stacked.
std::string synthetic_ruleset(const RulesetShape& shape);

}  // namespace credo::bench
