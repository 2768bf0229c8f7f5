// `credo test RULESET CASES...`: run rule tests — learner records with the decisions a
// registrar expects — and report each failure with the engine's explanation.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "dsl/loader.hpp"
#include "engine/evaluate.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// Case files named on the command line, folders searched for *.json, in sorted order.
bool collect_cases(const std::vector<std::string>& args, std::vector<std::string>& out) {
    for (const std::string& arg : args) {
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::recursive_directory_iterator(arg, ec))
                if (entry.is_regular_file() && entry.path().extension() == ".json") found.push_back(entry.path().string());
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(arg, ec)) {
            out.push_back(arg);
        } else {
            std::cerr << "credo test: no such case file or folder: " << arg << "\n";
            return false;
        }
    }
    return true;
}

std::string show(const json& value) { return value.dump(); }

/// The decision fields a case can expect.
bool known_field(const std::string& field) {
    for (const char* f : {"eligible", "held", "entry_eligible", "rpl_credits", "credits_counted"})
        if (field == f) return true;
    return false;
}

/// The decision's value for an expected field, as JSON, for comparison and messages.
json actual_field(const std::string& field, const engine::AwardDecision& d) {
    auto number = [](Centi c) { return c % 100 ? json(static_cast<double>(c) / 100) : json(c / 100); };
    if (field == "eligible") return d.eligible;
    if (field == "held") return d.held;
    if (field == "entry_eligible") return d.entry_eligible ? json(*d.entry_eligible) : json(nullptr);
    if (field == "rpl_credits") return number(d.rpl_credits);
    if (field == "credits_counted") return number(d.credits_counted);
    return json();
}

/// Runs one case; returns false with `problem` set for a case file that is not well formed.
bool run_case(const engine::Ruleset& rs, const std::string& path, std::vector<std::string>& failures,
              std::string& explanation, std::string& problem) {
    std::string text, error;
    if (!dsl::read_file(path, text, error)) {
        problem = "cannot read: " + error;
        return false;
    }
    json c = json::parse(text, nullptr, false);
    if (c.is_discarded() || !c.is_object()) {
        problem = "not a JSON object";
        return false;
    }
    for (auto it = c.begin(); it != c.end(); ++it)
        if (it.key() != "description" && it.key() != "learner" && it.key() != "expect" && it.key() != "as_of") {
            problem = "/" + it.key() + ": unknown field (description, learner, as_of, expect)";
            return false;
        }
    if (!c.contains("learner") || !c["learner"].is_object() || !c.contains("expect") || !c["expect"].is_object()) {
        problem = "a case needs \"learner\" (a learner record) and \"expect\" (award id -> expected fields)";
        return false;
    }
    engine::Learner learner;
    engine::LearnerError learner_error;
    if (!engine::read_learner(c["learner"].dump(), rs, learner, learner_error)) {
        problem = "/learner" + learner_error.what();
        return false;
    }
    engine::EvaluateOptions options;
    if (c.contains("as_of")) {
        auto date = c["as_of"].is_string() ? parse_date(c["as_of"].get<std::string>()) : std::nullopt;
        if (!date) {
            problem = "/as_of: not a real date (YYYY-MM-DD)";
            return false;
        }
        options.as_of = *date;
    }
    for (auto it = c["expect"].begin(); it != c["expect"].end(); ++it) {
        if (rs.find_award(it.key()) == engine::kNone) {
            problem = "/expect/" + it.key() + ": " + engine::unknown_award_message(rs, it.key());
            return false;
        }
        if (!it.value().is_object() || !it.value().contains("eligible")) {
            problem = "/expect/" + it.key() + ": an object with at least \"eligible\"";
            return false;
        }
        for (auto f = it.value().begin(); f != it.value().end(); ++f)
            if (!known_field(f.key())) {
                problem = "/expect/" + it.key() + "/" + f.key() +
                          ": unknown field (eligible, held, entry_eligible, rpl_credits, credits_counted)";
                return false;
            }
        options.awards.push_back(it.key());
    }
    engine::Decision decision;
    engine::EvaluateError eval_error;
    if (!engine::evaluate(rs, learner, options, decision, eval_error)) {
        problem = eval_error.message;
        return false;
    }
    engine::Decision failed;
    failed.learner = decision.learner;
    failed.as_of = decision.as_of;
    for (const engine::AwardDecision& d : decision.awards) {
        const std::string& id = rs.awards[d.award].id;
        bool award_failed = false;
        for (auto f = c["expect"][id].begin(); f != c["expect"][id].end(); ++f) {
            json actual = actual_field(f.key(), d);
            if (actual == f.value()) continue;
            failures.push_back(id + ": expected " + f.key() + " " + show(f.value()) + ", got " + show(actual));
            award_failed = true;
        }
        if (award_failed) failed.awards.push_back(d);
    }
    if (!failed.awards.empty()) explanation = engine::decision_text(rs, learner, failed);
    return true;
}

}  // namespace

void add_test(CLI::App& app, Runner& run) {
    struct Options {
        std::string ruleset;
        std::vector<std::string> cases;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("test", "Run rule tests: learners with the decisions they must get");
    cmd->add_option("ruleset", o->ruleset, "Entry rule file")->required();
    cmd->add_option("cases", o->cases, "Case files (JSON) or folders of them")->required();
    cmd->callback([o, &run] {
        run = [o]() -> int {
            int exit_code = kExitOk;
            std::shared_ptr<const engine::Ruleset> ruleset = load_ruleset(o->ruleset, exit_code);
            if (!ruleset) return exit_code;
            std::vector<std::string> files;
            if (!collect_cases(o->cases, files)) return kExitUsage;
            if (files.empty()) {
                std::cerr << "credo test: no case files found\n";
                return kExitUsage;
            }
            std::size_t passed = 0, failed = 0;
            bool bad_input = false;
            for (const std::string& file : files) {
                std::vector<std::string> failures;
                std::string explanation, problem;
                if (!run_case(*ruleset, file, failures, explanation, problem)) {
                    std::cout << "ERROR " << file << ": " << problem << "\n";
                    bad_input = true;
                    continue;
                }
                if (failures.empty()) {
                    ++passed;
                    std::cout << "PASS " << file << "\n";
                    continue;
                }
                ++failed;
                std::cout << "FAIL " << file << "\n";
                for (const std::string& f : failures) std::cout << "  " << f << "\n";
                std::cout << "  the engine's decision:\n";
                for (std::size_t start = 0; start < explanation.size();) {
                    std::size_t end = explanation.find('\n', start);
                    if (end == std::string::npos) end = explanation.size();
                    std::cout << (end > start ? "    " + explanation.substr(start, end - start) : std::string()) << "\n";
                    start = end + 1;
                }
            }
            std::cout << passed << " passed, " << failed << " failed\n";
            if (bad_input) return kExitUsage;
            return failed ? kExitFailed : kExitOk;
        };
    });
}

}  // namespace credo::tools
