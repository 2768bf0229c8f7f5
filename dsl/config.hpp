// Spirit X3 configuration shared by the grammar's definition and its callers: iterator, skipper,
// context, and the parse state that annotation reads.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace credo::dsl {
class SourceFile;
class Diagnostics;
}

namespace credo::dsl::grammar {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

/// Skips white space and `#` comments (to the end of the line).
struct Skipper : x3::parser<Skipper> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        It start = first;
        first = skip(first, last);
        return first != start;
    }

    /// The first position at or after `first` that is not white space or comment.
    static iterator_type skip(iterator_type first, iterator_type last) {
        while (first != last) {
            char c = *first;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
                ++first;
            } else if (c == '#') {
                while (first != last && *first != '\n') ++first;
            } else {
                break;
            }
        }
        return first;
    }
};

/// What annotation needs to turn an iterator into a file position.
struct ParseState {
    const SourceFile* file = nullptr;
    iterator_type begin = nullptr;
    Diagnostics* diagnostics = nullptr;  ///< where token-value errors (bad dates, percents) go
};

struct state_tag;

using phrase_context_type = x3::phrase_parse_context<Skipper>::type;
using context_type = x3::context<state_tag, ParseState, phrase_context_type>;

}  // namespace credo::dsl::grammar
