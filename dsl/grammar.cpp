// The one translation unit that instantiates the rule-file grammar.
#include "dsl/grammar_def.hpp"

namespace credo::dsl::grammar {

BOOST_SPIRIT_INSTANTIATE(ruleset_decl_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(include_decl_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(institution_decl_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(unit_decl_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_decl_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(equivalence_decl_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(exclusive_decl_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(defaults_decl_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(award_decl_type, iterator_type, context_type)

ruleset_decl_type const& ruleset_decl() { return ruleset_decl_rule; }
include_decl_type const& include_decl() { return include_decl_rule; }
institution_decl_type const& institution_decl() { return institution_decl_rule; }
unit_decl_type const& unit_decl() { return unit_decl_rule; }
pool_decl_type const& pool_decl() { return pool_decl_rule; }
equivalence_decl_type const& equivalence_decl() { return equivalence_decl_rule; }
exclusive_decl_type const& exclusive_decl() { return exclusive_decl_rule; }
defaults_decl_type const& defaults_decl() { return defaults_decl_rule; }
award_decl_type const& award_decl() { return award_decl_rule; }

bool is_keyword(const std::string& word) {
    static const char* const keywords[] = {
        "ruleset", "version", "effective", "include", "institution", "unit", "credits", "level", "requires",
        "rpl", "never", "pool", "equivalence", "min", "grade", "since", "until", "exclusive", "defaults", "for",
        "class", "award", "require", "all", "of", "from", "shared", "limit", "within", "entry", "any", "where",
        "and", "or", "basis", "years", "year", "months", "month", "major", "minor", "special-purpose",
        "supplemental", "taught"};
    for (const char* k : keywords)
        if (word == k) return true;
    return false;
}

}  // namespace credo::dsl::grammar
