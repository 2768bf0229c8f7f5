// Tests of the compiler: the exact compiled model of the LANGUAGE.md example, selectors, defaults,
// equivalences, declarations spread over included files, and the ruleset withheld on errors.
#include <map>

#include <catch2/catch.hpp>

#include "engine/compile.hpp"
#include "tests/support.hpp"

namespace engine = credo::engine;
using credo::Centi;

namespace {

/// The units a bitset holds, as ids.
std::vector<std::string> ids_of(const engine::Ruleset& rs, const engine::Bitset& units) {
    std::vector<std::string> out;
    units.for_each([&](std::size_t u) { out.push_back(rs.units[u].id); });
    return out;
}

/// Every diagnostic rendered as `line:column: severity: message`.
std::vector<std::string> messages(const engine::CompileResult& result) {
    std::vector<std::string> out;
    for (const auto& d : result.diagnostics.list())
        out.push_back(std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + ": " +
                      credo::dsl::severity_name(d.severity) + ": " + d.message);
    return out;
}

/// Compiles `files` held in memory; the first is the entry file.
engine::CompileResult compile_files(const std::map<std::string, std::string>& files, const std::string& entry) {
    auto reader = [&files](const std::string& path, std::string& text, std::string& error) {
        auto it = files.find(path);
        if (it == files.end()) {
            error = "no such file";
            return false;
        }
        text = it->second;
        return true;
    };
    return engine::compile(credo::dsl::load_program_text(files.at(entry), entry, reader));
}

}  // namespace

