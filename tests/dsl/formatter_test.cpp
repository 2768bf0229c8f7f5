// Tests of the canonical layout (`credo fmt`): exact output, comments, blank lines, idempotence
// and round trips over every rule file in the repository.
#include <filesystem>
#include <sstream>

#include <catch2/catch.hpp>

#include "dsl/formatter.hpp"
#include "dsl/parser.hpp"
#include "dsl/values.hpp"
#include "tests/support.hpp"

namespace ast = credo::dsl::ast;
namespace fs = std::filesystem;

namespace {

/// A parsed rule file with the diagnostics its parse reported.
struct Parsed {
    ast::File file;
    std::vector<std::string> diagnostics;
    std::string formatted;
};

Parsed parse(const std::string& text, const std::string& path = "input.credo") {
    credo::dsl::SourceFile source(0, path, text);
    credo::dsl::Diagnostics diagnostics;
    Parsed out;
    out.file = credo::dsl::parse_file(source, diagnostics);
    for (const auto& d : diagnostics.list())
        out.diagnostics.push_back(credo::dsl::format_diagnostic(d, std::vector<credo::dsl::SourceFile>{source}));
    if (out.diagnostics.empty()) out.formatted = credo::dsl::format_file(out.file, source);
    return out;
}

/// The canonical layout of `text`, which must parse cleanly.
std::string format(const std::string& text) {
    Parsed parsed = parse(text);
    INFO(text);
    REQUIRE(parsed.diagnostics.empty());
    return parsed.formatted;
}

std::vector<std::string> comment_texts(const ast::File& file) {
    std::vector<std::string> out;
    for (const ast::Comment& c : file.comments) out.push_back(c.text);
    return out;
}

/// A requirement's statement text in a form that survives canonical layout: tokens joined by
/// single spaces, numbers by value, and the tail (`shared`, `min grade N`, which may be written in
/// either order and repeated) moved to the end as the formatter prints it.
std::string normalised_statement(const std::string& text) {
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        std::size_t begin = i;
        if (c == ' ') {
            ++i;
            continue;
        }
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\') ++i;
            ++i;
        } else if (c == ',' || c == '+') {
            ++i;
        } else if (c == '<' || c == '>' || c == '=') {
            while (i < text.size() && (text[i] == '<' || text[i] == '>' || text[i] == '=')) ++i;
        } else {
            while (i < text.size() && std::string(" \",+<>=").find(text[i]) == std::string::npos) ++i;
        }
        std::string token = text.substr(begin, i - begin);
        if (token[0] >= '0' && token[0] <= '9') {
            std::optional<credo::Centi> value = credo::parse_centi(token);
            if (value) token = credo::format_centi(*value);
        }
        tokens.push_back(token);
    }
    std::string out, min_grade;
    bool shared = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i] == "shared") {
            shared = true;
        } else if (tokens[i] == "min" && i + 2 < tokens.size() && tokens[i + 1] == "grade") {
            min_grade = tokens[i + 2];
            i += 2;
        } else {
            out += (out.empty() ? "" : " ") + tokens[i];
        }
    }
    if (shared) out += " shared";
    if (!min_grade.empty()) out += " min grade " + min_grade;
    return out;
}

/// Structural comparison of two syntax trees, positions aside: every field of every node, numbers
/// by value. Records a readable line per difference.
class TreeDiff {
public:
    std::vector<std::string> differences;

    void file(const ast::File& a, const ast::File& b) {
        if (!count("declarations", a.declarations.size(), b.declarations.size())) return;
        for (std::size_t i = 0; i < a.declarations.size(); ++i) {
            std::string path = "declaration " + std::to_string(i + 1);
            if (a.declarations[i].index() != b.declarations[i].index()) {
                note(path, "kinds differ");
                continue;
            }
            std::visit(
                [&](const auto& x) {
                    using T = std::decay_t<decltype(x)>;
                    declaration(path, x, std::get<T>(b.declarations[i]));
                },
                a.declarations[i]);
        }
    }

private:
    void note(const std::string& path, const std::string& what) { differences.push_back(path + ": " + what); }

