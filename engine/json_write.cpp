// See json_write.hpp. The rules are nlohmann's serializer's (nlohmann/detail/output/serializer.hpp):
// empty containers as "{}" and "[]"; pretty text puts each member on its own line, indented by
// depth, with ": " after keys; strings escape the quote, the backslash, \b \f \n \r \t and other
// control bytes as \u00xx, and pass other bytes through.
#include "engine/json_write.hpp"

#include <nlohmann/json.hpp>

namespace credo::engine {

void JsonWriter::newline(std::size_t depth) {
    out_ += '\n';
    out_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

void JsonWriter::separate() {
    if (empty_.empty()) return;  // the top-level value
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
    if (indent_ >= 0) newline(empty_.size());
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    separate();
}

void JsonWriter::open(char bracket) {
    before_value();
    out_ += bracket;
    empty_.push_back(true);
}

void JsonWriter::close(char bracket) {
    const bool was_empty = empty_.back();
    empty_.pop_back();
    if (!was_empty && indent_ >= 0) newline(empty_.size());
    out_ += bracket;
}

void JsonWriter::key(std::string_view k) {
    separate();
    quoted(k);
    out_ += indent_ >= 0 ? ": " : ":";
    after_key_ = true;
}

void JsonWriter::string(std::string_view s) {
    before_value();
    quoted(s);
}

void JsonWriter::quoted(std::string_view s) {
    for (char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            // Multi-byte UTF-8 (or bytes that are not): nlohmann's own checks and message.
            out_ += nlohmann::json(std::string(s)).dump();
            return;
        }
    }
    out_ += '"';
    for (char c : s) {
        switch (c) {
            case '"': out_ += "\\\""; break;
            case '\\': out_ += "\\\\"; break;
            case '\b': out_ += "\\b"; break;
            case '\f': out_ += "\\f"; break;
            case '\n': out_ += "\\n"; break;
            case '\r': out_ += "\\r"; break;
            case '\t': out_ += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    static const char hex[] = "0123456789abcdef";
                    out_ += "\\u00";
                    out_ += hex[(c >> 4) & 0xF];
                    out_ += hex[c & 0xF];
                } else {
                    out_ += c;
                }
        }
    }
    out_ += '"';
}

void JsonWriter::boolean(bool b) {
    before_value();
    out_ += b ? "true" : "false";
}

void JsonWriter::integer(std::int64_t n) {
    before_value();
    out_ += std::to_string(n);
}

void JsonWriter::number(double d) {
    before_value();
    out_ += nlohmann::json(d).dump();  // nlohmann's shortest round-trip form ("7.5", "1e+30")
}

void JsonWriter::null() {
    before_value();
    out_ += "null";
}

}  // namespace credo::engine