TEST_CASE("the LANGUAGE.md example compiles to the exact model", "[compile]") {
    const std::string path = std::string(CREDO_TEST_DATA) + "/check/language_example.credo";
    engine::CompileResult result = engine::compile_file(path);
    REQUIRE(result.diagnostics.list().empty());
    REQUIRE(result.ruleset);
    const engine::Ruleset& rs = *result.ruleset;

    SECTION("header and digest") {
        CHECK(rs.name == "MTU Data Analytics stack");
        CHECK(rs.version == "2026.1");
        REQUIRE(rs.effective);
        CHECK(credo::format_date(*rs.effective) == "2026-09-01");
        CHECK(rs.digest == "sha256:ec3b725c367b475e6008425f84bb6edaf7b27cc27feb248419069ac9be628c24");
        CHECK(rs.files == std::vector<std::string>{path});
    }

    SECTION("institutions and units") {
        REQUIRE(rs.institutions.size() == 2);
        CHECK(rs.institutions[0].code == "MTU");
        CHECK(rs.institutions[1].title == "Technological University of the Shannon");
        CHECK(rs.institution_index.at("TUS") == 1);
        REQUIRE(rs.units.size() == 7);
        std::vector<std::string> ids;
        std::vector<Centi> credits;
        for (const auto& u : rs.units) {
            ids.push_back(u.id);
            credits.push_back(u.credits);
            CHECK(u.level == 9);
        }
        CHECK(ids == std::vector<std::string>{"MTU:DATA9001", "MTU:DATA9002", "MTU:DATA9003", "MTU:DATA9004",
                                              "MTU:DATA9005", "MTU:DATA9090", "TUS:COMP9101"});
        CHECK(credits == std::vector<Centi>{500, 500, 500, 1000, 500, 3000, 500});
        CHECK(rs.find_unit("MTU:DATA9090") == 5);
        CHECK(rs.find_unit("MTU:CERT-DA") == engine::kNone);
        CHECK(rs.units[6].institution == 1);
        CHECK(rs.units[0].institution == 0);
        CHECK(rs.units[0].where.line == 6);
        CHECK_FALSE(rs.units[0].prereq);
        CHECK(rs.units[5].rpl_never);
        CHECK_FALSE(rs.units[4].rpl_never);

        REQUIRE(rs.units[1].prereq);
        CHECK(rs.units[1].prereq->op == engine::Prereq::Op::unit);
        CHECK(rs.units[1].prereq->unit == 0);
        REQUIRE(rs.units[5].prereq);
        const engine::Prereq& capstone = *rs.units[5].prereq;
        CHECK(capstone.op == engine::Prereq::Op::all_of);
        REQUIRE(capstone.terms.size() == 2);
        CHECK(capstone.terms[0].unit == 1);
        CHECK(capstone.terms[1].unit == 3);
    }

    SECTION("the certificate, with its class defaults") {
        engine::AwardIndex a = rs.find_award("MTU:CERT-DA");
        REQUIRE(a == 0);
        const engine::Award& cert = rs.awards[a];
        CHECK(cert.title == "Certificate in Data Analytics");
        CHECK(cert.award_class == engine::AwardClass::special_purpose);
        CHECK(cert.level == 9);
        CHECK(cert.credits == 2000);
        CHECK(cert.institution == 0);
        CHECK(cert.where.line == 23);
        REQUIRE(cert.requirements.size() == 2);

        const engine::Requirement& core = cert.requirements[0];
        CHECK(core.kind == engine::Requirement::Kind::all);
        CHECK(core.name == "core");
        CHECK(core.labelled);
        CHECK(core.description == "all MTU:DATA9001, MTU:DATA9002");
        CHECK(core.units == std::vector<engine::UnitIndex>{0, 1});
        CHECK_FALSE(core.shared);
        CHECK_FALSE(core.min_grade);
        CHECK(core.where.line == 24);

        const engine::Requirement& electives = cert.requirements[1];
        CHECK(electives.kind == engine::Requirement::Kind::credits_from);
        CHECK(electives.name == "electives");
        CHECK(electives.description == "10 credits from da_electives");
        CHECK(electives.credits == 1000);
        CHECK(electives.selector.text == "da_electives");
        CHECK(ids_of(rs, electives.selector.units) ==
              std::vector<std::string>{"MTU:DATA9003", "MTU:DATA9004", "MTU:DATA9005"});
        CHECK_FALSE(electives.selector.any);
        CHECK(electives.selector.patterns.empty());
        CHECK(electives.selector.filters.empty());
        CHECK(electives.selector.parts.empty());
        CHECK(electives.where.line == 25);

        // From `defaults for class special-purpose` (line 18).
        REQUIRE(cert.rpl_limit);
        CHECK(cert.rpl_limit->percent);
        CHECK(cert.rpl_limit->value == 5000);
        CHECK(cert.rpl_limit->where.line == 18);
        REQUIRE(cert.within);
        CHECK(cert.within->years == 5);
        CHECK(cert.within->months == 0);
        CHECK(cert.within->where.line == 18);
        CHECK_FALSE(cert.min_grade);
        CHECK(cert.limits.empty());
        CHECK_FALSE(cert.entry);
    }

    SECTION("the MSc, with its entry block and stacking") {
        engine::AwardIndex a = rs.find_award("MTU:MSC-DA");
        REQUIRE(a == 1);
        const engine::Award& msc = rs.awards[a];
        CHECK(msc.award_class == engine::AwardClass::major);
        CHECK(msc.credits == 6000);
        REQUIRE(msc.rpl_limit);
        CHECK(msc.rpl_limit->percent);
        CHECK(msc.rpl_limit->value == 5000);
        CHECK(msc.rpl_limit->where.line == 34);
        CHECK_FALSE(msc.within);  // the defaults are for special-purpose awards only

        REQUIRE(msc.entry);
        CHECK(msc.entry->where.line == 29);
        CHECK(msc.entry->limits.empty());
        REQUIRE(msc.entry->requirements.size() == 1);
        const engine::Requirement& prior = msc.entry->requirements[0];
        CHECK(prior.name == "prior degree");
        CHECK(prior.kind == engine::Requirement::Kind::credits_from);
        CHECK(prior.credits == 6000);
        CHECK(prior.description == "60 credits from any where level >= 8");
        CHECK(prior.selector.any);
        CHECK(prior.selector.units.count() == 7);
        REQUIRE(prior.selector.filters.size() == 1);
        CHECK(prior.selector.filters[0].field == engine::Filter::Field::level);
        CHECK(prior.selector.filters[0].cmp == engine::Cmp::ge);
        CHECK(prior.selector.filters[0].value == 8);
        CHECK(prior.selector.basis.empty());

        REQUIRE(msc.requirements.size() == 4);
        std::vector<std::string> names, descriptions;
        for (const auto& r : msc.requirements) {
            names.push_back(r.name);
            descriptions.push_back(r.description);
        }
        CHECK(names == std::vector<std::string>{"certificate", "capstone", "more electives", "level 9 profile"});
        CHECK(descriptions == std::vector<std::string>{"award MTU:CERT-DA", "all MTU:DATA9090",
                                                       "10 credits from da_electives",
                                                       "50 credits from any where level >= 9 shared"});
        CHECK(msc.requirements[0].kind == engine::Requirement::Kind::award);
        CHECK(msc.requirements[0].award == 0);
        CHECK(msc.requirements[1].units == std::vector<engine::UnitIndex>{5});
        const engine::Requirement& profile = msc.requirements[3];
        CHECK(profile.shared);
        CHECK(profile.credits == 5000);
        CHECK(profile.selector.any);
        CHECK(profile.selector.units.count() == 7);
        CHECK(profile.selector.text == "any where level >= 9");
        CHECK(profile.where.line == 33);
    }

    SECTION("the equivalence") {
        REQUIRE(rs.equivalences.size() == 1);
        const engine::Equivalence& e = rs.equivalences[0];
        CHECK(e.sources == std::vector<std::string>{"TUS:COMP9101"});
        CHECK_FALSE(e.pattern);
        CHECK(e.filters.empty());
        CHECK(e.target == 0);
        REQUIRE(e.min_grade);
        CHECK(*e.min_grade == 5000);
        CHECK_FALSE(e.since);
        CHECK_FALSE(e.until);
        CHECK(e.where.line == 16);
        CHECK(rs.exclusives.empty());
    }
}

