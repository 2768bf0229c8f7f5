// The ruleset digest: SHA-256 over the entry file then each included file, in load order.
#pragma once

#include <string>
#include <vector>

#include "dsl/source.hpp"

namespace credo::engine {

/// "sha256:" followed by 64 lower-case hex digits of SHA-256 over the files' bytes, concatenated
/// in the order given (the loader's order: entry file, then includes depth first).
std::string ruleset_digest(const std::vector<dsl::SourceFile>& files);

}  // namespace credo::engine
