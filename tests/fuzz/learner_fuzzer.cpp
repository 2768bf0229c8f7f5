// libFuzzer target for the learner record reader (configure with -DCREDO_FUZZ=ON and clang).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/compile.hpp"
#include "engine/learner.hpp"
#include "tests/engine/learner_rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const credo::engine::CompileResult compiled =
        credo::engine::compile_text(credo::test::kLearnerRules, "fuzz.credo");
    if (!compiled.ruleset) __builtin_trap();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    credo::engine::Learner learner;
    credo::engine::LearnerError error;
    if (credo::engine::read_learner(text, *compiled.ruleset, learner, error)) return 0;
    // Every rejection names a field (or the root) and says what is wrong; syntax errors, and only
    // they, are reported as invalid JSON.
    if (error.message.empty() || (!error.pointer.empty() && error.pointer[0] != '/')) __builtin_trap();
    const bool syntax = error.message.rfind("not valid JSON: ", 0) == 0;
    if (syntax == nlohmann::json::accept(text)) __builtin_trap();
    return 0;
}
