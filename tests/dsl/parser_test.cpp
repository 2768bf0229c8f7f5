// Parser tests: each construct of the language parses to the expected tree, and malformed
// variants give the exact diagnostics.
#include <catch2/catch.hpp>

#include "dsl/parser.hpp"
#include "dsl/source.hpp"
#include "tests/support.hpp"

namespace ast = credo::dsl::ast;
using credo::dsl::Diagnostics;
using credo::dsl::SourceFile;

namespace {

struct Parsed {
    ast::File file;
    std::string errors;  ///< rendered diagnostics
};

Parsed parse(const std::string& text) {
    std::vector<SourceFile> files{SourceFile(0, "t.credo", text)};
    Diagnostics diagnostics;
    Parsed out;
    out.file = credo::dsl::parse_file(files[0], diagnostics);
    diagnostics.sort();
    for (const auto& d : diagnostics.list()) out.errors += credo::dsl::format_diagnostic(d, files);
    return out;
}

template <typename T>
const T& only(const Parsed& p) {
    REQUIRE(p.errors == "");
    REQUIRE(p.file.declarations.size() == 1);
    const T* decl = std::get_if<T>(&p.file.declarations[0]);
    REQUIRE(decl != nullptr);
    return *decl;
}

}  // namespace

TEST_CASE("ruleset header", "[parser]") {
    auto p = parse("ruleset \"MTU \\\"Data\\\" stack\" version \"2026.1\" effective 2026-09-01\n");
    const auto& r = only<ast::RulesetDecl>(p);
    CHECK(r.name.text == "MTU \"Data\" stack");
    CHECK(r.version.text == "2026.1");
    REQUIRE(r.effective);
    CHECK(r.effective->text == "2026-09-01");
    CHECK(r.loc.line == 1);
    CHECK(r.loc.column == 1);
    CHECK(r.effective->loc.column == 57);
}

TEST_CASE("include and institution", "[parser]") {
    auto p = parse("include \"catalogue/units.credo\"\ninstitution TU_DUBLIN \"TU Dublin\"\n");
    REQUIRE(p.errors == "");
    REQUIRE(p.file.declarations.size() == 2);
    CHECK(std::get<ast::IncludeDecl>(p.file.declarations[0]).path.text == "catalogue/units.credo");
    const auto& i = std::get<ast::InstitutionDecl>(p.file.declarations[1]);
    CHECK(i.code.text == "TU_DUBLIN");
    CHECK(i.title.text == "TU Dublin");
    CHECK(i.loc.line == 2);
}

TEST_CASE("unit with prerequisites and rpl never", "[parser]") {
    auto p = parse("unit MTU:DATA9090 \"Capstone\" credits 7.5 level 9 requires MTU:A or MTU:B and (MTU:C or MTU:D) rpl never");
    const auto& u = only<ast::UnitDecl>(p);
    CHECK(u.id.text == "MTU:DATA9090");
    CHECK(u.credits.text == "7.5");
    CHECK(u.level.text == "9");
    CHECK(u.rpl_never);
    REQUIRE(u.prereq);
    // `and` binds tighter: A or (B and (C or D)).
    CHECK(u.prereq->op == ast::Prereq::Op::any_of);
    REQUIRE(u.prereq->terms.size() == 2);
    CHECK(u.prereq->terms[0].op == ast::Prereq::Op::unit);
    CHECK(u.prereq->terms[0].unit == "MTU:A");
    const auto& both = u.prereq->terms[1];
    CHECK(both.op == ast::Prereq::Op::all_of);
    REQUIRE(both.terms.size() == 2);
    CHECK(both.terms[0].unit == "MTU:B");
    CHECK(both.terms[1].op == ast::Prereq::Op::any_of);
    CHECK(both.terms[1].terms[1].unit == "MTU:D");
}

TEST_CASE("unit without options", "[parser]") {
    auto parsed = parse("unit ATU:WEB-8.01 \"Web\" credits 10 level 8");
    const auto& u = only<ast::UnitDecl>(parsed);
    CHECK(u.id.text == "ATU:WEB-8.01");
    CHECK_FALSE(u.prereq);
    CHECK_FALSE(u.rpl_never);
}

