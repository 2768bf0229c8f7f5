// Compiling a loaded program (syntax trees) into a checked, immutable Ruleset.
#pragma once

#include <memory>
#include <string>

#include "dsl/loader.hpp"
#include "engine/model.hpp"

namespace credo::engine {

/// The outcome of compiling: the ruleset when there were no errors, and every diagnostic
/// (syntax, include and semantic; warnings too), sorted by position.
struct CompileResult {
    std::shared_ptr<const Ruleset> ruleset;  ///< null when any error was found
    std::vector<dsl::SourceFile> files;      ///< the loaded files, for rendering diagnostics
    dsl::Diagnostics diagnostics;
};

/// Checks every declaration of `program` and builds the ruleset. Reports every semantic problem,
/// not just the first; never throws for bad rules.
CompileResult compile(dsl::Program program);

/// Loads `path` (with its includes) and compiles it.
CompileResult compile_file(const std::string& path);

/// Compiles rule text held in memory; `name` names it in diagnostics.
CompileResult compile_text(std::string text, const std::string& name);

}  // namespace credo::engine
