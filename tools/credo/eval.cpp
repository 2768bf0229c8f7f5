// `credo eval RULESET LEARNER.json|- [--award ID]... [--as-of DATE] [--format json|text]
// [--budget N] [--pathways [--pathway-budget N]]`, or `--cohort FILE.jsonl [--summary]` to stream one decision per line.
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "engine/evaluate.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

namespace {

struct EvalOptions {
    std::string ruleset;
    std::string learner;
    std::string cohort;
    std::vector<std::string> awards;
    std::string as_of;
    std::string format = "json";
    std::uint64_t budget = 2000000;
    std::uint64_t pathway_budget = engine::PathwayOptions{}.budget;
    bool summary = false;
    bool pathways = false;
};

int run_cohort(const engine::Ruleset& rs, const EvalOptions& o, engine::EvaluateOptions options) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (o.cohort != "-") {
        file.open(o.cohort, std::ios::binary);
        if (!file) {
            std::cerr << "credo: cannot read '" << o.cohort << "'\n";
            return kExitUsage;
        }
        in = &file;
    }
    std::string line;
    std::size_t number = 0;
    bool any_error = false;
    engine::Learner learner;
    engine::Decision decision;
    engine::SearchScratch scratch;  // one for the whole cohort: its room is kept
    options.scratch = &scratch;
    while (std::getline(*in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        std::string message, pointer;
        if (decide(rs, line, options, learner, decision, message, pointer)) {
            std::cout << (o.summary ? engine::decision_summary_json(rs, decision)
                                    : engine::decision_json(rs, learner, decision, -1));
        } else {
            any_error = true;
            nlohmann::ordered_json err;
            err["line"] = number;
            err["error"] = message;
            if (!pointer.empty()) err["pointer"] = pointer;
            std::cout << err.dump() << "\n";
        }
    }
    return any_error ? kExitFailed : kExitOk;
}

}  // namespace

void add_eval(CLI::App& app, Runner& run) {
    auto o = std::make_shared<EvalOptions>();
    CLI::App* cmd = app.add_subcommand("eval", "Decide a learner's eligibility for the ruleset's awards");
    cmd->add_option("ruleset", o->ruleset, "Entry rule file")->required();
    cmd->add_option("learner", o->learner, "Learner record (JSON), or - for standard input");
    cmd->add_option("--cohort", o->cohort, "JSON Lines file of learner records (- for standard input): one decision per line");
    cmd->add_option("--award", o->awards, "Decide only this award (repeatable)");
    cmd->add_option("--as-of", o->as_of, "Decide as of this date (YYYY-MM-DD); wins over the record's as_of");
    cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"json", "text"}));
    cmd->add_option("--budget", o->budget, "Search steps per award before a decision is an error");
    cmd->add_flag("--pathways", o->pathways, "Fill `pathway` for every award not eligible: the cheapest units to add");
    cmd->add_option("--pathway-budget", o->pathway_budget,
                    "Pathway search steps per award; past it the best plan found is given with optimal false");
    cmd->add_flag("--summary", o->summary, "With --cohort: one short line per learner (eligible awards and RPL credits)");
    cmd->callback([o, &run] {
        run = [o]() -> int {
            if (o->learner.empty() == o->cohort.empty()) {
                std::cerr << "credo eval: give either a learner record or --cohort FILE\n";
                return kExitUsage;
            }
            engine::EvaluateOptions options;
            options.awards = o->awards;
            options.budget = o->budget;
            options.explain = !o->summary;
            options.entry = !o->summary;  // the summary reports eligibility only
            if (o->summary) options.detail = engine::EvaluateOptions::Detail::rpl_credits;  // ...and RPL credits
            options.pathways = o->pathways;
            options.pathway_budget = o->pathway_budget;
            if (!read_as_of("eval", o->as_of, options)) return kExitUsage;
            int exit_code = kExitOk;
            std::shared_ptr<const engine::Ruleset> ruleset = load_ruleset(o->ruleset, exit_code);
            if (!ruleset) return exit_code;
            const engine::Ruleset& rs = *ruleset;
            for (const std::string& id : o->awards)
                if (find_award_or_report("eval", rs, id) == engine::kNone) return kExitUsage;
            if (!o->cohort.empty()) return run_cohort(rs, *o, options);
            engine::Learner learner;
            engine::Decision decision;
            if (!decide_input(rs, o->learner, options, learner, decision, exit_code)) return exit_code;
            std::cout << (o->format == "text" ? engine::decision_text(rs, learner, decision)
                                              : engine::decision_json(rs, learner, decision));
            return kExitOk;
        };
    });
}

}  // namespace credo::tools
