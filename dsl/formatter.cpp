// Canonical layout of rule files. (Being written.)
#include "dsl/formatter.hpp"

namespace credo::dsl {

std::string format_file(const ast::File&, const SourceFile& source) { return source.text(); }

}  // namespace credo::dsl