    bool count(const std::string& path, std::size_t a, std::size_t b) {
        if (a == b) return true;
        note(path, "counts differ: " + std::to_string(a) + " vs " + std::to_string(b));
        return false;
    }

    void text(const std::string& path, const std::string& a, const std::string& b) {
        if (a != b) note(path, "'" + a + "' vs '" + b + "'");
    }

    void flag(const std::string& path, bool a, bool b) {
        if (a != b) note(path, std::string(a ? "true" : "false") + " vs " + (b ? "true" : "false"));
    }

    /// A number or whole number: equal by value.
    void number(const std::string& path, const ast::Token& a, const ast::Token& b) {
        std::optional<credo::Centi> x = credo::parse_centi(a.text), y = credo::parse_centi(b.text);
        if (!x || !y || *x != *y) note(path, "numbers '" + a.text + "' vs '" + b.text + "'");
    }

    template <typename F>
    void optional(const std::string& path, const std::optional<ast::Token>& a, const std::optional<ast::Token>& b,
                  F compare) {
        if (a.has_value() != b.has_value()) return note(path, "present in one tree only");
        if (a) compare(path, *a, *b);
    }

    void token_text(const std::string& path, const ast::Token& a, const ast::Token& b) { text(path, a.text, b.text); }

    void items(const std::string& path, const std::vector<ast::SelectorItem>& a,
               const std::vector<ast::SelectorItem>& b) {
        if (!count(path, a.size(), b.size())) return;
        for (std::size_t i = 0; i < a.size(); ++i) {
            std::string p = path + "[" + std::to_string(i) + "]";
            if (a[i].kind != b[i].kind) note(p, "item kinds differ");
            text(p, a[i].text, b[i].text);
        }
    }

    void filters(const std::string& path, const std::vector<ast::Filter>& a, const std::vector<ast::Filter>& b) {
        if (!count(path, a.size(), b.size())) return;
        for (std::size_t i = 0; i < a.size(); ++i) {
            std::string p = path + "[" + std::to_string(i) + "]";
            text(p + ".field", a[i].field, b[i].field);
            text(p + ".op", a[i].op, b[i].op);
            if (a[i].op.empty())
                token_text(p + ".value", a[i].value, b[i].value);
            else
                number(p + ".value", a[i].value, b[i].value);
        }
    }

    void selector(const std::string& path, const ast::Selector& a, const ast::Selector& b) {
        items(path + ".items", a.items, b.items);
        filters(path + ".filters", a.filters, b.filters);
    }

    void prereq(const std::string& path, const ast::Prereq& a, const ast::Prereq& b) {
        if (a.op != b.op) return note(path, "operators differ");
        text(path + ".unit", a.unit, b.unit);
        if (!count(path + ".terms", a.terms.size(), b.terms.size())) return;
        for (std::size_t i = 0; i < a.terms.size(); ++i)
            prereq(path + ".terms[" + std::to_string(i) + "]", a.terms[i], b.terms[i]);
    }

    void constraint(const std::string& path, const ast::Constraint& a, const ast::Constraint& b) {
        if (a.kind != b.kind) return note(path, "constraint kinds differ");
        number(path + ".amount", a.amount, b.amount);
        text(path + ".period", a.period, b.period);
        selector(path + ".selector", a.selector, b.selector);
        flag(path + ".of_taught", a.of_taught, b.of_taught);
        flag(path + ".rpl_only", a.rpl_only, b.rpl_only);
    }

    // Requirement::text is the statement as written, so canonical layout may change its spacing,
    // its numbers' form and the order of its tail: it is compared after normalising those.
    void requirement(const std::string& path, const ast::Requirement& a, const ast::Requirement& b) {
        if (a.kind != b.kind) return note(path, "requirement kinds differ");
        optional(path + ".label", a.label, b.label, [this](auto&&... x) { token_text(x...); });
        if (a.kind == ast::Requirement::Kind::count_of || a.kind == ast::Requirement::Kind::credits_from)
            number(path + ".amount", a.amount, b.amount);
        else
            token_text(path + ".amount", a.amount, b.amount);
        items(path + ".all", a.all, b.all);
        token_text(path + ".award", a.award, b.award);
        selector(path + ".selector", a.selector, b.selector);
        flag(path + ".shared", a.shared, b.shared);
        optional(path + ".min_grade", a.min_grade, b.min_grade, [this](auto&&... x) { number(x...); });
        text(path + ".text", normalised_statement(a.text), normalised_statement(b.text));
    }

