// `credo diff OLD NEW [--format text|json]`: the structural difference of two rulesets.
#include <iostream>

#include "dsl/loader.hpp"
#include "engine/compile.hpp"
#include "tools/credo/ruleset_diff.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

namespace {

/// Loads and checks one side; prints its errors (as `credo check` does) and returns false on any.
bool load_side(const std::string& path, dsl::Program& program) {
    program = dsl::load_program(path);
    engine::CompileResult compiled = engine::compile(program);
    for (const dsl::Diagnostic& d : compiled.diagnostics.list())
        if (d.severity == dsl::Severity::error) std::cerr << dsl::format_diagnostic(d, compiled.files);
    return program.loaded && compiled.ruleset != nullptr;
}

}  // namespace

void add_diff(CLI::App& app, Runner& run) {
    struct Options {
        std::string before;
        std::string after;
        std::string format = "text";
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "diff",
        "Structural difference of two rulesets (with their includes): the ruleset line, institutions, units, pools, "
        "equivalences, exclusive sets, defaults-block constraints, awards, and each award's entry statements, "
        "requirements and constraints, added (+), removed (-) or changed (~) by canonical text (layout, comments and "
        "order never count). Sorted by kind then key, one per line: '+ TEXT   (NEW:LINE)', '- TEXT   (OLD:LINE)', "
        "'~ OLD -> NEW   (OLD:LINE, NEW:LINE)'; a statement is preceded by its block ('award ID: ', "
        "'award ID entry: ', 'defaults for class ...: '). Exit 0 when the same, 1 when they differ, 2 when a "
        "ruleset cannot be read or has errors");
    cmd->add_option("old", o->before, "Entry rule file of the old ruleset")->required();
    cmd->add_option("new", o->after, "Entry rule file of the new ruleset")->required();
    cmd->add_option("--format", o->format, "Output format: text, or json: {\"changes\": [{\"change\", \"kind\", \"block\", \"award\", \"key\", "
                    "\"old\": {\"text\", \"file\", \"line\"}, \"new\": {...}}]}")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->callback([o, &run] {
        run = [o]() -> int {
            dsl::Program before, after;
            bool ok = load_side(o->before, before);
            ok = load_side(o->after, after) && ok;
            if (!ok) return kExitUsage;
            std::vector<RuleChange> changes = diff_rulesets(before, after);
            std::cout << (o->format == "json" ? changes_json(changes) : changes_text(changes));
            return changes.empty() ? kExitOk : kExitFailed;
        };
    });
}

}  // namespace credo::tools
