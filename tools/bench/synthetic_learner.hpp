// Generates learner records against a compiled ruleset, deterministic for a seed.
#pragma once

#include <cstdint>
#include <string>

#include "engine/model.hpp"

namespace credo::bench {

/// A learner record (JSON, one line) with `credentials` credentials: mostly catalogue units
/// (clustered around a few awards so that some are eligible), some transfers and experiential
/// claims, some old, and an uncatalogued prior degree.
std::string synthetic_learner(const engine::Ruleset& ruleset, int credentials, std::uint64_t seed);

}  // namespace credo::bench
