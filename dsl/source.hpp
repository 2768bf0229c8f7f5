// Loaded rule-file text and the mapping from byte offsets to lines and columns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"

namespace credo::dsl {

/// One rule file's bytes, kept for diagnostics (source lines, carets) and the digest.
class SourceFile {
public:
    SourceFile(std::uint32_t index, std::string path, std::string text);

    std::uint32_t index() const { return index_; }
    const std::string& path() const { return path_; }
    const std::string& text() const { return text_; }

    /// Line and column (1-based, column in code points) of a byte offset.
    ast::Loc loc_of(std::size_t offset) const;
    /// Byte offset of a line and column.
    std::size_t offset_of(ast::Loc loc) const;
    /// The text of a 1-based line, without its line ending.
    std::string_view line_text(std::uint32_t line) const;
    std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

private:
    std::uint32_t index_;
    std::string path_;
    std::string text_;
    std::vector<std::size_t> line_starts_;
};

}  // namespace credo::dsl