TEST_CASE("pool with selector items and filters", "[parser]") {
    auto parsed = parse(
        "pool electives = MTU:DATA9003, MTU:DATA9*, ATU:*, core, any where level >= 9 and credits < 7.5 and "
        "institution MTU and basis experiential");
    const auto& pool = only<ast::PoolDecl>(parsed);
    CHECK(pool.name.text == "electives");
    const auto& items = pool.selector.items;
    REQUIRE(items.size() == 5);
    CHECK(items[0].kind == ast::SelectorItem::Kind::id);
    CHECK(items[1].kind == ast::SelectorItem::Kind::pattern);
    CHECK(items[1].text == "MTU:DATA9");
    CHECK(items[2].kind == ast::SelectorItem::Kind::pattern);
    CHECK(items[2].text == "ATU:");
    CHECK(items[3].kind == ast::SelectorItem::Kind::pool);
    CHECK(items[3].text == "core");
    CHECK(items[4].kind == ast::SelectorItem::Kind::any);
    const auto& f = pool.selector.filters;
    REQUIRE(f.size() == 4);
    CHECK((f[0].field == "level" && f[0].op == ">=" && f[0].value.text == "9"));
    CHECK((f[1].field == "credits" && f[1].op == "<" && f[1].value.text == "7.5"));
    CHECK((f[2].field == "institution" && f[2].op.empty() && f[2].value.text == "MTU"));
    CHECK((f[3].field == "basis" && f[3].value.text == "experiential"));
}

TEST_CASE("equivalences of every form", "[parser]") {
    auto p = parse(
        "equivalence TUS:COMP9101 => MTU:DATA9001 min grade 50\n"
        "equivalence TUS:A + TUS:B => MTU:C since 2020-01-01 until 2025-12-31\n"
        "equivalence ATU:DATA9* where level >= 9 => MTU:D\n"
        "equivalence SETU:X <=> MTU:Y min grade 40.5\n");
    REQUIRE(p.errors == "");
    REQUIRE(p.file.declarations.size() == 4);
    const auto& one = std::get<ast::EquivalenceDecl>(p.file.declarations[0]);
    CHECK(one.sources.size() == 1);
    CHECK(one.target.text == "MTU:DATA9001");
    REQUIRE(one.options.size() == 1);
    CHECK(one.options[0].kind == "min grade");
    CHECK(one.options[0].value.text == "50");
    const auto& two = std::get<ast::EquivalenceDecl>(p.file.declarations[1]);
    CHECK(two.sources.size() == 2);
    CHECK(two.sources[1].text == "TUS:B");
    REQUIRE(two.options.size() == 2);
    CHECK(two.options[0].kind == "since");
    CHECK(two.options[1].value.text == "2025-12-31");
    const auto& pattern = std::get<ast::EquivalenceDecl>(p.file.declarations[2]);
    REQUIRE(pattern.pattern);
    CHECK(pattern.pattern->text == "ATU:DATA9");
    CHECK(pattern.filters.size() == 1);
    CHECK(pattern.sources.empty());
    const auto& both = std::get<ast::EquivalenceDecl>(p.file.declarations[3]);
    CHECK(both.two_way);
    CHECK(both.options[0].value.text == "40.5");
}

