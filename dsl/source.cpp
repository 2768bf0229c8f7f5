// Offset-to-line/column mapping for loaded rule files.
#include "dsl/source.hpp"

#include <algorithm>

namespace credo::dsl {

SourceFile::SourceFile(std::uint32_t index, std::string path, std::string text)
    : index_(index), path_(std::move(path)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

ast::Loc SourceFile::loc_of(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
    std::size_t start = line_starts_[line - 1];
    std::uint32_t column = 1;
    for (std::size_t i = start; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // count code points
    return ast::Loc{index_, static_cast<std::uint32_t>(line), column};
}

std::size_t SourceFile::offset_of(ast::Loc loc) const {
    if (loc.line == 0 || loc.line > line_starts_.size()) return text_.size();
    std::size_t i = line_starts_[loc.line - 1];
    for (std::uint32_t column = 1; i < text_.size() && text_[i] != '\n';) {
        if (column == loc.column) break;
        ++i;
        while (i < text_.size() && (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) ++i;
        ++column;
    }
    return i;
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    std::size_t start = line_starts_[line - 1];
    std::size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
    std::string_view view(text_.data() + start, end - start);
    if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
    return view;
}

}  // namespace credo::dsl
