// `credo graph RULESET [--award ID] [--format dot|json]`: the policy graph, whole or around
// one award, for Graphviz or tools.
#include <iostream>

#include "engine/graph.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

void add_graph(CLI::App& app, Runner& run) {
    struct Options {
        std::string ruleset;
        std::string award;
        std::string format = "dot";
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("graph", "Write the policy graph (units, awards, prerequisites, stacking, equivalences)");
    cmd->add_option("ruleset", o->ruleset, "Entry rule file")->required();
    cmd->add_option("--award", o->award, "Only what this award depends on");
    cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"dot", "json"}));
    cmd->callback([o, &run] {
        run = [o]() -> int {
            int exit_code = kExitOk;
            std::shared_ptr<const engine::Ruleset> ruleset = load_ruleset(o->ruleset, exit_code);
            if (!ruleset) return exit_code;
            const engine::Ruleset& rs = *ruleset;
            std::optional<engine::AwardIndex> focus;
            if (!o->award.empty()) {
                engine::AwardIndex a = find_award_or_report("graph", rs, o->award);
                if (a == engine::kNone) return kExitUsage;
                focus = a;
            }
            std::cout << (o->format == "json" ? engine::policy_graph_json(rs, focus) : engine::policy_graph_dot(rs, focus));
            return kExitOk;
        };
    });
}

}  // namespace credo::tools
