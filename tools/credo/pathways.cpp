// `credo pathways RULESET LEARNER.json|- --target ID [--as-of DATE] [--format json|text]
// [--budget N] [--pathway-budget N]`: the plan to an award and its stacking ladder.
#include <iostream>

#include <nlohmann/json.hpp>

#include "engine/evaluate.hpp"
#include "engine/pathway.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

namespace {

struct PathwaysOptions {
    std::string ruleset;
    std::string learner;
    std::string target;
    std::string as_of;
    std::string format = "json";
    std::uint64_t budget = 2000000;
    std::uint64_t pathway_budget = engine::PathwayOptions{}.budget;
};

const char* status_of(const engine::AwardDecision& d) {
    return d.held ? "held" : d.eligible ? "eligible" : "not eligible";
}

std::string ladder_json(const engine::Ruleset& rs, const engine::Decision& decision) {
    using ojson = nlohmann::ordered_json;
    const engine::AwardDecision& target = decision.awards.back();
    ojson out;
    out["learner"] = decision.learner;
    out["as_of"] = format_date(decision.as_of);
    out["target"] = rs.awards[target.award].id;
    out["eligible"] = target.eligible;
    out["held"] = target.held;
    out["pathway"] = target.pathway ? engine::pathway_json(rs, *target.pathway) : ojson(nullptr);
    ojson ladder = ojson::array();
    for (const engine::AwardDecision& d : decision.awards) {
        const engine::Award& award = rs.awards[d.award];
        ojson rung;
        rung["award"] = award.id;
        rung["title"] = award.title;
        rung["credits"] = engine::credits_json(award.credits);
        rung["status"] = status_of(d);
        ojson unmet = ojson::array();
        for (const engine::Unmet& u : d.unmet)
            unmet.push_back(ojson{{"requirement", u.requirement}, {"line", u.line}, {"missing", u.missing}});
        rung["unmet"] = std::move(unmet);
        rung["pathway"] = d.pathway ? engine::pathway_json(rs, *d.pathway) : ojson(nullptr);
        ladder.push_back(std::move(rung));
    }
    out["ladder"] = std::move(ladder);
    return out.dump(2) + "\n";
}

std::string ladder_text(const engine::Ruleset& rs, const engine::Decision& decision) {
    const engine::AwardDecision& target = decision.awards.back();
    const engine::Award& award = rs.awards[target.award];
    std::string out = "Learner " + decision.learner + " as of " + format_date(decision.as_of) + "\n";
    out += "Target " + award.id + " " + award.title + ": " + status_of(target) + "\n";
    out += "\nLadder (each award after the awards it stacks):\n";
    for (const engine::AwardDecision& d : decision.awards) {
        const engine::Award& rung = rs.awards[d.award];
        out += "  " + rung.id + " " + rung.title + " (" + format_centi(rung.credits) + " credits): " + status_of(d) + "\n";
        for (const engine::Unmet& u : d.unmet)
            out += "    - " + u.requirement + " (line " + std::to_string(u.line) + "): missing " + u.missing + "\n";
        if (d.pathway) out += engine::pathway_text(rs, *d.pathway, "    ");
    }
    return out;
}

}  // namespace

void add_pathways(CLI::App& app, Runner& run) {
    auto o = std::make_shared<PathwaysOptions>();
    CLI::App* cmd = app.add_subcommand(
        "pathways", "The cheapest units a learner still needs for an award, in order, and its stacking ladder");
    cmd->add_option("ruleset", o->ruleset, "Entry rule file")->required();
    cmd->add_option("learner", o->learner, "Learner record (JSON), or - for standard input")->required();
    cmd->add_option("--target", o->target, "The award to plan for")->required();
    cmd->add_option("--as-of", o->as_of, "Plan as of this date (YYYY-MM-DD); wins over the record's as_of");
    cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"json", "text"}));
    cmd->add_option("--budget", o->budget, "Search steps per allocation before a decision is an error");
    cmd->add_option("--pathway-budget", o->pathway_budget,
                    "Pathway search steps per award; past it the best plan found is given with optimal false");
    cmd->callback([o, &run] {
        run = [o]() -> int {
            int exit_code = kExitOk;
            std::shared_ptr<const engine::Ruleset> ruleset = load_ruleset(o->ruleset, exit_code);
            if (!ruleset) return exit_code;
            const engine::Ruleset& rs = *ruleset;
            engine::AwardIndex target = find_award_or_report("pathways", rs, o->target);
            if (target == engine::kNone) return kExitUsage;
            engine::EvaluateOptions options;
            for (engine::AwardIndex a : engine::stacking_ladder(rs, target)) options.awards.push_back(rs.awards[a].id);
            options.budget = o->budget;
            options.pathways = true;
            options.pathway_budget = o->pathway_budget;
            if (!read_as_of("pathways", o->as_of, options)) return kExitUsage;
            engine::Learner learner;
            engine::Decision decision;
            if (!decide_input(rs, o->learner, options, learner, decision, exit_code)) return exit_code;
            std::cout << (o->format == "text" ? ladder_text(rs, decision) : ladder_json(rs, decision));
            return kExitOk;
        };
    });
}

}  // namespace credo::tools