TEST_CASE("selectors compile to bitsets over the catalogue", "[compile]") {
    engine::CompileResult result = engine::compile_text(R"(ruleset "s" version "1"
institution MTU "M"
institution ATU "A"
unit MTU:DATA9001 "a" credits 5 level 9
unit MTU:DATA8001 "b" credits 7.5 level 8
unit ATU:WEB801 "c" credits 10 level 8
unit MTU:OTHER "d" credits 5 level 9
pool data = MTU:DATA*
pool nine = data where level = 9
pool earned = ATU:* where basis earned
award MTU:X "x" class major level 9 credits 5 {
  require "p" 1 of MTU:DATA* where credits > 5
  require "q" 1 of nine, MTU:OTHER
  require "r" 1 of earned, MTU:OTHER where level >= 8 and institution ATU
  require "s" 2 of ATU:*, data
  require "t" 1 of earned
}
)",
                                                        "selectors.credo");
    INFO(Catch::Detail::stringify(messages(result)));
    REQUIRE(result.ruleset);
    const engine::Ruleset& rs = *result.ruleset;
    const auto& reqs = rs.awards.at(0).requirements;
    REQUIRE(reqs.size() == 5);

    const engine::Selector& p = reqs[0].selector;
    CHECK(ids_of(rs, p.units) == std::vector<std::string>{"MTU:DATA8001"});
    CHECK(p.patterns == std::vector<std::string>{"MTU:DATA"});
    REQUIRE(p.filters.size() == 1);
    CHECK(p.filters[0].field == engine::Filter::Field::credits);
    CHECK(p.filters[0].cmp == engine::Cmp::gt);
    CHECK(p.filters[0].value == 500);
    CHECK(p.text == "MTU:DATA* where credits > 5");

    // A pool's static filter over an open pattern: kept as one filtered selector.
    const engine::Selector& q = reqs[1].selector;
    CHECK(ids_of(rs, q.units) == std::vector<std::string>{"MTU:DATA9001", "MTU:OTHER"});
    CHECK(q.patterns == std::vector<std::string>{"MTU:DATA"});
    REQUIRE(q.parts.size() == 2);
    CHECK(ids_of(rs, q.parts[0].units) == std::vector<std::string>{"MTU:OTHER"});
    CHECK(q.parts[0].filters.empty());
    CHECK(ids_of(rs, q.parts[1].units) == std::vector<std::string>{"MTU:DATA9001"});
    REQUIRE(q.parts[1].filters.size() == 1);
    CHECK(q.parts[1].filters[0].value == 9);
    CHECK(q.text == "nine, MTU:OTHER");

    // The selector's own filters apply within each part.
    const engine::Selector& r = reqs[2].selector;
    CHECK(ids_of(rs, r.units) == std::vector<std::string>{"ATU:WEB801"});
    REQUIRE(r.parts.size() == 2);
    CHECK(r.parts[0].basis.empty());
    CHECK(r.parts[1].basis == std::vector<engine::Basis>{engine::Basis::earned});
    CHECK(r.parts[1].filters.size() == 3);
    CHECK(r.filters.size() == 2);
    CHECK(r.basis.empty());

    const engine::Selector& s = reqs[3].selector;
    CHECK(s.units.count() == 3);
    CHECK(s.patterns == std::vector<std::string>{"ATU:", "MTU:DATA"});
    CHECK(s.parts.empty());

    // A single pool with its own filters: its filters become the selector's.
    const engine::Selector& t = reqs[4].selector;
    CHECK(ids_of(rs, t.units) == std::vector<std::string>{"ATU:WEB801"});
    CHECK(t.basis == std::vector<engine::Basis>{engine::Basis::earned});
    CHECK(t.parts.empty());
    CHECK(t.text == "earned");
}

