// Structure-aware mutations of rule text, shared by the bounded fuzz test and the libFuzzer target.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace credo::test {

/// Applies one random edit: delete a span, insert a language fragment, duplicate a span,
/// replace a byte, or truncate.
inline std::string mutate(std::string text, std::mt19937_64& rng) {
    static const char* const fragments[] = {
        "unit ", "award ", "require ", "all ", "of ", "credits ", "from ", "where ", "level >= ", "and ", "or ",
        "(", ")", "{", "}", ",", "+", "=>", "<=>", "\"", "\\", "#", "\n", "MTU:A", "MTU:*", "any ", "pool p = ",
        "include \"x.credo\"\n", "2026-02-30", "2024-02-29", "0%", "100%", "7.555", "99999999999999", "shared ",
        "min grade 40 ", "within 5 years ", "limit rpl 50% ", "entry { ", "exclusive ", "equivalence ",
        "defaults for class major { ", "rpl never ", "requires ", "\xc3\xa9", "\xff", "\t", "ruleset \"r\" version \"1\"\n"};
    auto pick = [&](std::size_t n) { return n == 0 ? std::size_t{0} : static_cast<std::size_t>(rng() % n); };
    std::size_t at = pick(text.size() + 1);
    switch (rng() % 5) {
        case 0: text.erase(at, pick(16) + 1); break;
        case 1: text.insert(at, fragments[pick(sizeof fragments / sizeof *fragments)]); break;
        case 2: text.insert(at, text.substr(pick(text.size() + 1), pick(40))); break;
        case 3:
            if (at < text.size()) text[at] = static_cast<char>(rng() & 0xFF);
            break;
        default: text.resize(at); break;
    }
    return text;
}

}  // namespace credo::test
