// The one diagnostic type: severity, message, position and notes, printed like clang.
#pragma once

#include <string>
#include <vector>

#include "dsl/ast.hpp"

namespace credo::dsl {

class SourceFile;

enum class Severity { error, warning, note };

/// A note attached to a diagnostic (for example where a duplicate was first declared).
struct Note {
    std::string message;
    bool has_loc = false;
    ast::Loc loc;
};

/// One problem found in a rule file.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string message;
    ast::Loc loc;  ///< file index, line and column; line 0 when the problem has no position
    std::vector<Note> notes;
};

/// Collected diagnostics, in the order found.
class Diagnostics {
public:
    void error(ast::Loc loc, std::string message, std::vector<Note> notes = {});
    void warning(ast::Loc loc, std::string message, std::vector<Note> notes = {});
    void add(Diagnostic d) { list_.push_back(std::move(d)); }

    bool has_errors() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
    const std::vector<Diagnostic>& list() const { return list_; }
    std::vector<Diagnostic>& list() { return list_; }
    /// Orders by file, line, column (stable for equal positions).
    void sort();

private:
    std::vector<Diagnostic> list_;
};

const char* severity_name(Severity s);

/// `file:line:col: error: message`, the source line, and a caret under the column; notes follow.
std::string format_diagnostic(const Diagnostic& d, const std::vector<SourceFile>& files);

/// The same diagnostics as a JSON array of objects (file, line, column, severity, message, notes).
std::string diagnostics_json(const std::vector<Diagnostic>& list, const std::vector<SourceFile>& files);

/// The closest candidate to `word` by edit distance, or empty when none is close enough.
std::string suggest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace credo::dsl