TEST_CASE("defaults apply by class and level unless the award states the kind", "[compile]") {
    engine::CompileResult result = engine::compile_text(R"(ruleset "d" version "1"
institution MTU "M"
unit MTU:A "a" credits 5 level 9
pool p = MTU:A
defaults for class minor level >= 9 {
  limit rpl 10 credits
  within 18 months
  min grade 40
  limit 5 credits from p
}
award MTU:NINE "n" class minor level 9 credits 5 {
  require all MTU:A
  within 2 years
  limit 2.5 credits from p
}
award MTU:EIGHT "e" class minor level 8 credits 5 {
  require all MTU:A
}
)",
                                                        "defaults.credo");
    INFO(Catch::Detail::stringify(messages(result)));
    REQUIRE(result.ruleset);
    const engine::Award& nine = result.ruleset->awards.at(0);
    REQUIRE(nine.rpl_limit);
    CHECK_FALSE(nine.rpl_limit->percent);
    CHECK(nine.rpl_limit->value == 1000);
    CHECK(nine.rpl_limit->where.line == 5);
    REQUIRE(nine.within);
    CHECK(nine.within->years == 2);
    CHECK(nine.within->where.line == 13);
    REQUIRE(nine.min_grade);
    CHECK(nine.min_grade->grade == 4000);
    REQUIRE(nine.limits.size() == 1);  // its own limit on `p` replaces the default's
    CHECK(nine.limits[0].credits == 250);

    const engine::Award& eight = result.ruleset->awards.at(1);
    CHECK_FALSE(eight.rpl_limit);
    CHECK_FALSE(eight.within);
    CHECK_FALSE(eight.min_grade);
    CHECK(eight.limits.empty());
}

