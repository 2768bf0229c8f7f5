// Loading the ruleset a verb works on, with its errors printed for the user.
#include <iostream>

#include "dsl/diagnostic.hpp"
#include "engine/compile.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

std::shared_ptr<const engine::Ruleset> load_ruleset(const std::string& path, int& exit_code) {
    engine::CompileResult compiled = engine::compile_file(path);
    for (const dsl::Diagnostic& d : compiled.diagnostics.list())
        if (d.severity == dsl::Severity::error) std::cerr << dsl::format_diagnostic(d, compiled.files);
    if (compiled.files.empty()) exit_code = kExitUsage;
    else if (!compiled.ruleset) exit_code = kExitFailed;
    return compiled.ruleset;
}

}  // namespace credo::tools