    void statements(const std::string& path, const std::vector<ast::Statement>& a,
                    const std::vector<ast::Statement>& b) {
        if (!count(path, a.size(), b.size())) return;
        for (std::size_t i = 0; i < a.size(); ++i) {
            std::string p = path + "[" + std::to_string(i) + "]";
            if (a[i].index() != b[i].index()) {
                note(p, "statement kinds differ");
                continue;
            }
            if (const auto* r = std::get_if<ast::Requirement>(&a[i])) requirement(p, *r, std::get<ast::Requirement>(b[i]));
            if (const auto* c = std::get_if<ast::Constraint>(&a[i])) constraint(p, *c, std::get<ast::Constraint>(b[i]));
            if (const auto* e = std::get_if<ast::EntryBlock>(&a[i]))
                statements(p + ".entry", e->statements, std::get<ast::EntryBlock>(b[i]).statements);
        }
    }

    void declaration(const std::string& path, const ast::RulesetDecl& a, const ast::RulesetDecl& b) {
        token_text(path + ".name", a.name, b.name);
        token_text(path + ".version", a.version, b.version);
        optional(path + ".effective", a.effective, b.effective, [this](auto&&... x) { token_text(x...); });
    }

    void declaration(const std::string& path, const ast::IncludeDecl& a, const ast::IncludeDecl& b) {
        token_text(path + ".path", a.path, b.path);
    }

    void declaration(const std::string& path, const ast::InstitutionDecl& a, const ast::InstitutionDecl& b) {
        token_text(path + ".code", a.code, b.code);
        token_text(path + ".title", a.title, b.title);
    }

    void declaration(const std::string& path, const ast::UnitDecl& a, const ast::UnitDecl& b) {
        token_text(path + ".id", a.id, b.id);
        token_text(path + ".title", a.title, b.title);
        number(path + ".credits", a.credits, b.credits);
        number(path + ".level", a.level, b.level);
        if (a.prereq.has_value() != b.prereq.has_value())
            note(path + ".prereq", "present in one tree only");
        else if (a.prereq)
            prereq(path + ".prereq", *a.prereq, *b.prereq);
        flag(path + ".rpl_never", a.rpl_never, b.rpl_never);
    }

    void declaration(const std::string& path, const ast::PoolDecl& a, const ast::PoolDecl& b) {
        token_text(path + ".name", a.name, b.name);
        selector(path + ".selector", a.selector, b.selector);
    }

    void declaration(const std::string& path, const ast::EquivalenceDecl& a, const ast::EquivalenceDecl& b) {
        if (count(path + ".sources", a.sources.size(), b.sources.size()))
            for (std::size_t i = 0; i < a.sources.size(); ++i)
                token_text(path + ".sources[" + std::to_string(i) + "]", a.sources[i], b.sources[i]);
        optional(path + ".pattern", a.pattern, b.pattern, [this](auto&&... x) { token_text(x...); });
        filters(path + ".filters", a.filters, b.filters);
        flag(path + ".two_way", a.two_way, b.two_way);
        token_text(path + ".target", a.target, b.target);
        if (!count(path + ".options", a.options.size(), b.options.size())) return;
        for (std::size_t i = 0; i < a.options.size(); ++i) {
            std::string p = path + ".options[" + std::to_string(i) + "]";
            text(p + ".kind", a.options[i].kind, b.options[i].kind);
            if (a.options[i].kind == "min grade")
                number(p + ".value", a.options[i].value, b.options[i].value);
            else
                token_text(p + ".value", a.options[i].value, b.options[i].value);
        }
    }

