// Parsing one rule file into its syntax tree, declaration by declaration.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/source.hpp"

namespace credo::dsl {

/// Parses every declaration of `file`. A syntax error is reported (`expected X, got Y`) and parsing
/// resumes at the next line that starts with a top-level keyword, so later declarations are still
/// parsed and checked. Comments are collected for the formatter.
ast::File parse_file(const SourceFile& file, Diagnostics& diagnostics);

/// The top-level keywords, in the order the language reference lists them.
const std::vector<std::string>& declaration_keywords();

}  // namespace credo::dsl
