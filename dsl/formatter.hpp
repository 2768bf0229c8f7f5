// The canonical layout of rule files (`credo fmt`).
#pragma once

#include <string>

#include "dsl/ast.hpp"
#include "dsl/source.hpp"

namespace credo::dsl {

/// The canonical text of a file that parsed without errors, comments kept. Formatting the
/// result again gives the same bytes, and the result parses to the same tree (positions aside).
std::string format_file(const ast::File& file, const SourceFile& source);

/// The canonical text of one declaration on its own, as `format_file` lays it out but without
/// comments, blank lines or a final newline (a block spans several lines).
std::string format_declaration(const ast::Declaration& declaration);

/// The canonical text of one award statement (a requirement, a constraint, or an entry block over
/// several lines), unindented, without comments or a final newline.
std::string format_statement(const ast::Statement& statement);

}  // namespace credo::dsl