TEST_CASE("two-way and pattern equivalences", "[compile]") {
    engine::CompileResult result = engine::compile_text(R"(ruleset "e" version "1"
institution MTU "M"
institution TUS "T"
unit MTU:A "a" credits 5 level 9
unit TUS:B "b" credits 5 level 9
award MTU:X "x" class major level 9 credits 5 {
  require 1 of MTU:A, TUS:B
}
equivalence MTU:A <=> TUS:B min grade 40.5 since 2020-01-01 until 2030-12-31
equivalence ATU:* where level >= 8 => MTU:A
equivalence TUS:C + TUS:D => MTU:A
)",
                                                        "equivalences.credo");
    INFO(Catch::Detail::stringify(messages(result)));
    REQUIRE(result.ruleset);
    const auto& eq = result.ruleset->equivalences;
    REQUIRE(eq.size() == 4);
    CHECK(eq[0].sources == std::vector<std::string>{"MTU:A"});
    CHECK(eq[0].target == 1);
    CHECK(eq[1].sources == std::vector<std::string>{"TUS:B"});
    CHECK(eq[1].target == 0);
    for (int i = 0; i < 2; ++i) {
        CHECK(eq[i].min_grade == std::optional<Centi>(4050));
        CHECK(eq[i].since == credo::parse_date("2020-01-01"));
        CHECK(eq[i].until == credo::parse_date("2030-12-31"));
        CHECK(eq[i].where.line == 9);
    }
    CHECK(eq[2].sources.empty());
    CHECK(eq[2].pattern == std::optional<std::string>("ATU:"));
    REQUIRE(eq[2].filters.size() == 1);
    CHECK(eq[2].filters[0].value == 8);
    CHECK(eq[2].target == 0);
    CHECK(eq[3].sources == std::vector<std::string>{"TUS:C", "TUS:D"});
}

TEST_CASE("declarations may come in any order and from included files", "[compile]") {
    engine::CompileResult result = compile_files(
        {{"main.credo", "ruleset \"m\" version \"1\"\n"
                        "award MTU:X \"x\" class major level 9 credits 10 {\n"
                        "  require all MTU:A, MTU:B\n"
                        "}\n"
                        "include \"lib/units.credo\"\n"
                        "institution MTU \"M\"\n"},
         {"lib/units.credo", "unit MTU:B \"b\" credits 5 level 9 requires MTU:A\n"
                             "unit MTU:A \"a\" credits 5 level 9\n"}},
        "main.credo");
    INFO(Catch::Detail::stringify(messages(result)));
    REQUIRE(result.ruleset);
    const engine::Ruleset& rs = *result.ruleset;
    CHECK(rs.files == std::vector<std::string>{"main.credo", "lib/units.credo"});
    REQUIRE(rs.units.size() == 2);
    CHECK(rs.units[0].id == "MTU:B");
    CHECK(rs.units[0].where.file == 1);
    CHECK(rs.units[0].where.line == 1);
    CHECK(rs.units[0].prereq->unit == 1);
    CHECK(rs.awards.at(0).requirements.at(0).units == std::vector<engine::UnitIndex>{1, 0});
}

TEST_CASE("a ruleset with errors is withheld; warnings alone are not errors", "[compile]") {
    engine::CompileResult bad = engine::compile_text(R"(ruleset "b" version "1"
institution MTU "M"
unit MTU:A "a" credits 5 level 9
award MTU:X "x" class major level 9 credits 5 {
  require all MTU:AA
}
)",
                                                     "bad.credo");
    CHECK_FALSE(bad.ruleset);
    // MTU:A is unused, but it is the suggested fix, so it is not also reported as unused.
    CHECK(messages(bad) == std::vector<std::string>{"5:15: error: unknown unit MTU:AA; did you mean MTU:A?"});

    engine::CompileResult warned = engine::compile_text(R"(ruleset "w" version "1"
institution MTU "M"
unit MTU:A "a" credits 5 level 9
unit MTU:B "b" credits 5 level 9
award MTU:X "x" class major level 9 credits 5 {
  require all MTU:A
}
)",
                                                        "warned.credo");
    REQUIRE(warned.ruleset);
    CHECK(messages(warned) ==
          std::vector<std::string>{"4:6: warning: unit MTU:B is not used by any award, prerequisite or equivalence"});
}