TEST_CASE("exclusive and defaults", "[parser]") {
    auto p = parse(
        "exclusive MTU:A, MTU:B, MTU:C\n"
        "defaults for class special-purpose level >= 7 {\n  limit rpl 50%\n  within 5 years\n  min grade 40\n"
        "  limit 10 credits from ATU:*\n}\n");
    REQUIRE(p.errors == "");
    const auto& ex = std::get<ast::ExclusiveDecl>(p.file.declarations[0]);
    CHECK(ex.units.size() == 3);
    const auto& d = std::get<ast::DefaultsDecl>(p.file.declarations[1]);
    CHECK(d.award_class.text == "special-purpose");
    REQUIRE(d.conditions.size() == 1);
    CHECK(d.conditions[0].field == "level");
    CHECK(d.conditions[0].op == ">=");
    CHECK(d.conditions[0].value.text == "7");
    REQUIRE(d.constraints.size() == 4);
    CHECK(d.constraints[0].kind == ast::Constraint::Kind::limit_rpl_percent);
    CHECK(d.constraints[0].amount.text == "50");
    CHECK(d.constraints[1].kind == ast::Constraint::Kind::within);
    CHECK(d.constraints[1].period == "year");
    CHECK(d.constraints[2].kind == ast::Constraint::Kind::min_grade);
    CHECK(d.constraints[3].kind == ast::Constraint::Kind::limit_from);
    CHECK(d.constraints[3].selector.items[0].text == "ATU:");
}

TEST_CASE("Credo's RPL extensions parse", "[parser]") {
    auto first_line = [](const std::string& errors) { return errors.substr(0, errors.find('\n')); };
    auto p = parse(
        "defaults for class minor level >= 6 and level <= 9 and credits > 10 {\n  limit rpl 50% of taught\n"
        "  limit rpl 30 credits from stage4 where basis experiential\n  within 5 years for rpl\n}\n");
    REQUIRE(p.errors == "");
    const auto& d = std::get<ast::DefaultsDecl>(p.file.declarations[0]);
    REQUIRE(d.conditions.size() == 3);
    CHECK(d.conditions[1].op == "<=");
    CHECK(d.conditions[2].field == "credits");
    CHECK(d.conditions[2].value.text == "10");
    REQUIRE(d.constraints.size() == 3);
    CHECK(d.constraints[0].kind == ast::Constraint::Kind::limit_rpl_percent);
    CHECK(d.constraints[0].of_taught);
    CHECK(d.constraints[1].kind == ast::Constraint::Kind::limit_rpl_from);
    CHECK(d.constraints[1].amount.text == "30");
    CHECK(d.constraints[1].selector.items[0].text == "stage4");
    CHECK(d.constraints[1].selector.filters.size() == 1);
    CHECK(d.constraints[2].kind == ast::Constraint::Kind::within);
    CHECK(d.constraints[2].rpl_only);

    CHECK(first_line(parse("award MTU:X \"X\" class major level 9 credits 5 {\n  limit rpl 50% of credits\n}\n").errors) ==
          "t.credo:2:20: error: expected 'taught', got 'credits'");
    CHECK(first_line(parse("award MTU:X \"X\" class major level 9 credits 5 {\n  within 5 years for earned\n}\n").errors) ==
          "t.credo:2:22: error: expected 'rpl', got 'earned'");
    CHECK(first_line(parse("defaults for class minor level >= 6 credits > 10 {\n}\n").errors) ==
          "t.credo:1:37: error: expected '{' (or a condition: level CMP INT, credits CMP NUMBER), got 'credits'");
}