    void declaration(const std::string& path, const ast::ExclusiveDecl& a, const ast::ExclusiveDecl& b) {
        if (!count(path + ".units", a.units.size(), b.units.size())) return;
        for (std::size_t i = 0; i < a.units.size(); ++i)
            token_text(path + ".units[" + std::to_string(i) + "]", a.units[i], b.units[i]);
    }

    void declaration(const std::string& path, const ast::DefaultsDecl& a, const ast::DefaultsDecl& b) {
        token_text(path + ".award_class", a.award_class, b.award_class);
        filters(path + ".conditions", a.conditions, b.conditions);
        if (!count(path + ".constraints", a.constraints.size(), b.constraints.size())) return;
        for (std::size_t i = 0; i < a.constraints.size(); ++i)
            constraint(path + ".constraints[" + std::to_string(i) + "]", a.constraints[i], b.constraints[i]);
    }

    void declaration(const std::string& path, const ast::AwardDecl& a, const ast::AwardDecl& b) {
        token_text(path + ".id", a.id, b.id);
        token_text(path + ".title", a.title, b.title);
        token_text(path + ".award_class", a.award_class, b.award_class);
        number(path + ".level", a.level, b.level);
        number(path + ".credits", a.credits, b.credits);
        statements(path + ".statements", a.statements, b.statements);
    }
};

/// The differences between two trees, one per line (empty when they are equal).
std::string tree_differences(const ast::File& a, const ast::File& b) {
    TreeDiff diff;
    diff.file(a, b);
    std::string out;
    for (const std::string& d : diff.differences) out += d + "\n";
    return out;
}

/// Checks everything canonical layout promises for `text`: the result parses cleanly to the same
/// tree with the same comments in the same order, and formatting it again changes nothing.
void check_round_trip(const std::string& text, const std::string& path) {
    Parsed original = parse(text, path);
    REQUIRE(original.diagnostics.empty());
    Parsed once = parse(original.formatted, path);
    INFO("formatted:\n" << original.formatted);
    CHECK(once.diagnostics == std::vector<std::string>{});
    CHECK(tree_differences(original.file, once.file) == "");
    CHECK(comment_texts(once.file) == comment_texts(original.file));
    CHECK(once.formatted == original.formatted);
}

/// `text` with the white space between its tokens varied (extra spaces, line breaks, blank lines,
/// comments), chosen by a fixed pseudo-random sequence from `seed`. Strings and comments are left
/// alone, and no line break goes before `min`, so `min grade` stays with its requirement.
std::string perturbed(const std::string& text, unsigned seed) {
    static const char* const variants[] = {" ", "   ", "\n    ", " # note\n", "\n\n", "\n# own\n"};
    std::string out;
    bool in_string = false, in_comment = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_comment) {
            in_comment = c != '\n';
        } else if (in_string && c == '\\') {
            out += c;
            c = text[++i];
        } else if (in_string) {
            in_string = c != '"';
        } else if (c == '"' || c == '#') {
            (c == '"' ? in_string : in_comment) = true;
        } else if (c == ' ' && i > 0 && text[i - 1] != ' ' && text[i - 1] != '\n') {
            seed = seed * 1103515245u + 12345u;
            std::size_t next = text.find_first_not_of(" \t", i);
            bool keep_line = next != std::string::npos && text.compare(next, 3, "min") == 0;
            out += variants[(seed >> 16) % (keep_line ? 2 : 6)];
            continue;
        }
        out += c;
    }
    return out;
}

// Every construct of the language, laid out carelessly, with comments in every position.
const char* const kMessy = R"credo(# Header comment
#   second header line


ruleset   "Messy \"stack\""   version "2026.1"    effective 2026-09-01   # trailing ruleset
include "shared/common.credo"
include"other \\ file.credo"
institution   MTU "Munster Technological University"
institution TUS "Technological University of the Shannon" # trailing inst



unit MTU:DATA9001 "Data Fundamentals"        credits 5.0  level 09
unit MTU:DATA9002 "Applied ML" credits 7.50 level 9 requires MTU:DATA9001 or MTU:DATA9003 and (MTU:DATA9004 or MTU:DATA9005)
unit MTU:DATA9090 "Capstone" # inside unit
  credits 30 level 9
  # own line inside unit
  requires (MTU:DATA9002 and MTU:DATA9004) rpl never # after unit
