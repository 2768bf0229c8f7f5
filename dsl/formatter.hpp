// The canonical layout of rule files (`credo fmt`).
#pragma once

#include <string>

#include "dsl/ast.hpp"
#include "dsl/source.hpp"

namespace credo::dsl {

/// The canonical text of a file that parsed without errors, comments kept. Formatting the
/// result again gives the same bytes, and the result parses to the same tree (positions aside).
std::string format_file(const ast::File& file, const SourceFile& source);

}  // namespace credo::dsl
