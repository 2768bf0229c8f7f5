// Writing JSON text straight into a string, byte for byte as nlohmann::json::dump writes the
// same document (compact, or pretty with an indent), without building the document first:
// decisions are written once per learner, and building an ordered_json for each took half the
// time of credo_evaluate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace credo::engine {

class JsonWriter {
public:
    /// `indent` as nlohmann::json::dump takes it: negative for compact text, else the spaces per level.
    explicit JsonWriter(int indent = -1) : indent_(indent) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    /// An object's key; its value follows.
    void key(std::string_view k);

    void string(std::string_view s);
    void boolean(bool b);
    void integer(std::int64_t n);
    void number(double d);
    void null();

    /// The text written so far.
    const std::string& text() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void open(char bracket);
    void close(char bracket);
    void separate();  ///< before a value in an array, or a key in an object
    void before_value();
    void quoted(std::string_view s);  ///< a string as JSON writes it
    void newline(std::size_t depth);

    std::string out_;
    int indent_;
    std::vector<bool> empty_;  ///< per open container: nothing written in it yet
    bool after_key_ = false;
};

}  // namespace credo::engine
