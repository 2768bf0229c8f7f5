// Bounded fuzzing of the learner record reader: mutated records must be read or rejected with a
// JSON pointer and a message — never a crash or an exception — and the same text twice gives the
// same answer, into a fresh Learner or a reused one.
#include <filesystem>
#include <random>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine/compile.hpp"
#include "engine/learner.hpp"
#include "tests/fuzz/mutate.hpp"
#include "tests/support.hpp"

namespace engine = credo::engine;
using json = nlohmann::json;

namespace {

/// One random edit of a record's structure: a value replaced, a field dropped or added, an entry
/// dropped or repeated, somewhere along a random path.
void mutate_structure(json& record, std::mt19937_64& rng) {
    static const json scalars = json::parse(R"([null, true, 0, -1, 7.125, 100.5, 1e12, 11, "", "x", "2025-02-29",
        "2024-02-29", "UCC:X", "MTU:CERT-DA", "earned", "transfer", "waive", "substitute", "core", "c1", [], {}])");
    static const char* const keys[] = {"id", "unit", "date", "grade", "basis", "credits", "level", "learner", "as_of",
                                       "credentials", "awards_held", "exceptions", "award", "requirement", "kind",
                                       "credential", "note", "x"};
    json* node = &record;
    while ((node->is_object() || node->is_array()) && !node->empty() && rng() % 3 != 0) {
        auto it = node->begin();
        std::advance(it, static_cast<long>(rng() % node->size()));
        node = &*it;
    }
    const json& scalar = scalars[rng() % scalars.size()];
    if (node->is_object() && !node->empty() && rng() % 2 == 0) {
        auto it = node->begin();
        std::advance(it, static_cast<long>(rng() % node->size()));
        node->erase(it);
    } else if (node->is_object()) {
        (*node)[keys[rng() % (sizeof keys / sizeof *keys)]] = scalar;
    } else if (node->is_array() && !node->empty()) {
        std::size_t at = rng() % node->size();
        if (rng() % 2 == 0) node->erase(at);
        else node->push_back((*node)[at]);
    } else {
        *node = scalar;
    }
}

struct Seed {
    std::string text;
    const engine::Ruleset* ruleset;
};

bool same(const engine::Learner& a, const engine::Learner& b) {
    if (a.id != b.id || a.as_of != b.as_of || a.credentials.size() != b.credentials.size() ||
        a.awards_held.size() != b.awards_held.size() || a.exceptions.size() != b.exceptions.size())
        return false;
    for (std::size_t i = 0; i < a.credentials.size(); ++i) {
        const engine::Credential &x = a.credentials[i], &y = b.credentials[i];
        if (x.id != y.id || x.unit != y.unit || x.catalogue != y.catalogue || x.institution != y.institution ||
            x.date != y.date || x.grade != y.grade || x.basis != y.basis || x.credits != y.credits || x.level != y.level)
            return false;
    }
    for (std::size_t i = 0; i < a.awards_held.size(); ++i)
        if (a.awards_held[i].award != b.awards_held[i].award || a.awards_held[i].date != b.awards_held[i].date ||
            a.awards_held[i].credentials != b.awards_held[i].credentials)
            return false;
    for (std::size_t i = 0; i < a.exceptions.size(); ++i) {
        const engine::RuleException &x = a.exceptions[i], &y = b.exceptions[i];
        if (x.kind != y.kind || x.award != y.award || x.requirement != y.requirement || x.entry != y.entry ||
            x.unit != y.unit || x.credential != y.credential || x.note != y.note)
            return false;
    }
    return true;
}

}  // namespace

TEST_CASE("mutated learner records are read or rejected with a pointer and a message", "[fuzz]") {
    // Each bundled ruleset with its sample learners and the learners of its rule tests.
    std::vector<std::shared_ptr<const engine::Ruleset>> rulesets;
    std::vector<Seed> seeds;
    for (const std::string& entry : credo::test::files_with_suffix(std::string(CREDO_SOURCE_DIR) + "/rulesets", "main.credo")) {
        engine::CompileResult compiled = engine::compile_file(entry);
        REQUIRE(compiled.ruleset);
        rulesets.push_back(compiled.ruleset);
        const std::string dir = std::filesystem::path(entry).parent_path().string();
        for (const std::string& path : credo::test::files_with_suffix(dir, ".json")) {
            std::string text = credo::test::read_text(path);
            if (path.find("/cases/") != std::string::npos) text = json::parse(text).at("learner").dump();
            seeds.push_back(Seed{text, compiled.ruleset.get()});
        }
    }
    REQUIRE(seeds.size() > 20);

    std::mt19937_64 rng(20261129);
    const int kIterations = 3000;
    int accepted = 0, syntax = 0, invalid = 0;
    engine::Learner reused;
    for (int i = 0; i < kIterations; ++i) {
        const Seed& seed = seeds[rng() % seeds.size()];
        std::string text = seed.text;
        if (rng() % 2 == 0) {
            json record = json::parse(text);
            for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) mutate_structure(record, rng);
            text = record.dump();
        } else {
            for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits)
                text = credo::test::mutate(text, rng, credo::test::kRecordFragments, 60);
        }
        INFO("input:\n" << text);
        engine::Learner learner;
        engine::LearnerError error;
        bool read = false;
        REQUIRE_NOTHROW(read = engine::read_learner(text, *seed.ruleset, learner, error));

        // The same answer again, into a Learner that held another record.
        engine::LearnerError again;
        REQUIRE(engine::read_learner(text, *seed.ruleset, reused, again) == read);
        if (read) {
            REQUIRE(same(learner, reused));
            ++accepted;
            continue;
        }
        REQUIRE(again.pointer == error.pointer);
        REQUIRE(again.message == error.message);

        REQUIRE(!error.message.empty());
        REQUIRE((error.pointer.empty() || error.pointer[0] == '/'));
        // Syntax errors, and only they, are reported as such, at the root.
        const bool valid_json = json::accept(text);
        REQUIRE(valid_json != (error.message.rfind("not valid JSON: ", 0) == 0));
        if (!valid_json) {
            REQUIRE(error.pointer.empty());
            ++syntax;
            continue;
        }
        ++invalid;
        // The pointer names a value of the record, or for a missing field a place in an object.
        // An unknown field's name is written unescaped, so only the others are followed.
        if (error.message == "unknown field") continue;
        const json doc = json::parse(text);
        const json::json_pointer pointer(error.pointer);
        if (!doc.contains(pointer)) {
            REQUIRE((error.message == "missing field" || error.message.find("is missing)") != std::string::npos));
            REQUIRE(doc.contains(pointer.parent_pointer()));
            REQUIRE(doc.at(pointer.parent_pointer()).is_object());
        }
    }
    // The mutations must reach every outcome, or the test is not exercising the reader.
    CHECK(accepted > 0);
    CHECK(syntax > 0);
    CHECK(invalid > 0);
}
