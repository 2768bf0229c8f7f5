// `credo gen-cohort RULESET --size N [--seed S] [--as-of DATE]`: synthetic learner records as JSON
// Lines, one learner at a time (memory flat in N).
#include <iostream>

#include "tools/cohort/generator.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

void add_gen_cohort(CLI::App& app, Runner& run) {
    struct Options {
        std::string ruleset;
        std::uint64_t size = 0;
        std::uint64_t seed = 1;
        std::string as_of = "2026-09-01";
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "gen-cohort",
        "Write N realistic synthetic learner records for the ruleset as JSON Lines on standard output "
        "(learners L-000001...), the same for the same seed; exit 0, 1 on rule errors, 2 on usage or I/O errors");
    cmd->add_option("ruleset", o->ruleset, "Entry rule file")->required();
    cmd->add_option("--size", o->size, "Number of learners")->required();
    cmd->add_option("--seed", o->seed, "Random seed (default 1)");
    cmd->add_option("--as-of", o->as_of, "Every record's as_of (YYYY-MM-DD, default 2026-09-01)");
    cmd->callback([o, &run] {
        run = [o]() -> int {
            std::optional<Date> as_of = parse_date(o->as_of);
            if (!as_of) {
                std::cerr << "credo gen-cohort: --as-of " << o->as_of << " is not a real date (YYYY-MM-DD)\n";
                return kExitUsage;
            }
            int exit_code = kExitOk;
            std::shared_ptr<const engine::Ruleset> ruleset = load_ruleset(o->ruleset, exit_code);
            if (!ruleset) return exit_code;
            cohort::CohortOptions options;
            options.seed = o->seed;
            options.as_of = *as_of;
            cohort::CohortGenerator generator(*ruleset, options);
            std::string line;
            for (std::uint64_t i = 1; i <= o->size; ++i) {
                line = generator.learner(i);
                line += '\n';
                std::cout.write(line.data(), static_cast<std::streamsize>(line.size()));
            }
            std::cout.flush();
            if (!std::cout) {
                std::cerr << "credo gen-cohort: cannot write to standard output\n";
                return kExitUsage;
            }
            return kExitOk;
        };
    });
}

}  // namespace credo::tools