TEST_CASE("award with every statement", "[parser]") {
    auto p = parse(
        "award MTU:MSC \"MSc\" class major level 9 credits 90 {\n"
        "  entry { require \"degree\" 60 credits from any where level >= 8\n limit 30 credits from ATU:* }\n"
        "  require \"cert\" award MTU:CERT\n"
        "  require \"core\" all MTU:A, MTU:B min grade 50\n"
        "  require 2 of electives shared\n"
        "  require \"profile\" 50 credits from any where level >= 9 shared min grade 40\n"
        "  limit 20 credits from ATU:*\n"
        "  limit rpl 45 credits\n"
        "  within 18 months\n"
        "  min grade 40\n"
        "}\n");
    const auto& a = only<ast::AwardDecl>(p);
    CHECK(a.award_class.text == "major");
    CHECK(a.credits.text == "90");
    REQUIRE(a.statements.size() == 9);
    const auto& entry = std::get<ast::EntryBlock>(a.statements[0]);
    REQUIRE(entry.statements.size() == 2);
    CHECK(std::get<ast::Requirement>(entry.statements[0]).label->text == "degree");
    CHECK(std::get<ast::Constraint>(entry.statements[1]).kind == ast::Constraint::Kind::limit_from);
    const auto& cert = std::get<ast::Requirement>(a.statements[1]);
    CHECK(cert.kind == ast::Requirement::Kind::award);
    CHECK(cert.award.text == "MTU:CERT");
    const auto& core = std::get<ast::Requirement>(a.statements[2]);
    CHECK(core.kind == ast::Requirement::Kind::all);
    CHECK(core.all.size() == 2);
    REQUIRE(core.min_grade);
    CHECK(core.min_grade->text == "50");
    CHECK_FALSE(core.shared);
    const auto& two = std::get<ast::Requirement>(a.statements[3]);
    CHECK(two.kind == ast::Requirement::Kind::count_of);
    CHECK(two.amount.text == "2");
    CHECK(two.shared);
    CHECK_FALSE(two.label);
    CHECK(two.text == "require 2 of electives shared");
    const auto& profile = std::get<ast::Requirement>(a.statements[4]);
    CHECK(profile.kind == ast::Requirement::Kind::credits_from);
    CHECK(profile.shared);
    CHECK(profile.min_grade->text == "40");
    CHECK(std::get<ast::Constraint>(a.statements[5]).kind == ast::Constraint::Kind::limit_from);
    CHECK(std::get<ast::Constraint>(a.statements[6]).kind == ast::Constraint::Kind::limit_rpl_credits);
    const auto& within = std::get<ast::Constraint>(a.statements[7]);
    CHECK(within.period == "month");
    CHECK(within.amount.text == "18");
    CHECK(std::get<ast::Constraint>(a.statements[8]).kind == ast::Constraint::Kind::min_grade);
}

TEST_CASE("a min grade on its own line belongs to the award, not the requirement above", "[parser]") {
    auto parsed = parse(
        "award MTU:X \"X\" class minor level 9 credits 10 {\n  require all MTU:A\n  min grade 40\n}\n");
    const auto& a = only<ast::AwardDecl>(parsed);
    REQUIRE(a.statements.size() == 2);
    CHECK_FALSE(std::get<ast::Requirement>(a.statements[0]).min_grade);
    CHECK(std::get<ast::Constraint>(a.statements[1]).kind == ast::Constraint::Kind::min_grade);
}

TEST_CASE("unlabelled requirement text collapses white space and drops comments", "[parser]") {
    auto parsed = parse(
        "award MTU:X \"X\" class minor level 9 credits 10 {\n  require   10 credits # note\n   from  MTU:A,\n MTU:B\n}\n");
    const auto& a = only<ast::AwardDecl>(parsed);
    CHECK(std::get<ast::Requirement>(a.statements[0]).text == "require 10 credits from MTU:A, MTU:B");
}

TEST_CASE("the LANGUAGE.md example parses", "[parser]") {
    auto p = parse(credo::test::read_text(std::string(CREDO_TEST_DATA) + "/check/language_example.credo"));
    CHECK(p.errors == "");
    CHECK(p.file.declarations.size() == 15);
}

TEST_CASE("comments are collected with their kind", "[parser]") {
    auto p = parse("# header\nunit MTU:A \"A # not a comment\" credits 5 level 9 # trailing\n");
    REQUIRE(p.file.comments.size() == 2);
    CHECK(p.file.comments[0].text == "# header");
    CHECK(p.file.comments[0].own_line);
    CHECK(p.file.comments[1].text == "# trailing");
    CHECK_FALSE(p.file.comments[1].own_line);
    CHECK(p.file.comments[1].loc.column == 50);
}

