// Synthetic rule files for benchmarks, deterministic for a shape.
#include "tools/bench/synthetic_ruleset.hpp"

#include <cstdio>
#include <cstdlib>

#include "engine/compile.hpp"

namespace credo::bench {

namespace {

const char* const kInstitutions[] = {"MTU", "TUS", "ATU", "SETU", "TUD"};

std::string unit_id(int i) { return std::string(kInstitutions[i % 5]) + ":M" + std::to_string(100000 + i); }
std::string award_id(int i) { return "MTU:AW" + std::to_string(10000 + i); }

}  // namespace

std::string synthetic_ruleset(const RulesetShape& shape) {
    std::string out;
    out.reserve(static_cast<std::size_t>(shape.units) * 80 + static_cast<std::size_t>(shape.awards) * 400);
    out += "ruleset \"Synthetic benchmark\" version \"1\" effective 2026-09-01\n\n";
    for (const char* inst : kInstitutions) out += std::string("institution ") + inst + " \"Institution " + inst + "\"\n";
    out += "\ndefaults for class special-purpose {\n  limit rpl 50%\n  within 5 years\n}\n\n";
    for (int i = 0; i < shape.units; ++i) {
        int credits = (i % 3 == 0) ? 10 : 5;
        int level = 6 + i % 4;
        out += "unit " + unit_id(i) + " \"Module " + std::to_string(i) + "\" credits " + std::to_string(credits) +
               " level " + std::to_string(level);
        if (i >= 10 && i % 7 == 0) {
            out += " requires " + unit_id(i - 5);
            if (i % 11 == 0) out += " and (" + unit_id(i - 10) + " or " + unit_id(i - 6) + ")";
        }
        if (i % 97 == 0) out += " rpl never";
        out += "\n";
    }
    out += "\n";
    int pools = shape.awards;
    for (int p = 0; p < pools; ++p) {
        int base = (p * 10) % shape.units;
        out += "pool pool_" + std::to_string(p) + " = ";
        for (int k = 0; k < 6; ++k) out += (k ? ", " : "") + unit_id((base + k * 5) % shape.units);
        out += " where level >= 6\n";
    }
    out += "\n";
    for (int e = 0; e < shape.equivalences; ++e) {
        int target = (e * 2) % shape.units;
        // Sources come from outside the catalogue (another university's codes).
        std::string source = "UCC:X" + std::to_string(e);
        switch (e % 4) {
            case 0: out += "equivalence " + source + " => " + unit_id(target) + " min grade 40\n"; break;
            case 1:
                out += "equivalence " + source + " + UCC:Y" + std::to_string(e) + " => " + unit_id(target) +
                       " since 2020-01-01\n";
                break;
            case 2: out += "equivalence " + unit_id(target) + " <=> " + unit_id((target + 1) % shape.units) + "\n"; break;
            default:
                out += "equivalence UL" + std::to_string(e) + ":* where level >= 8 => " + unit_id(target) +
                       " until 2030-12-31\n";
        }
    }
    out += "\n";
    for (int a = 0; a < shape.awards; ++a) {
        int base = (a * 10) % shape.units;
        bool stacked = a % 10 == 9;
        out += "award " + award_id(a) + " \"Award " + std::to_string(a) + "\" class " +
               (stacked ? "major" : "special-purpose") + " level 9 credits " + (stacked ? "60" : "20") + " {\n";
        out += "  require \"core\" all " + unit_id(base) + ", " + unit_id((base + 1) % shape.units) + "\n";
        out += "  require \"electives\" 10 credits from pool_" + std::to_string(a) + "\n";
        out += "  require \"breadth\" 1 of pool_" + std::to_string((a + 1) % pools) + " shared\n";
        if (stacked) {
            out += "  require \"certificate\" award " + award_id(a - 1) + "\n";
            out += "  require \"more\" 20 credits from any where level >= 8\n";
            out += "  entry {\n    require \"degree\" 60 credits from any where level >= 8\n  }\n";
            out += "  limit rpl 30 credits\n";
        }
        out += "  limit 10 credits from ATU:*\n";
        out += "}\n";
    }
    return out;
}

std::shared_ptr<const engine::Ruleset> decision_ruleset(std::string* text) {
    std::string rules = synthetic_ruleset(RulesetShape{300, 50, 100});
    engine::CompileResult compiled = engine::compile_text(rules, "bench.credo");
    if (!compiled.ruleset) {
        std::fprintf(stderr, "the synthetic ruleset does not compile\n");
        std::exit(1);
    }
    if (text) *text = std::move(rules);
    return compiled.ruleset;
}

cohort::CohortOptions decision_cohort_options() {
    cohort::CohortOptions options;
    options.as_of = days_from_civil(Ymd{2026, 11, 28});
    options.credentials = 30;
    return options;
}

}  // namespace credo::bench