unit MTU:DATA9003 "Vis #1 {draft}" credits 5 level 9 requires ((MTU:DATA9001))
pool da_electives=MTU:DATA9003,MTU:DATA9004 ,  MTU:DATA9*, other_pool where level>=9 and credits < 10.00 and institution MTU and basis earned
equivalence TUS:COMP9101+TUS:COMP9102 => MTU:DATA9001 min grade 50.0 since 2020-01-01 until 2030-12-31
equivalence ATU:* where level >= 8 => MTU:DATA9003
equivalence MTU:DATA9004<=>TUS:COMP9104 min grade 40
exclusive MTU:DATA9003,MTU:DATA9004, MTU:DATA9005
# defaults lead
defaults for class special-purpose level>=9 { # open defaults
  limit rpl 50.0%   # percent
  within 1 years
  # before close
}
award MTU:CERT-DA "Certificate" class special-purpose level 9 credits 20 {

  # lead core


  require "core" all MTU:DATA9001, MTU:DATA9002 min grade 40 shared
  require 2 of da_electives where level >= 009 min grade 45.5
  require "electives" 10.0 credits from # inside requirement
    da_electives shared # trailing req
  require "stack" award MTU:MSC-DA
  limit 10 credits from MTU:DATA9* where basis transfer
  limit rpl 15 credits
  within 06 months
  min grade 40
  entry { require "prior" 60 credits from any where level >= 8 # entry req
    limit 5 credits from any   } # after entry
  within 1 month
  limit rpl 33.30%
  # tail comment

}   # after award close
award MTU:MSC-DA "MSc" class major level 9 credits 60 {
  require all MTU:DATA9090
  min grade 50}
award MTU:EMPTY "Empty" class minor level 9 credits 5 {}
# end comment 1

# end comment 2
)credo";

const char* const kMessyFormatted = R"credo(# Header comment
#   second header line

ruleset "Messy \"stack\"" version "2026.1" effective 2026-09-01 # trailing ruleset
include "shared/common.credo"
include "other \\ file.credo"
institution MTU "Munster Technological University"
institution TUS "Technological University of the Shannon" # trailing inst

unit MTU:DATA9001 "Data Fundamentals" credits 5 level 9
unit MTU:DATA9002 "Applied ML" credits 7.5 level 9 requires MTU:DATA9001 or (MTU:DATA9003 and (MTU:DATA9004 or MTU:DATA9005))
# inside unit
# own line inside unit
unit MTU:DATA9090 "Capstone" credits 30 level 9 requires MTU:DATA9002 and MTU:DATA9004 rpl never # after unit
unit MTU:DATA9003 "Vis #1 {draft}" credits 5 level 9 requires MTU:DATA9001
pool da_electives = MTU:DATA9003, MTU:DATA9004, MTU:DATA9*, other_pool where level >= 9 and credits < 10 and institution MTU and basis earned
equivalence TUS:COMP9101 + TUS:COMP9102 => MTU:DATA9001 min grade 50 since 2020-01-01 until 2030-12-31
equivalence ATU:* where level >= 8 => MTU:DATA9003
equivalence MTU:DATA9004 <=> TUS:COMP9104 min grade 40
exclusive MTU:DATA9003, MTU:DATA9004, MTU:DATA9005

# defaults lead
defaults for class special-purpose level >= 9 { # open defaults
  limit rpl 50% # percent
  within 1 year
  # before close
}

award MTU:CERT-DA "Certificate" class special-purpose level 9 credits 20 {
  # lead core

  require "core" all MTU:DATA9001, MTU:DATA9002 shared min grade 40
  require 2 of da_electives where level >= 9 min grade 45.5
  # inside requirement
  require "electives" 10 credits from da_electives shared # trailing req
  require "stack" award MTU:MSC-DA
  limit 10 credits from MTU:DATA9* where basis transfer
  limit rpl 15 credits
  within 6 months
  min grade 40
  entry {
    require "prior" 60 credits from any where level >= 8 # entry req
    limit 5 credits from any
  } # after entry
  within 1 month
  limit rpl 33.3%
  # tail comment
} # after award close