TEST_CASE("malformed declarations give exact diagnostics", "[parser][errors]") {
    SECTION("missing keyword") {
        CHECK(parse("unit MTU:A \"A\" 5 level 9\n").errors ==
              "t.credo:1:16: error: expected 'credits', got '5'\n"
              "unit MTU:A \"A\" 5 level 9\n"
              "               ^\n");
    }
    SECTION("impossible date") {
        CHECK(parse("ruleset \"r\" version \"1\" effective 2026-02-30\n").errors ==
              "t.credo:1:35: error: invalid date 2026-02-30: 2026-02 has 28 days\n"
              "ruleset \"r\" version \"1\" effective 2026-02-30\n"
              "                                  ^\n");
    }
    SECTION("month out of range") {
        CHECK(parse("equivalence A:B => C:D since 2026-13-01\n").errors ==
              "t.credo:1:30: error: invalid date 2026-13-01: month 13 does not exist\n"
              "equivalence A:B => C:D since 2026-13-01\n"
              "                             ^\n");
    }
    SECTION("unterminated string") {
        CHECK(parse("institution MTU \"Munster\ninstitution TUS \"Shannon\"\n").errors ==
              "t.credo:1:17: error: unterminated string: add a closing '\"' on the same line\n"
              "institution MTU \"Munster\n"
              "                ^\n");
    }
    SECTION("unknown keyword with a suggestion") {
        CHECK(parse("institutoin MTU \"M\"\n").errors ==
              "t.credo:1:1: error: unknown declaration 'institutoin'; did you mean 'institution'?\n"
              "institutoin MTU \"M\"\n"
              "^\n");
    }
    SECTION("stray token") {
        CHECK(parse("institution MTU \"M\" ;\n").errors ==
              "t.credo:1:21: error: expected a declaration (ruleset, include, institution, unit, pool, "
              "equivalence, exclusive, defaults or award), got ';'\n"
              "institution MTU \"M\" ;\n"
              "                    ^\n");
    }
    SECTION("percent of zero and over 100") {
        auto p = parse("defaults for class major {\n  limit rpl 0%\n}\ndefaults for class minor {\n  limit rpl 100.5%\n}\n");
        CHECK(p.errors ==
              "t.credo:2:13: error: percent 0% is out of range: it must be greater than 0 and at most 100\n"
              "  limit rpl 0%\n"
              "            ^\n"
              "t.credo:5:13: error: percent 100.5% is out of range: it must be greater than 0 and at most 100\n"
              "  limit rpl 100.5%\n"
              "            ^\n");
    }
    SECTION("three decimals") {
        CHECK(parse("unit MTU:A \"A\" credits 2.125 level 9\n").errors ==
              "t.credo:1:24: error: number 2.125 has more than two decimals\n"
              "unit MTU:A \"A\" credits 2.125 level 9\n"
              "                       ^\n");
    }
    SECTION("lower-case institution in an id") {
        CHECK(parse("unit mtu:A \"A\" credits 5 level 9\n").errors ==
              "t.credo:1:6: error: expected qualified id (INST:CODE), got 'mtu:A'\n"
              "unit mtu:A \"A\" credits 5 level 9\n"
              "     ^\n");
    }
    SECTION("misspelt statement inside an award") {
        CHECK(parse("award MTU:X \"X\" class major level 9 credits 5 {\n  requires all MTU:A\n}\n").errors ==
              "t.credo:2:3: error: expected a statement (require, limit, within, min grade, entry) or '}', got "
              "'requires'; did you mean 'require'?\n"
              "  requires all MTU:A\n"
              "  ^\n");
    }
    SECTION("bad award class") {
        CHECK(parse("award MTU:X \"X\" class special level 9 credits 5 {\n}\n").errors ==
              "t.credo:1:23: error: expected award class (major, minor, special-purpose or supplemental), got "
              "'special'\n"
              "award MTU:X \"X\" class special level 9 credits 5 {\n"
              "                      ^\n");
    }
    SECTION("bad requirement form") {
        CHECK(parse("award MTU:X \"X\" class major level 9 credits 5 {\n  require \"a\" some MTU:A\n}\n").errors ==
              "t.credo:2:15: error: expected 'all', 'award', 'N of' or 'N credits from', got 'some'\n"
              "  require \"a\" some MTU:A\n"
              "              ^\n");
    }
    SECTION("unclosed block at end of file") {
        CHECK(parse("award MTU:X \"X\" class major level 9 credits 5 {\n  require all MTU:A\n").errors ==
              "t.credo:3:1: error: expected a statement (require, limit, within, min grade, entry) or '}', got "
              "end of file\n"
              "\n"
              "^\n");
    }
    SECTION("keyword used as a pool name") {
        CHECK(parse("pool any = MTU:A\n").errors ==
              "t.credo:1:6: error: expected name, got 'any'\n"
              "pool any = MTU:A\n"
              "     ^\n");
    }
    SECTION("two-way arrow missing") {
        CHECK(parse("equivalence MTU:A = MTU:B\n").errors ==
              "t.credo:1:19: error: expected '=>' or '<=>', got '='\n"
              "equivalence MTU:A = MTU:B\n"
              "                  ^\n");
    }
}

