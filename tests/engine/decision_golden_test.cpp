// Golden decisions: each tests/data/decisions/CASE/ holds rules.credo (its first line says what the
// case pins, its comments the hand computation), learner.json and expected.json, the exact
// `credo eval` JSON for that learner (as_of taken from the record).
#include <algorithm>
#include <filesystem>

#include <catch2/catch.hpp>

#include "engine/compile.hpp"
#include "engine/evaluate.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;
namespace engine = credo::engine;

namespace {

/// The case folders, sorted by name.
std::vector<std::string> case_dirs(const std::string& root) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(root))
        if (entry.is_directory() && fs::exists(entry.path() / "rules.credo")) out.push_back(entry.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

/// The decision JSON for one case folder, or a description of why there is none.
std::string decide(const std::string& dir) {
    engine::CompileResult compiled = credo::test::in_directory(dir, [] { return engine::compile_file("rules.credo"); });
    std::string diagnostics;
    for (const auto& d : compiled.diagnostics.list()) diagnostics += credo::dsl::format_diagnostic(d, compiled.files);
    INFO(diagnostics);
    REQUIRE(compiled.ruleset);
    CHECK(diagnostics.empty());  // the cases are clean rule files: no warnings either
    const engine::Ruleset& rs = *compiled.ruleset;

    engine::Learner learner;
    engine::LearnerError learner_error;
    bool read = engine::read_learner(credo::test::read_text(dir + "/learner.json"), rs, learner, learner_error);
    INFO(learner_error.what());
    REQUIRE(read);
    REQUIRE(learner.as_of);  // the case must not depend on today's date

    engine::Decision decision;
    engine::EvaluateError error;
    bool evaluated = engine::evaluate(rs, learner, engine::EvaluateOptions{}, decision, error);
    INFO(error.message);
    REQUIRE(evaluated);
    return engine::decision_json(rs, learner, decision);
}

}  // namespace

TEST_CASE("decisions match their golden files", "[golden][decision]") {
    const std::string root = std::string(CREDO_TEST_DATA) + "/decisions";
    auto dirs = case_dirs(root);
    REQUIRE(dirs.size() >= 25);
    for (const std::string& dir : dirs) {
        DYNAMIC_SECTION(fs::path(dir).filename().string()) {
            std::string first_line = credo::test::read_text(dir + "/rules.credo");
            first_line = first_line.substr(0, first_line.find('\n'));
            INFO("rules.credo must say what the case pins in a # comment on its first line");
            CHECK(first_line.find("# ") != std::string::npos);
            std::string actual = decide(dir);
            credo::test::check_golden(dir + "/expected.json", actual);
        }
    }
}

TEST_CASE("a golden decision is byte-identical when repeated", "[golden][decision]") {
    const std::string dir = std::string(CREDO_TEST_DATA) + "/decisions/language_example";
    CHECK(decide(dir) == decide(dir));
}
