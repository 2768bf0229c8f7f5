// A learner and their items under a rule text, for the engine's tests.
#pragma once

#include <memory>

#include <catch2/catch.hpp>

#include "engine/compile.hpp"
#include "engine/items.hpp"
#include "engine/learner.hpp"

namespace credo::test {

struct LearnerCase {
    std::shared_ptr<const engine::Ruleset> rs;
    engine::Learner learner;
    engine::ItemSet items;  ///< build_items() as of the record's as_of

    /// Compiles `rules` and reads `record` against them; fails the test when either is rejected.
    LearnerCase(const char* rules, const char* file, const char* record) {
        engine::CompileResult compiled = engine::compile_text(rules, file);
        REQUIRE(compiled.ruleset);
        rs = compiled.ruleset;
        engine::LearnerError error;
        if (!engine::read_learner(record, *rs, learner, error)) FAIL(error.what());
        items = engine::build_items(*rs, learner, *learner.as_of);
    }
};

}  // namespace credo::test