award MTU:MSC-DA "MSc" class major level 9 credits 60 {
  require all MTU:DATA9090
  min grade 50
}

award MTU:EMPTY "Empty" class minor level 9 credits 5 {
}
# end comment 1

# end comment 2
)credo";

}  // namespace

TEST_CASE("fmt lays out every construct canonically", "[fmt]") {
    CHECK(format(kMessy) == kMessyFormatted);
    check_round_trip(kMessy, "messy.credo");
}

TEST_CASE("fmt keeps every comment, in source order", "[fmt]") {
    Parsed original = parse(kMessy);
    REQUIRE(original.diagnostics.empty());
    REQUIRE(original.file.comments.size() == 20);
    Parsed formatted = parse(original.formatted);
    CHECK(formatted.file.comments.size() == 20);
    CHECK(comment_texts(formatted.file) == comment_texts(original.file));
}

TEST_CASE("fmt output is idempotent and parses to the same tree", "[fmt]") {
    std::string once = format(kMessy);
    CHECK(format(once) == once);
    Parsed original = parse(kMessy);
    Parsed formatted = parse(once);
    CHECK(formatted.diagnostics == std::vector<std::string>{});
    CHECK(tree_differences(original.file, formatted.file) == "");
}

TEST_CASE("fmt tree comparison notices a changed value", "[fmt]") {
    Parsed a = parse("unit MTU:A \"A\" credits 5 level 9 requires MTU:B or MTU:C and MTU:D\n");
    Parsed b = parse("unit MTU:A \"A\" credits 5.00 level 09 requires MTU:B or (MTU:C and MTU:D)\n");
    Parsed c = parse("unit MTU:A \"A\" credits 5.5 level 9 requires (MTU:B or MTU:C) and MTU:D\n");
    CHECK(tree_differences(a.file, b.file) == "");
    CHECK(tree_differences(a.file, c.file) ==
          "declaration 1.credits: numbers '5' vs '5.5'\n"
          "declaration 1.prereq: operators differ\n");
}

TEST_CASE("fmt parenthesises nested prerequisites only", "[fmt]") {
    CHECK(format("unit MTU:A \"A\" credits 5 level 9 requires MTU:B or MTU:C and MTU:D\n") ==
          "unit MTU:A \"A\" credits 5 level 9 requires MTU:B or (MTU:C and MTU:D)\n");
    CHECK(format("unit MTU:A \"A\" credits 5 level 9 requires (MTU:B or MTU:C) and MTU:D\n") ==
          "unit MTU:A \"A\" credits 5 level 9 requires (MTU:B or MTU:C) and MTU:D\n");
    CHECK(format("unit MTU:A \"A\" credits 5 level 9 requires (MTU:B and MTU:C) and MTU:D\n") ==
          "unit MTU:A \"A\" credits 5 level 9 requires (MTU:B and MTU:C) and MTU:D\n");
    CHECK(format("unit MTU:A \"A\" credits 5 level 9 requires (((MTU:B)))\n") ==
          "unit MTU:A \"A\" credits 5 level 9 requires MTU:B\n");
    check_round_trip("unit MTU:A \"A\" credits 5 level 9 requires (MTU:B and MTU:C) and (MTU:D or MTU:E)\n",
                     "prereq.credo");
}

TEST_CASE("fmt keeps blank-line grouping, at most one blank line", "[fmt]") {
    CHECK(format("\n\n# a\n\n\n\nunit MTU:A \"A\" credits 5 level 9\nunit MTU:B \"B\" credits 5 level 9\n\n\n"
                 "unit MTU:C \"C\" credits 5 level 9") ==
          "# a\n\nunit MTU:A \"A\" credits 5 level 9\nunit MTU:B \"B\" credits 5 level 9\n\n"
          "unit MTU:C \"C\" credits 5 level 9\n");
    // No blank line after `{` or before `}`; one before a top-level block, before its comments.
    CHECK(format("unit MTU:A \"A\" credits 5 level 9\n# the award\naward MTU:X \"X\" class major level 9 "
                 "credits 5 {\n\n  require all MTU:A\n\n  within 5 years\n\n}\n") ==
          "unit MTU:A \"A\" credits 5 level 9\n\n# the award\naward MTU:X \"X\" class major level 9 credits 5 {\n"
          "  require all MTU:A\n\n  within 5 years\n}\n");
}

