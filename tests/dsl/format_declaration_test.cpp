// Tests of the canonical text of one declaration or award statement (dsl::format_declaration and
// dsl::format_statement, which `credo diff` compares): the layout of `credo fmt`, without comments,
// blank lines or a final newline.
#include <catch2/catch.hpp>

#include "dsl/formatter.hpp"
#include "dsl/parser.hpp"

namespace ast = credo::dsl::ast;

namespace {

ast::File parse(const std::string& text) {
    credo::dsl::SourceFile source(0, "input.credo", text);
    credo::dsl::Diagnostics diagnostics;
    ast::File file = credo::dsl::parse_file(source, diagnostics);
    REQUIRE(diagnostics.list().empty());
    return file;
}

const std::string kRules =
    "ruleset \"R\" version \"1\"\n"
    "institution MTU \"Munster\"\n"
    "unit   MTU:A \"A\"  credits 5.0 level 9 # a comment\n"
    "unit MTU:B \"B\" credits 5 level 9\n"
    "  requires MTU:A\n"
    "\n"
    "award MTU:X \"X\" class minor level 9 credits 10 {\n"
    "  # a comment of its own\n"
    "  require \"core\" all MTU:A,MTU:B\n"
    "\n"
    "  limit rpl 50.0%\n"
    "  entry { require 1 of any where level>=8 }\n"
    "}\n";

}  // namespace

TEST_CASE("a declaration's canonical text has no comments, blank lines or final newline", "[formatter]") {
    ast::File file = parse(kRules);
    REQUIRE(file.declarations.size() == 5);
    CHECK(credo::dsl::format_declaration(file.declarations[0]) == "ruleset \"R\" version \"1\"");
    CHECK(credo::dsl::format_declaration(file.declarations[2]) == "unit MTU:A \"A\" credits 5 level 9");
    CHECK(credo::dsl::format_declaration(file.declarations[3]) == "unit MTU:B \"B\" credits 5 level 9 requires MTU:A");
    CHECK(credo::dsl::format_declaration(file.declarations[4]) ==
          "award MTU:X \"X\" class minor level 9 credits 10 {\n"
          "  require \"core\" all MTU:A, MTU:B\n"
          "  limit rpl 50%\n"
          "  entry {\n"
          "    require 1 of any where level >= 8\n"
          "  }\n"
          "}");
}

TEST_CASE("an award statement's canonical text is unindented", "[formatter]") {
    ast::File file = parse(kRules);
    const auto& award = std::get<ast::AwardDecl>(file.declarations[4]);
    REQUIRE(award.statements.size() == 3);
    CHECK(credo::dsl::format_statement(award.statements[0]) == "require \"core\" all MTU:A, MTU:B");
    CHECK(credo::dsl::format_statement(award.statements[1]) == "limit rpl 50%");
    CHECK(credo::dsl::format_statement(award.statements[2]) == "entry {\n  require 1 of any where level >= 8\n}");
}