TEST_CASE("defaults conditions select awards by level and credits", "[compile]") {
    engine::CompileResult result = engine::compile_text(R"(ruleset "c" version "1"
institution MTU "M"
unit MTU:A "a" credits 5 level 9
unit MTU:B "b" credits 10 level 9
defaults for class minor level >= 6 and level <= 9 and credits > 10 {
  limit rpl 50%
}
award MTU:TEN "ten" class minor level 9 credits 10 {
  require all MTU:B
}
award MTU:FIFTEEN "fifteen" class minor level 9 credits 15 {
  require all MTU:A, MTU:B
}
award MTU:TENTH "level ten" class minor level 10 credits 15 {
  require all MTU:A, MTU:B
}
)",
                                                        "conditions.credo");
    INFO(Catch::Detail::stringify(messages(result)));
    REQUIRE(result.ruleset);
    CHECK_FALSE(result.ruleset->awards.at(0).rpl_limit);  // 10 credits: not over 10
    REQUIRE(result.ruleset->awards.at(1).rpl_limit);
    CHECK(result.ruleset->awards.at(1).rpl_limit->scaled_cap() == 750 * 10000);  // 50% of 15
    CHECK_FALSE(result.ruleset->awards.at(2).rpl_limit);  // level 10

    engine::CompileResult bad = engine::compile_text(R"(ruleset "c" version "1"
institution MTU "M"
defaults for class minor institution MTU { within 5 years }
)",
                                                     "bad.credo");
    CHECK(messages(bad) == std::vector<std::string>{
                               "3:26: error: a defaults block selects awards by `level` and `credits` only, not by "
                               "institution"});
}

TEST_CASE("limit rpl of taught takes the percent of the credits outside rpl-never units", "[compile]") {
    const std::string head = R"(ruleset "t" version "1"
institution MTU "M"
unit MTU:M1 "m1" credits 30 level 9
unit MTU:M2 "m2" credits 30 level 9
unit MTU:DISS "dissertation" credits 30 level 9 rpl never
award MTU:PGDIP "diploma" class minor level 9 credits 60 {
  require all MTU:M1, MTU:M2
}
)";
    engine::CompileResult result = engine::compile_text(head + R"(defaults for class major level >= 9 {
  limit rpl 50% of taught
}
award MTU:MSC "master's" class major level 9 credits 90 {
  require "diploma" award MTU:PGDIP
  require "dissertation" all MTU:DISS
}
award MTU:MA "taught only" class major level 9 credits 60 {
  require all MTU:M1, MTU:M2
}
)",
                                                        "taught.credo");
    REQUIRE(result.ruleset);
    const engine::RplLimit& msc = *result.ruleset->awards.at(1).rpl_limit;
    CHECK(msc.of_taught);
    CHECK(msc.base == 6000);  // 90 less the 30-credit dissertation
    CHECK(msc.scaled_cap() == 3000 * 10000);
    CHECK(result.ruleset->awards.at(2).rpl_limit->base == 6000);  // no rpl-never unit: all 60
    CHECK(messages(result) ==
          std::vector<std::string>{"16:7: warning: award MTU:MA: `limit rpl 50% of taught` (taught.credo:9) takes 50% "
                                   "of all 60 credits: no `all` requirement in it names an `rpl never` unit"});

    engine::CompileResult none = engine::compile_text(head + R"(award MTU:RES "research" class major level 9 credits 30 {
  require all MTU:DISS
  limit rpl 50% of taught
}
)",
                                                      "research.credo");
    CHECK_FALSE(none.ruleset);
    CHECK(messages(none) == std::vector<std::string>{
                                "9:7: error: award MTU:RES has no taught credits: its `rpl never` units make up all 30 "
                                "credits, so `limit rpl ... of taught` cannot apply"});
}