TEST_CASE("each declaration has its malformed variants reported", "[parser][errors]") {
    auto first_line = [](const std::string& errors) { return errors.substr(0, errors.find('\n')); };
    CHECK(first_line(parse("include catalogue.credo\n").errors) ==
          "t.credo:1:9: error: expected string, got 'catalogue.credo'");
    CHECK(first_line(parse("ruleset \"r\" \"1\"\n").errors) == "t.credo:1:13: error: expected 'version', got '\"1\"'");
    CHECK(first_line(parse("institution \"Munster\"\n").errors) ==
          "t.credo:1:13: error: expected institution code, got '\"Munster\"'");
    CHECK(first_line(parse("pool p MTU:A\n").errors) == "t.credo:1:8: error: expected '=', got 'MTU:A'");
    CHECK(first_line(parse("pool p = MTU:A where level 9\n").errors) ==
          "t.credo:1:28: error: expected comparison (>=, <=, >, <, =), got '9'");
    CHECK(first_line(parse("exclusive MTU:A\n").errors) == "t.credo:2:1: error: expected ',', got end of file");
    CHECK(first_line(parse("equivalence MTU:A => MTU:B since 2026-02-29\n").errors) ==
          "t.credo:1:34: error: invalid date 2026-02-29: 2026-02 has 28 days");
    CHECK(first_line(parse("defaults class major {\n}\n").errors) == "t.credo:1:10: error: expected 'for', got 'class'");
    CHECK(first_line(parse("defaults for class major {\n  require all MTU:A\n}\n").errors) ==
          "t.credo:2:3: error: expected a constraint (limit, within, min grade) or '}', got 'require'");
    CHECK(first_line(parse("unit MTU:A \"A\" credits 5 level 9 requires (MTU:B or\n").errors) ==
          "t.credo:2:1: error: expected prerequisite, got end of file");
    CHECK(first_line(parse("award MTU:X \"X\" class major level 9 credits 5 {\n  entry { within 5 years\n}\n").errors) ==
          "t.credo:4:1: error: expected a statement (require, limit, within, min grade, entry) or '}', got end of file");
    CHECK(first_line(parse("award MTU:X \"X\" class major level 9 credits 5 {\n  limit rpl 50\n}\n").errors) ==
          "t.credo:3:1: error: expected 'credits', got '}'");
}

TEST_CASE("after a syntax error parsing resumes at the next declaration", "[parser][errors]") {
    auto p = parse(
        "unit MTU:A \"A\" credits level 9\n"
        "unit MTU:B \"B\" credits 5 level 9\n"
        "award MTU:X \"X\" class major level 9 credits 5 {\n  require all MTU:A,\n}\n"
        "unit MTU:C \"C\" credits 5 level 9\n");
    CHECK(p.file.declarations.size() == 2);
    CHECK(p.errors ==
          "t.credo:1:24: error: expected number, got 'level'\n"
          "unit MTU:A \"A\" credits level 9\n"
          "                       ^\n"
          "t.credo:5:1: error: expected selector item (id, pattern, pool name or any), got '}'\n"
          "}\n"
          "^\n");
}
