// Bounded fuzzing of the parser and checker: mutated rule files must end in a ruleset or in
// diagnostics with valid positions — never a crash, a hang or an exception.
#include <random>

#include <catch2/catch.hpp>

#include "engine/compile.hpp"
#include "tests/fuzz/mutate.hpp"
#include "tests/support.hpp"

TEST_CASE("mutated rule files end in a ruleset or diagnostics", "[fuzz]") {
    std::vector<std::string> seeds;
    for (const std::string& path : credo::test::files_with_suffix(std::string(CREDO_SOURCE_DIR) + "/rulesets", ".credo"))
        seeds.push_back(credo::test::read_text(path));
    seeds.push_back(credo::test::read_text(std::string(CREDO_TEST_DATA) + "/check/language_example.credo"));
    std::mt19937_64 rng(20261128);
    const int kIterations = 4000;
    int clean = 0, rejected = 0;
    for (int i = 0; i < kIterations; ++i) {
        std::string text = seeds[rng() % seeds.size()];
        for (int edits = 1 + static_cast<int>(rng() % 4); edits > 0; --edits) text = credo::test::mutate(text, rng, credo::test::kRuleFragments, 40);
        credo::engine::CompileResult result;
        REQUIRE_NOTHROW(result = credo::engine::compile_text(text, "fuzz.credo"));
        bool errors = result.diagnostics.has_errors();
        INFO("input:\n" << text);
        REQUIRE((result.ruleset != nullptr) != errors);
        for (const auto& d : result.diagnostics.list()) {
            REQUIRE(!d.message.empty());
            if (d.loc.line == 0) continue;
            REQUIRE(d.loc.file < result.files.size());
            REQUIRE(d.loc.line <= result.files[d.loc.file].line_count());
            REQUIRE_NOTHROW(credo::dsl::format_diagnostic(d, result.files));
        }
        (errors ? rejected : clean)++;
    }
    // The mutations must reach both outcomes, or the test is not exercising the checker.
    CHECK(clean > 0);
    CHECK(rejected > 0);
}
