// Declarations of the rule-file grammar: one X3 rule per top-level declaration.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "dsl/ast.hpp"
#include "dsl/config.hpp"

namespace credo::dsl::grammar {

struct ruleset_decl_class;
struct include_decl_class;
struct institution_decl_class;
struct unit_decl_class;
struct pool_decl_class;
struct equivalence_decl_class;
struct exclusive_decl_class;
struct defaults_decl_class;
struct award_decl_class;

using ruleset_decl_type = x3::rule<ruleset_decl_class, ast::RulesetDecl>;
using include_decl_type = x3::rule<include_decl_class, ast::IncludeDecl>;
using institution_decl_type = x3::rule<institution_decl_class, ast::InstitutionDecl>;
using unit_decl_type = x3::rule<unit_decl_class, ast::UnitDecl>;
using pool_decl_type = x3::rule<pool_decl_class, ast::PoolDecl>;
using equivalence_decl_type = x3::rule<equivalence_decl_class, ast::EquivalenceDecl>;
using exclusive_decl_type = x3::rule<exclusive_decl_class, ast::ExclusiveDecl>;
using defaults_decl_type = x3::rule<defaults_decl_class, ast::DefaultsDecl>;
using award_decl_type = x3::rule<award_decl_class, ast::AwardDecl>;

BOOST_SPIRIT_DECLARE(ruleset_decl_type, include_decl_type, institution_decl_type, unit_decl_type,
                     pool_decl_type, equivalence_decl_type, exclusive_decl_type, defaults_decl_type,
                     award_decl_type)

ruleset_decl_type const& ruleset_decl();
include_decl_type const& include_decl();
institution_decl_type const& institution_decl();
unit_decl_type const& unit_decl();
pool_decl_type const& pool_decl();
equivalence_decl_type const& equivalence_decl();
exclusive_decl_type const& exclusive_decl();
defaults_decl_type const& defaults_decl();
award_decl_type const& award_decl();

/// True for the reserved words of the language.
bool is_keyword(const std::string& word);

}  // namespace credo::dsl::grammar