TEST_CASE("limit rpl from a selector and within for rpl compile as their own kinds", "[compile]") {
    engine::CompileResult result = engine::compile_text(R"(ruleset "s" version "1"
institution MTU "M"
unit MTU:A "a" credits 5 level 8
unit MTU:B "b" credits 5 level 8
pool one = MTU:A
pool two = MTU:B
defaults for class major { limit rpl 50% }
award MTU:X "x" class major level 8 credits 10 {
  require all MTU:A, MTU:B
  limit rpl 5 credits from one
  limit rpl 2.5 credits from two
  limit 5 credits from one
  within 5 years for rpl
}
)",
                                                        "stages.credo");
    INFO(Catch::Detail::stringify(messages(result)));
    REQUIRE(result.ruleset);
    const engine::Award& x = result.ruleset->awards.at(0);
    REQUIRE(x.limits.size() == 3);
    CHECK(x.limits[0].rpl);
    CHECK(x.limits[0].credits == 500);
    CHECK(x.limits[1].rpl);
    CHECK(x.limits[1].selector.text == "two");
    CHECK_FALSE(x.limits[2].rpl);
    REQUIRE(x.rpl_limit);  // a stage cap does not stop the class default
    CHECK(x.rpl_limit->scaled_cap() == 500 * 10000);
    REQUIRE(x.within);
    CHECK(x.within->rpl_only);

    engine::CompileResult repeated = engine::compile_text(R"(ruleset "s" version "1"
institution MTU "M"
unit MTU:A "a" credits 5 level 8
award MTU:X "x" class major level 8 credits 5 {
  require all MTU:A
  within 5 years for rpl
  within 3 years
  entry { limit rpl 5 credits from MTU:A }
}
)",
                                                          "repeated.credo");
    CHECK(messages(repeated) ==
          std::vector<std::string>{"7:3: error: repeated `within` in award MTU:X",
                                   "8:11: error: `limit rpl ... from MTU:A` is not allowed in an entry block (only "
                                   "`require` and `limit N credits from`)"});
}

TEST_CASE("entry blocks alike across awards point to the first of them", "[compile]") {
    engine::CompileResult compiled = engine::compile_text(R"(ruleset "s" version "1"
institution MTU "M"
institution TUS "T"
unit MTU:A "a" credits 5 level 8
unit MTU:B "b" credits 5 level 8
pool levels = any where level >= 8
award MTU:P "p" class major level 8 credits 5 {
  require all MTU:A
  entry { require "prior" 30 credits from any where level >= 8
          limit 10 credits from MTU:* }
}
award MTU:Q "q" class major level 8 credits 5 {
  require all MTU:A
  entry { require "previous" 30 credits from levels
          limit 10 credits from MTU:* }
}
award MTU:R "r" class major level 8 credits 5 {
  require all MTU:A
  entry { require "prior" 30 credits from any where level >= 8 }
}
award TUS:S "s" class major level 8 credits 5 {
  require all MTU:A
  entry { require "prior" 30 credits from any where level >= 8
          limit 10 credits from MTU:* }
}
award MTU:T "t" class major level 8 credits 5 {
  require all MTU:A
  entry { require "prior" 30 credits from any where level >= 9
          limit 10 credits from MTU:* }
}
award MTU:U "u" class major level 8 credits 5 {
  require all MTU:B
}
award MTU:V "v" class major level 8 credits 5 {
  require all MTU:A
  entry { require "held" award MTU:U }
}
award MTU:W "w" class major level 8 credits 5 {
  require all MTU:A
  entry { require "held" award MTU:U }
}
)",
                                                          "entries.credo");
    REQUIRE(compiled.ruleset);
    const engine::Ruleset& rs = *compiled.ruleset;
    std::vector<std::string> got;
    for (const engine::Award& award : rs.awards)
        got.push_back(award.id + " -> " + (award.entry_like == engine::kNone ? "none" : rs.awards[award.entry_like].id));
    // Q's pool matches what P's selector does, under another label; R lacks the limit; S is of
    // another institution; T asks another level; a block that nests an award is never shared.
    CHECK(got == std::vector<std::string>{"MTU:P -> MTU:P", "MTU:Q -> MTU:P", "MTU:R -> MTU:R", "TUS:S -> TUS:S",
                                          "MTU:T -> MTU:T", "MTU:U -> none", "MTU:V -> MTU:V", "MTU:W -> MTU:W"});
}
