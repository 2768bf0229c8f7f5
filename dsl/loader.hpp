// Loading a rule file and the files it includes into one program of parsed files.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/source.hpp"

namespace credo::dsl {

/// Reads a file's bytes into `text`; on failure returns false and says why in `error`.
using FileReader = std::function<bool(const std::string& path, std::string& text, std::string& error)>;

/// Reads from the file system.
bool read_file(const std::string& path, std::string& text, std::string& error);

/// The entry file and every file it includes, parsed. `files[i]` and `asts[i]` belong together;
/// the order is the entry file, then each included file in the order its include line is first
/// reached (depth first). A file included a second time is not loaded again.
struct Program {
    std::vector<SourceFile> files;
    std::vector<ast::File> asts;
    Diagnostics diagnostics;
    /// False when the entry file itself could not be read (diagnostics say why).
    bool loaded = false;
};

/// Loads `path` and its includes. Errors (unreadable files, include cycles, syntax) go to
/// `Program::diagnostics`; nothing is thrown.
Program load_program(const std::string& path, const FileReader& reader = read_file);

/// Loads rule text held in memory; `name` names it in diagnostics and includes resolve relative
/// to `name`'s directory.
Program load_program_text(std::string text, const std::string& name, const FileReader& reader = read_file);

}  // namespace credo::dsl
