// Random edits of text (rule files, learner records) for the bounded fuzz tests.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace credo::test {

/// Applies one random edit: delete a span, insert one of `fragments`, copy a span of up to
/// `longest_copy` bytes elsewhere (a key or an entry twice), replace a byte, or truncate.
template <std::size_t N>
std::string mutate(std::string text, std::mt19937_64& rng, const char* const (&fragments)[N], std::size_t longest_copy) {
    auto pick = [&](std::size_t n) { return n == 0 ? std::size_t{0} : static_cast<std::size_t>(rng() % n); };
    std::size_t at = pick(text.size() + 1);
    switch (rng() % 5) {
        case 0: text.erase(at, pick(16) + 1); break;
        case 1: text.insert(at, fragments[pick(N)]); break;
        case 2: text.insert(at, text.substr(pick(text.size() + 1), pick(longest_copy))); break;
        case 3:
            if (at < text.size()) text[at] = static_cast<char>(rng() & 0xFF);
            break;
        default: text.resize(at); break;
    }
    return text;
}

/// Fragments of the rule language, for mutating rule text.
inline const char* const kRuleFragments[] = {
    "unit ", "award ", "require ", "all ", "of ", "credits ", "from ", "where ", "level >= ", "and ", "or ",
    "(", ")", "{", "}", ",", "+", "=>", "<=>", "\"", "\\", "#", "\n", "MTU:A", "MTU:*", "any ", "pool p = ",
    "include \"x.credo\"\n", "2026-02-30", "2024-02-29", "0%", "100%", "7.555", "99999999999999", "shared ",
    "min grade 40 ", "within 5 years ", "limit rpl 50% ", "entry { ", "exclusive ", "equivalence ",
    "defaults for class major { ", "rpl never ", "requires ", "\xc3\xa9", "\xff", "\t", "ruleset \"r\" version \"1\"\n"};

/// JSON and learner-record fragments for credo::test::mutate.
inline const char* const kRecordFragments[] = {
    "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "0", "-1", "-0", "7.125", "100.5", "1e400", "1e12",
    "18446744073709551616", "\"\"", "\"2024-02-29\"", "\"2025-02-29\"", "\"UCC:X\"", "\"transfer\"", "\"c1\"",
    "\"id\": ", "\"unit\": ", "\"grade\": ", "\"credits\": 5, ", "\"level\": 11, ", "\"basis\": ", "\"credentials\": ",
    "\"awards_held\": ", "\"exceptions\": ", "\"kind\": \"waive\", ", "\"x\": 1, ", "[[[[[[[[", "]]]]]]]]",
    "\\u00e9", "\\ud800", "\\u0000", "\xff", "\xc3", "\xef\xbb\xbf", " ", "\n"};

}  // namespace credo::test
