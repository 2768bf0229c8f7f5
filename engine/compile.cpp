// AST -> Ruleset: semantic checks and compilation. (Being filled in: checks come next.)
#include "engine/compile.hpp"

#include "engine/digest.hpp"

namespace credo::engine {

CompileResult compile(dsl::Program program) {
    CompileResult result;
    auto rs = std::make_shared<Ruleset>();
    for (const auto& f : program.files) rs->files.push_back(f.path());
    if (!program.files.empty()) rs->digest = ruleset_digest(program.files);
    for (const auto& d : program.asts.empty() ? std::vector<dsl::ast::Declaration>{} : program.asts[0].declarations)
        if (auto r = std::get_if<dsl::ast::RulesetDecl>(&d)) {
            rs->name = r->name.text;
            rs->version = r->version.text;
            if (r->effective) rs->effective = parse_date(r->effective->text);
        }
    result.diagnostics = std::move(program.diagnostics);
    result.diagnostics.sort();
    result.files = std::move(program.files);
    if (!result.diagnostics.has_errors() && program.loaded) result.ruleset = std::move(rs);
    return result;
}

CompileResult compile_file(const std::string& path) { return compile(dsl::load_program(path)); }

CompileResult compile_text(std::string text, const std::string& name) {
    return compile(dsl::load_program_text(std::move(text), name));
}

}  // namespace credo::engine
