// The fast JSON scanner against nlohmann's SAX parser: where the scanner reads a text, it gives
// exactly nlohmann's events; where nlohmann rejects a text, the scanner does too; and it reads
// every bundled learner record itself, so the reader's fast path is the one they take.
#include <random>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine/json_scan.hpp"
#include "tests/fuzz/mutate.hpp"
#include "tests/support.hpp"

namespace {

using json = nlohmann::json;

/// Writes every SAX event into `trace`, one token each.
struct Recorder {
    std::string trace;

    bool null() { return add("null"); }
    bool boolean(bool b) { return add(b ? "true" : "false"); }
    bool number_integer(std::int64_t n) { return add("i" + std::to_string(n)); }
    bool number_unsigned(std::uint64_t n) { return add("u" + std::to_string(n)); }
    bool number_float(double d, const std::string& token) { return add("f" + json(d).dump() + "=" + token); }
    bool string(std::string& s) { return add("s" + json(s).dump()); }
    bool string(std::string_view s) { return add("s" + json(std::string(s)).dump()); }
    bool binary(json::binary_t&) { return add("binary"); }
    bool start_object(std::size_t n) { return add("{" + std::to_string(n)); }
    bool key(std::string& k) { return add("k" + json(k).dump()); }
    bool key(std::string_view k) { return add("k" + json(std::string(k)).dump()); }
    bool end_object() { return add("}"); }
    bool start_array(std::size_t n) { return add("[" + std::to_string(n)); }
    bool end_array() { return add("]"); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

    bool add(const std::string& token) {
        trace += token;
        trace += ' ';
        return true;
    }
};

struct Outcome {
    bool ok;
    std::string trace;
};

Outcome scanned(const std::string& text) {
    Recorder r;
    std::string buffer;
    bool ok = credo::engine::scan_json(text, r, buffer);
    return {ok, r.trace};
}

Outcome parsed(const std::string& text) {
    Recorder r;
    bool ok = json::sax_parse(text.begin(), text.end(), &r);
    return {ok, r.trace};
}

/// The scanner's contract for one text.
void check_agrees(const std::string& text) {
    INFO("text: " << text);
    const Outcome scan = scanned(text), parse = parsed(text);
    if (scan.ok) {
        REQUIRE(parse.ok);
        REQUIRE(scan.trace == parse.trace);
    }
    if (!parse.ok) REQUIRE_FALSE(scan.ok);
}

/// A random JSON text: nested values, whitespace between tokens, escapes, numbers of every form.
std::string random_json(std::mt19937_64& rng, int depth) {
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    static const char* const spaces[] = {"", "", "", " ", "\n", "\t", "\r\n  "};
    auto space = [&] { return std::string(spaces[pick(7)]); };
    static const char* const numbers[] = {"0", "-0", "7", "-7", "83.5", "0.125", "-2.5e3", "1E2", "1e-2", "5.0",
                                          "18446744073709551615", "18446744073709551616", "-9223372036854775808",
                                          "-9223372036854775809", "123456789012345678901234567890", "1e308", "2.5E+10"};
    static const char* const strings[] = {"\"\"", "\"c1\"", "\"MTU:M100225\"", "\"2026-02-29\"", "\"a\\\"b\"",
                                          "\"tab\\there\"", "\"slash\\/\"", "\"\\\\\"", "\"\\b\\f\\n\\r\"",
                                          "\"a long string, longer than the small-string buffer\""};
    switch (depth > 3 ? pick(4) : pick(6)) {
        case 0: return numbers[pick(sizeof numbers / sizeof *numbers)];
        case 1: return strings[pick(sizeof strings / sizeof *strings)];
        case 2: return pick(3) == 0 ? "null" : pick(2) ? "true" : "false";
        case 3: return numbers[pick(4)];
        case 4: {
            std::string out = "[" + space();
            for (std::size_t n = pick(4), k = 0; k < n; ++k)
                out += (k ? "," + space() : "") + random_json(rng, depth + 1) + space();
            return out + "]";
        }
        default: {
            std::string out = "{" + space();
            for (std::size_t n = pick(4), k = 0; k < n; ++k)
                out += (k ? "," + space() : "") + strings[pick(sizeof strings / sizeof *strings)] + space() + ":" +
                       space() + random_json(rng, depth + 1) + space();
            return out + "}";
        }
    }
}

}  // namespace

TEST_CASE("the JSON scanner gives nlohmann's events", "[json]") {
    const std::string text = R"( {"a": [1, -2, 3.5, true, false, null, "x\ty"], "b": {}, "c": [], "d": -0} )";
    const Outcome scan = scanned(text);
    REQUIRE(scan.ok);
    CHECK(scan.trace ==
          "{18446744073709551615 k\"a\" [18446744073709551615 u1 i-2 f3.5=3.5 true false null s\"x\\ty\" ] "
          "k\"b\" {18446744073709551615 } k\"c\" [18446744073709551615 ] k\"d\" i0 } ");
    CHECK(scan.trace == parsed(text).trace);
    // Integers past 64 bits are doubles, as nlohmann gives them.
    CHECK(scanned("18446744073709551616").trace == "f1.8446744073709552e+19=18446744073709551616 ");
    CHECK(scanned("-9223372036854775809").trace == parsed("-9223372036854775809").trace);
}

TEST_CASE("the JSON scanner leaves syntax errors and rarer forms to nlohmann", "[json]") {
    // Not JSON: both reject.
    for (const char* bad : {"", " ", "{", "{\"a\":1,}", "[1 2]", "[1,]", "01", "1.", "-", ".5", "1e", "+1", "\"abc",
                            "{\"a\" 1}", "{1:2}", "tru", "nul", "{} x", "[]]", "\"a\x01\"", "'a'", "\"\\x\"", "NaN"}) {
        INFO("text: " << bad);
        CHECK_FALSE(parsed(bad).ok);
        CHECK_FALSE(scanned(bad).ok);
    }
    // JSON the scanner leaves to nlohmann: a \u escape, bytes above 0x7F, a byte-order mark, a
    // double out of range (nlohmann rejects it too), nesting past 64.
    for (const std::string& rare : {std::string("\"\\u00e9\""), std::string("\"\xc3\xa9\""),
                                   std::string("\xef\xbb\xbf{}"), std::string(65, '[') + std::string(65, ']')}) {
        INFO("text: " << rare);
        CHECK(parsed(rare).ok);
        CHECK_FALSE(scanned(rare).ok);
    }
    CHECK_FALSE(scanned("1e400").ok);
    CHECK_FALSE(parsed("1e400").ok);
    CHECK(scanned(std::string(64, '[') + std::string(64, ']')).ok);
}

TEST_CASE("random and mutated JSON texts: the scanner agrees with nlohmann", "[json]") {
    std::mt19937_64 rng(20261202);
    int read = 0, left = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string text = random_json(rng, 0);
        if (i % 2 == 1)
            for (int edits = 1 + static_cast<int>(rng() % 2); edits > 0; --edits)
                text = credo::test::mutate(text, rng, credo::test::kRecordFragments, 20);
        check_agrees(text);
        (scanned(text).ok ? read : left) += 1;
    }
    // Both outcomes are reached, or the texts are not testing the scanner.
    CHECK(read > 5000);
    CHECK(left > 2000);
}

TEST_CASE("the bundled learner records take the scanner's path", "[json]") {
    const auto files = credo::test::files_with_suffix(std::string(CREDO_SOURCE_DIR) + "/rulesets", ".json");
    REQUIRE(files.size() > 20);
    for (const std::string& path : files) {
        INFO("file: " << path);
        const std::string text = credo::test::read_text(path);
        const Outcome scan = scanned(text);
        CHECK(scan.ok);
        CHECK(scan.trace == parsed(text).trace);
    }
}