TEST_CASE("fmt places comments of multi-line statements and block ends", "[fmt]") {
    const std::string text =
        "award MTU:X \"X\" # a\n"
        "  class major # b\n"
        "  level 9 credits 10\n"
        "{ # c\n"
        "  require all MTU:A # d\n"
        "    min grade 40\n"
        "  require 10 credits from MTU:A, # e\n"
        "     MTU:B # f\n"
        "  entry {\n"
        "    # g\n"
        "  }\n"
        "  # h\n"
        "} # i\n"
        "# j";
    // `min grade 40` on its own line is the award's constraint, not the requirement's: it stays apart.
    CHECK(format(text) ==
          "# a\n"
          "# b\n"
          "award MTU:X \"X\" class major level 9 credits 10 { # c\n"
          "  require all MTU:A # d\n"
          "  min grade 40\n"
          "  # e\n"
          "  require 10 credits from MTU:A, MTU:B # f\n"
          "  entry {\n"
          "    # g\n"
          "  }\n"
          "  # h\n"
          "} # i\n"
          "# j\n");
    check_round_trip(text, "comments.credo");
}

TEST_CASE("fmt handles empty files, comment-only files and CRLF", "[fmt]") {
    CHECK(format("") == "");
    CHECK(format("\n \n\t\n") == "");
    CHECK(format("# only\n\n\n# comments") == "# only\n\n# comments\n");
    CHECK(format("unit MTU:A \"A\" credits 5 level 9 # t\r\n\r\n\r\n# c\r\nunit MTU:B \"B\" credits 5 level 9\r\n") ==
          "unit MTU:A \"A\" credits 5 level 9 # t\n\n# c\nunit MTU:B \"B\" credits 5 level 9\n");
}

TEST_CASE("fmt gives the same tree whatever the spacing, comments and line breaks", "[fmt]") {
    Parsed canonical = parse(kMessyFormatted);
    REQUIRE(canonical.diagnostics.empty());
    for (unsigned seed = 1; seed <= 20; ++seed) {
        std::string text = perturbed(kMessyFormatted, seed);
        INFO("seed " << seed << ":\n" << text);
        Parsed varied = parse(text);
        REQUIRE(varied.diagnostics.empty());
        CHECK(varied.file.comments.size() > canonical.file.comments.size());
        CHECK(tree_differences(canonical.file, varied.file) == "");
        check_round_trip(text, "perturbed.credo");
    }
}

TEST_CASE("fmt round-trips every rule file in the repository", "[fmt]") {
    std::vector<std::string> paths;
    const fs::path root(CREDO_SOURCE_DIR);
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        const std::string name = it->path().filename().string();
        if (it->is_directory() && (name.rfind("build", 0) == 0 || name[0] == '.')) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".credo") paths.push_back(it->path().string());
    }
    std::sort(paths.begin(), paths.end());
    std::size_t checked = 0;
    for (const std::string& path : paths) {
        std::string text = credo::test::read_text(path);
        if (!parse(text, path).diagnostics.empty()) continue;  // deliberately broken (tests/data/check)
        INFO(path);
        check_round_trip(text, path);
        Parsed original = parse(text, path);
        for (unsigned seed = 1; seed <= 3; ++seed) {
            std::string varied = perturbed(text, seed);
            INFO("seed " << seed);
            Parsed reparsed = parse(varied, path);
            REQUIRE(reparsed.diagnostics.empty());
            CHECK(tree_differences(original.file, reparsed.file) == "");
            check_round_trip(varied, path);
        }
        ++checked;
    }
    CHECK(checked > 0);
}
