// A fast scanner for the JSON that learner records are made of, driving a SAX handler with the
// events of nlohmann::json_sax, except that strings and keys come as std::string_view (views of
// the text where they hold no escapes, so most are never copied).
//
// It reads the plain forms: objects, arrays, strings of printable ASCII with the short escapes
// (\" \\ \/ \b \f \n \r \t), numbers that fit a double, true, false, null, and the four JSON
// whitespace bytes. At the first thing outside those forms it returns false: a syntax error, or
// a form it leaves to nlohmann (a \u escape, a byte above 0x7F, a byte-order mark, nesting
// deeper than 64, a number out of a double's range). The caller then parses the whole text again
// with nlohmann::json::sax_parse and a fresh handler, which gives nlohmann's result and error
// message. When it returns true, the handler has had exactly the events nlohmann's parser gives
// for the text, in the same order, with the same values (tests/engine/json_scan_test.cpp).
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace credo::engine {

/// Bytes a string holds as they are: printable ASCII other than the quote and the backslash.
inline constexpr struct PlainStringBytes {
    bool table[256] = {};
    constexpr PlainStringBytes() {
        for (int c = 0x20; c < 0x80; ++c) table[c] = c != '"' && c != '\\';
    }
    constexpr bool operator[](unsigned char c) const { return table[c]; }
} kPlainStringByte{};

/// Scans `text`, which must be one JSON value with optional whitespace around it. False when the
/// text is not JSON, holds a form left to nlohmann, or the handler returned false. `buffer`
/// holds strings with escapes and number tokens; it is the caller's so that its storage can be
/// reused. The views the handler gets last only until its call returns.
template <class Sax>
bool scan_json(std::string_view text, Sax& sax, std::string& buffer) {
    const char* p = text.data();
    const char* const end = p + text.size();
    constexpr int kMaxDepth = 64;
    std::uint64_t objects = 0;  // bit d: the container at depth d + 1 is an object
    int depth = 0;

    auto skip_space = [&] {
        while (p != end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
    };
    // A string, `p` at its opening quote, as a view of the text, or of `buffer` where escapes
    // had to be undone; false for anything left to nlohmann.
    auto scan_string = [&](std::string_view& out) -> bool {
        const char* run = ++p;
        while (p != end && kPlainStringByte[static_cast<unsigned char>(*p)]) ++p;
        if (p != end && *p == '"') {
            out = std::string_view(run, static_cast<std::size_t>(p - run));
            ++p;
            return true;
        }
        buffer.assign(run, static_cast<std::size_t>(p - run));
        for (;;) {
            if (p == end) return false;
            if (*p == '"') {
                ++p;
                out = buffer;
                return true;
            }
            if (*p != '\\' || p + 1 == end) return false;
            char c;
            switch (p[1]) {
                case '"': c = '"'; break;
                case '\\': c = '\\'; break;
                case '/': c = '/'; break;
                case 'b': c = '\b'; break;
                case 'f': c = '\f'; break;
                case 'n': c = '\n'; break;
                case 'r': c = '\r'; break;
                case 't': c = '\t'; break;
                default: return false;
            }
            buffer.push_back(c);
            p += 2;
            run = p;
            while (p != end && kPlainStringByte[static_cast<unsigned char>(*p)]) ++p;
            buffer.append(run, static_cast<std::size_t>(p - run));
        }
    };
    auto digits = [&] {
        const char* start = p;
        while (p != end && *p >= '0' && *p <= '9') ++p;
        return p != start;
    };
    // A number, `p` at its first byte: an integer that fits is unsigned (no sign) or signed, as
    // nlohmann gives them; anything else is a double, which must be finite.
    auto scan_number = [&]() -> bool {
        const char* start = p;
        const bool negative = *p == '-';
        if (negative) ++p;
        if (p == end) return false;
        if (*p == '0') ++p;
        else if (!digits()) return false;
        bool integer = true;
        if (p != end && *p == '.') {
            ++p;
            if (!digits()) return false;
            integer = false;
        }
        if (p != end && (*p == 'e' || *p == 'E')) {
            ++p;
            if (p != end && (*p == '+' || *p == '-')) ++p;
            if (!digits()) return false;
            integer = false;
        }
        if (integer) {
            if (negative) {
                std::int64_t n = 0;
                if (std::from_chars(start, p, n).ec == std::errc()) return sax.number_integer(n);
            } else {
                std::uint64_t n = 0;
                if (std::from_chars(start, p, n).ec == std::errc()) return sax.number_unsigned(n);
            }
        }
        double d = 0;
        if (std::from_chars(start, p, d).ec != std::errc() || !std::isfinite(d)) return false;
        buffer.assign(start, p);
        return sax.number_float(d, buffer);
    };
    // An object's key and its colon, `p` at the key.
    auto scan_key = [&]() -> bool {
        std::string_view key;
        if (p == end || *p != '"' || !scan_string(key) || !sax.key(key)) return false;
        skip_space();
        if (p == end || *p != ':') return false;
        ++p;
        skip_space();
        return true;
    };
    auto literal = [&](std::string_view word) {
        if (static_cast<std::size_t>(end - p) < word.size() || std::string_view(p, word.size()) != word) return false;
        p += word.size();
        return true;
    };

    skip_space();
    for (;;) {
        // A value.
        if (p == end) return false;
        switch (*p) {
            case '{':
            case '[': {
                const bool object = *p == '{';
                if (depth == kMaxDepth) return false;
                ++p;
                if (!(object ? sax.start_object(static_cast<std::size_t>(-1))
                             : sax.start_array(static_cast<std::size_t>(-1))))
                    return false;
                skip_space();
                if (p != end && *p == (object ? '}' : ']')) {
                    ++p;
                    if (!(object ? sax.end_object() : sax.end_array())) return false;
                    break;
                }
                if (object) objects |= std::uint64_t{1} << depth;
                else objects &= ~(std::uint64_t{1} << depth);
                ++depth;
                if (object && !scan_key()) return false;
                continue;
            }
            case '"': {
                std::string_view value;
                if (!scan_string(value) || !sax.string(value)) return false;
                break;
            }
            case 't':
                if (!literal("true") || !sax.boolean(true)) return false;
                break;
            case 'f':
                if (!literal("false") || !sax.boolean(false)) return false;
                break;
            case 'n':
                if (!literal("null") || !sax.null()) return false;
                break;
            default:
                if (!((*p >= '0' && *p <= '9') || *p == '-') || !scan_number()) return false;
                break;
        }
        // After a value: the end of the text, or what its container takes next.
        for (;;) {
            skip_space();
            if (depth == 0) return p == end;
            if (p == end) return false;
            const bool in_object = (objects >> (depth - 1)) & 1;
            if (*p == ',') {
                ++p;
                skip_space();
                if (in_object && !scan_key()) return false;
                break;  // the next value
            }
            if (*p != (in_object ? '}' : ']')) return false;
            ++p;
            --depth;
            if (!(in_object ? sax.end_object() : sax.end_array())) return false;
        }
    }
}

}  // namespace credo::engine
