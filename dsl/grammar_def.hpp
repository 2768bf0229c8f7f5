// The rule-file grammar (Spirit X3). Included only by grammar.cpp, which instantiates it.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <string>
#include <utility>

#include "dsl/ast.hpp"
#include "dsl/config.hpp"
#include "dsl/grammar.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/source.hpp"
#include "dsl/values.hpp"

namespace credo::dsl::grammar {

///////////////////////////////////////////////////////////////////////////////
// Rule IDs
///////////////////////////////////////////////////////////////////////////////

/// Rule ids. Positions are set by `located` (below) rather than X3's on_success, which does not
/// see the attribute of a rule whose definition has semantic actions.
struct string_tok_class;
struct number_tok_class;
struct int_tok_class;
struct percent_tok_class;
struct date_tok_class;
struct id_tok_class;
struct pattern_tok_class;
struct inst_tok_class;
struct name_tok_class;
struct class_tok_class;
struct basis_tok_class;
struct cmp_op_class;
struct sel_item_class;
struct filter_class;
struct selector_class;
struct prereq_or_class;
struct prereq_and_class;
struct prereq_primary_class;
struct constraint_class;
struct requirement_class;
struct entry_block_class;
struct eq_option_class;
struct ruleset_decl_class;
struct include_decl_class;
struct institution_decl_class;
struct unit_decl_class;
struct pool_decl_class;
struct equivalence_decl_class;
struct exclusive_decl_class;
struct defaults_decl_class;
struct award_decl_class;

///////////////////////////////////////////////////////////////////////////////
// Rules
///////////////////////////////////////////////////////////////////////////////

/// A reserved word: matches only as a whole word (not as the prefix of a longer word).
struct Keyword : x3::parser<Keyword> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    const char* word;

    explicit constexpr Keyword(const char* w) : word(w) {}

    static bool is_word_char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '-';
    }

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        // Unlike X3's primitives, leaves `first` alone on failure so that SameLine can look at
        // what follows the previous token.
        It i = first;
        x3::skip_over(i, last, ctx);
        for (const char* w = word; *w; ++w, ++i)
            if (i == last || *i != *w) return false;
        if (i != last && is_word_char(*i)) return false;
        first = i;
        return true;
    }
};

/// Gives a parser a readable name for "expected ..." messages, and otherwise passes through.
template <typename Subject>
struct Named : x3::unary_parser<Subject, Named<Subject>> {
    using base_type = x3::unary_parser<Subject, Named<Subject>>;
    static bool const is_pass_through_unary = true;
    const char* name;

    constexpr Named(Subject const& subject, const char* n) : base_type(subject), name(n) {}

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        return this->subject.parse(first, last, ctx, rctx, attr);
    }
};

template <typename Subject>
constexpr Named<typename x3::extension::as_parser<Subject>::value_type> named(const char* name,
                                                                              Subject const& subject) {
    return {x3::as_parser(subject), name};
}

/// Succeeds, consuming nothing, when the next token is on the current line (no skipping over a
/// line break or comment). Lets `min grade` after a requirement belong to it only on its line.
struct SameLine : x3::parser<SameLine> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        for (It i = first; i != last; ++i) {
            if (*i == ' ' || *i == '\t') continue;
            return *i != '\n' && *i != '\r' && *i != '#';
        }
        return false;
    }
};

/// Wraps a rule's definition: after it parses, sets the rule value's position (after pre-skip);
/// requirements also keep their statement text. The rule value is X3's `rcontext`.
template <typename Subject>
struct Located : x3::unary_parser<Subject, Located<Subject>> {
    using base_type = x3::unary_parser<Subject, Located<Subject>>;
    static bool const is_pass_through_unary = true;

    constexpr explicit Located(Subject const& subject) : base_type(subject) {}

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& value, Attr& attr) const {
        x3::skip_over(first, last, ctx);
        It start = first;
        if (!this->subject.parse(first, last, ctx, value, attr)) return false;
        if constexpr (std::is_base_of_v<ast::Node, RCtx>) {
            const ParseState& state = x3::get<state_tag>(ctx);
            value.loc = state.file->loc_of(static_cast<std::size_t>(start - state.begin));
        }
        if constexpr (std::is_same_v<RCtx, ast::Requirement>) value.text = collapse(start, first);
        return true;
    }

    /// The statement's text with comments dropped and white space runs collapsed to one space.
    static std::string collapse(iterator_type first, iterator_type last) {
        std::string out;
        bool in_string = false, pending_space = false;
        for (iterator_type i = first; i != last; ++i) {
            char c = *i;
            if (!in_string && c == '#') {
                while (i != last && *i != '\n') ++i;
                if (i == last) break;
                pending_space = true;
                continue;
            }
            if (!in_string && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
                pending_space = true;
                continue;
            }
            if (pending_space && !out.empty()) out += ' ';
            pending_space = false;
            out += c;
            if (c == '\\' && in_string && i + 1 != last) out += *++i;
            else if (c == '"') in_string = !in_string;
        }
        return out;
    }
};

struct LocatedGen {
    template <typename Subject>
    constexpr Located<typename x3::extension::as_parser<Subject>::value_type> operator[](Subject const& s) const {
        return Located<typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(s));
    }
};
constexpr LocatedGen located{};

inline constexpr Keyword kw(const char* word) { return Keyword(word); }
constexpr SameLine same_line{};

// Semantic actions: each sets or appends a member of the rule's attribute.
template <typename M>
auto set(M member) {
    return [member](auto& ctx) { x3::_val(ctx).*member = std::move(x3::_attr(ctx)); };
}
template <typename M>
auto push(M member) {
    return [member](auto& ctx) { (x3::_val(ctx).*member).push_back(std::move(x3::_attr(ctx))); };
}
template <typename M, typename V>
auto assign(M member, V value) {
    return [member, value](auto& ctx) { x3::_val(ctx).*member = value; };
}
inline auto const set_text = [](auto& ctx) {
    auto const& range = x3::_attr(ctx);
    x3::_val(ctx).text.assign(range.begin(), range.end());
};
/// Sets the token's text and reports a value the language rejects (the token still parses, so
/// the rest of the declaration is checked too).
template <typename Check>
auto checked_text(Check check) {
    return [check](auto& ctx) {
        auto const& range = x3::_attr(ctx);
        std::string text(range.begin(), range.end());
        std::string problem = check(text);
        if (!problem.empty()) {
            const ParseState& state = x3::get<state_tag>(ctx);
            state.diagnostics->error(state.file->loc_of(static_cast<std::size_t>(range.begin() - state.begin)),
                                     problem);
        }
        x3::_val(ctx).text = std::move(text);
    };
}
inline std::string number_problem(const std::string& text) {
    if (parse_centi(text)) return "";
    auto dot = text.find('.');
    if (dot != std::string::npos && text.size() - dot - 1 > 2)
        return "number " + text + " has more than two decimals";
    return "number " + text + " is too large";
}
inline std::string percent_problem(const std::string& text) {
    std::string problem = number_problem(text);
    if (!problem.empty()) return problem;
    Centi value = *parse_centi(text);
    if (value <= 0 || value > 10000) return "percent " + text + "% is out of range: it must be greater than 0 and at most 100";
    return "";
}
inline std::string whole_number_problem(const std::string& text) {
    return text.size() > 9 ? "number " + text + " is too large" : "";
}
inline std::string date_token_problem(const std::string& text) {
    std::string problem = date_problem(text);
    return problem.empty() ? "" : "invalid date " + text + ": " + problem;
}
inline auto const set_string = [](auto& ctx) { x3::_val(ctx).text = std::move(x3::_attr(ctx)); };
inline auto const set_name = [](auto& ctx) {
    auto const& range = x3::_attr(ctx);
    std::string word(range.begin(), range.end());
    x3::_pass(ctx) = !is_keyword(word);
    x3::_val(ctx).text = std::move(word);
};
inline auto const push_statement = [](auto& ctx) {
    x3::_val(ctx).statements.emplace_back(std::move(x3::_attr(ctx)));
};
template <typename K>
auto item_of(K kind) {
    return [kind](auto& ctx) {
        x3::_val(ctx).kind = kind;
        x3::_val(ctx).text = std::move(x3::_attr(ctx).text);
    };
}
template <typename K>
auto amount_of(K kind) {
    return [kind](auto& ctx) {
        x3::_val(ctx).kind = kind;
        x3::_val(ctx).amount = std::move(x3::_attr(ctx));
    };
}
inline auto const prereq_push = [](auto& ctx) { x3::_val(ctx).terms.push_back(std::move(x3::_attr(ctx))); };
inline auto const prereq_unit = [](auto& ctx) {
    x3::_val(ctx).op = ast::Prereq::Op::unit;
    x3::_val(ctx).unit = std::move(x3::_attr(ctx).text);
};
inline auto const prereq_inner = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

using x3::ascii::alnum;
using x3::ascii::digit;
using x3::ascii::lower;
using x3::ascii::upper;
using x3::char_;
using x3::lexeme;
using x3::lit;
using x3::raw;
using x3::repeat;

x3::rule<string_tok_class, ast::Token> const string_tok = "string";
x3::rule<number_tok_class, ast::Token> const number_tok = "number";
x3::rule<int_tok_class, ast::Token> const int_tok = "whole number";
x3::rule<percent_tok_class, ast::Token> const percent_tok = "percent";
x3::rule<date_tok_class, ast::Token> const date_tok = "date (YYYY-MM-DD)";
x3::rule<id_tok_class, ast::Token> const id_tok = "qualified id (INST:CODE)";
x3::rule<pattern_tok_class, ast::Token> const pattern_tok = "pattern (INST:PREFIX*)";
x3::rule<inst_tok_class, ast::Token> const inst_tok = "institution code";
x3::rule<name_tok_class, ast::Token> const name_tok = "name";
x3::rule<class_tok_class, ast::Token> const class_tok =
    "award class (major, minor, special-purpose or supplemental)";
x3::rule<basis_tok_class, ast::Token> const basis_tok = "basis (earned, transfer or experiential)";
x3::rule<cmp_op_class, std::string> const cmp_op = "comparison (>=, <=, >, <, =)";
x3::rule<sel_item_class, ast::SelectorItem> const sel_item = "selector item (id, pattern, pool name or any)";
x3::rule<filter_class, ast::Filter> const filter = "filter (level, credits, institution or basis)";
x3::rule<selector_class, ast::Selector> const selector = "selector";
x3::rule<prereq_or_class, ast::Prereq> const prereq_or = "prerequisite";
x3::rule<prereq_and_class, ast::Prereq> const prereq_and = "prerequisite";
x3::rule<prereq_primary_class, ast::Prereq> const prereq_primary = "prerequisite (unit id or '(')";
x3::rule<constraint_class, ast::Constraint> const constraint = "constraint";
x3::rule<requirement_class, ast::Requirement> const requirement = "requirement";
x3::rule<entry_block_class, ast::EntryBlock> const entry_block = "entry block";
x3::rule<eq_option_class, ast::EquivalenceOption> const eq_option = "equivalence option";

ruleset_decl_type const ruleset_decl_rule = "ruleset declaration";
include_decl_type const include_decl_rule = "include declaration";
institution_decl_type const institution_decl_rule = "institution declaration";
unit_decl_type const unit_decl_rule = "unit declaration";
pool_decl_type const pool_decl_rule = "pool declaration";
equivalence_decl_type const equivalence_decl_rule = "equivalence declaration";
exclusive_decl_type const exclusive_decl_rule = "exclusive declaration";
defaults_decl_type const defaults_decl_rule = "defaults declaration";
award_decl_type const award_decl_rule = "award declaration";

// Lexical tokens. A token ends at a word boundary so that `5years` or `MTU:A*B` are errors.
auto const word_end = !(alnum | char_("_"));
auto const code = alnum >> *(alnum | char_("_.-"));
auto const inst = upper >> *(upper | digit | char_('_'));
auto const escape = named("escape (\\\" or \\\\)", char_("\"\\"));

struct string_chars_class;
x3::rule<string_chars_class, std::string> const string_chars = "string";
auto const string_chars_def = *(('\\' > escape) | ~char_("\"\\\n\r"));
auto const string_tok_def = located[lexeme['"' > string_chars[set_string] > named("closing quote", lit('"'))]];
auto const number_tok_def = located[lexeme[raw[+digit >> -('.' >> +digit)][checked_text(number_problem)] >> word_end]];
auto const int_tok_def = located[lexeme[raw[+digit][checked_text(whole_number_problem)] >> !(alnum | char_("_."))]];
auto const percent_tok_def = located[lexeme[&(+digit >> -('.' >> +digit) >> '%') >>
                                    raw[+digit >> -('.' >> +digit)][checked_text(percent_problem)] >> '%']];
auto const date_tok_def = located[lexeme[&(repeat(4)[digit] >> '-' >> repeat(2)[digit] >> '-' >> repeat(2)[digit] >> !(alnum | char_("_-"))) >>
           raw[repeat(4)[digit] >> '-' >> repeat(2)[digit] >> '-' >> repeat(2)[digit]][checked_text(date_token_problem)]]];
auto const id_tok_def = located[lexeme[raw[inst >> ':' >> code][set_text] >> !lit('*')]];
auto const pattern_tok_def = located[lexeme[raw[inst >> ':' >> -code][set_text] >> '*']];
auto const inst_tok_def = located[lexeme[raw[inst][set_text] >> !(alnum | char_("_:-"))]];
auto const name_tok_def = located[lexeme[raw[(lower | char_('_')) >> *(lower | digit | char_('_'))][set_name] >>
                                 !(alnum | char_("_:-"))]];
auto const class_tok_def = located[raw[kw("major") | kw("minor") | kw("special-purpose") | kw("supplemental")][set_text]];
auto const basis_tok_def = located[raw[kw("earned") | kw("transfer") | kw("experiential")][set_text]];
auto const cmp_op_def = x3::string(">=") | x3::string("<=") | x3::string(">") | x3::string("<") | x3::string("=");

// Selectors.
using SelKind = ast::SelectorItem::Kind;
auto const sel_item_def = located[pattern_tok[item_of(SelKind::pattern)] | id_tok[item_of(SelKind::id)] |
                          raw[kw("any")][([](auto& ctx) {
                              x3::_val(ctx).kind = SelKind::any;
                              x3::_val(ctx).text = "any";
                          })] |
                          name_tok[item_of(SelKind::pool)]];
auto const filter_def = located[(kw("level")[assign(&ast::Filter::field, "level")] > cmp_op[set(&ast::Filter::op)] >
     int_tok[set(&ast::Filter::value)]) |
    (kw("credits")[assign(&ast::Filter::field, "credits")] > cmp_op[set(&ast::Filter::op)] >
     number_tok[set(&ast::Filter::value)]) |
    (kw("institution")[assign(&ast::Filter::field, "institution")] > inst_tok[set(&ast::Filter::value)]) |
    (kw("basis")[assign(&ast::Filter::field, "basis")] > basis_tok[set(&ast::Filter::value)])];
auto const selector_def = located[sel_item[push(&ast::Selector::items)] >> *(',' > sel_item[push(&ast::Selector::items)]) >>
                          -(kw("where") > filter[push(&ast::Selector::filters)] >>
                            *(kw("and") > filter[push(&ast::Selector::filters)]))];

// Prerequisites: `and` binds tighter than `or`.
auto const prereq_or_def = located[x3::eps[assign(&ast::Prereq::op, ast::Prereq::Op::any_of)] >> prereq_and[prereq_push] >> *(kw("or") > prereq_and[prereq_push])];
auto const prereq_and_def = located[x3::eps[assign(&ast::Prereq::op, ast::Prereq::Op::all_of)] >> prereq_primary[prereq_push] >> *(kw("and") > prereq_primary[prereq_push])];
auto const prereq_primary_def = located[id_tok[prereq_unit] | ('(' > prereq_or[prereq_inner] > ')')];

// Constraints (award bodies and defaults blocks).
using CKind = ast::Constraint::Kind;
auto const period = raw[kw("years") | kw("year")][([](auto& ctx) { x3::_val(ctx).period = "year"; })] |
                    raw[kw("months") | kw("month")][([](auto& ctx) { x3::_val(ctx).period = "month"; })];
inline auto const rpl_from = [](auto& ctx) {
    x3::_val(ctx).kind = ast::Constraint::Kind::limit_rpl_from;
    x3::_val(ctx).selector = std::move(x3::_attr(ctx));
};
auto const constraint_def = located[(kw("limit") >> kw("rpl") >
     named("a percent or a number of credits",
           (percent_tok[amount_of(CKind::limit_rpl_percent)] >>
            -(kw("of") > kw("taught"))[assign(&ast::Constraint::of_taught, true)]) |
               ((number_tok[amount_of(CKind::limit_rpl_credits)] > kw("credits")) >>
                -(kw("from") > selector[rpl_from])))) |
    (kw("limit") > number_tok[amount_of(CKind::limit_from)] > kw("credits") > kw("from") >
     selector[set(&ast::Constraint::selector)]) |
    ((kw("within") > int_tok[amount_of(CKind::within)] > named("'years' or 'months'", period)) >>
     -(kw("for") > kw("rpl"))[assign(&ast::Constraint::rpl_only, true)]) |
    (kw("min") > kw("grade") > number_tok[amount_of(CKind::min_grade)])];

// Requirements.
using RKind = ast::Requirement::Kind;
auto const requirement_tail =
    *(kw("shared")[assign(&ast::Requirement::shared, true)] |
      (same_line >> kw("min") > kw("grade") > number_tok[set(&ast::Requirement::min_grade)]));
auto const requirement_def = located[kw("require") > -string_tok[set(&ast::Requirement::label)] >
    named("'all', 'award', 'N of' or 'N credits from'",
          (kw("all")[assign(&ast::Requirement::kind, RKind::all)] > sel_item[push(&ast::Requirement::all)] >>
           *(',' > sel_item[push(&ast::Requirement::all)]) >> requirement_tail) |
              (kw("award")[assign(&ast::Requirement::kind, RKind::award)] > id_tok[set(&ast::Requirement::award)]) |
              ((int_tok[set(&ast::Requirement::amount)] >> kw("of"))[assign(&ast::Requirement::kind, RKind::count_of)] >
               selector[set(&ast::Requirement::selector)] >> requirement_tail) |
              ((number_tok[set(&ast::Requirement::amount)] >> kw("credits"))[assign(&ast::Requirement::kind,
                                                                                    RKind::credits_from)] >
               kw("from") > selector[set(&ast::Requirement::selector)] >> requirement_tail))];

auto const close_block = named("a statement (require, limit, within, min grade, entry) or '}'", lit('}'));
auto const statements = *(requirement[push_statement] | constraint[push_statement] | entry_block[push_statement]);
auto const entry_block_def = located[kw("entry") > '{' > statements > close_block];

// Declarations.
auto const ruleset_decl_rule_def = located[kw("ruleset") > string_tok[set(&ast::RulesetDecl::name)] > kw("version") >
                                   string_tok[set(&ast::RulesetDecl::version)] >
                                   -(kw("effective") > date_tok[set(&ast::RulesetDecl::effective)])];
auto const include_decl_rule_def = located[kw("include") > string_tok[set(&ast::IncludeDecl::path)]];
auto const institution_decl_rule_def = located[kw("institution") > inst_tok[set(&ast::InstitutionDecl::code)] >
                                       string_tok[set(&ast::InstitutionDecl::title)]];
auto const unit_decl_rule_def = located[kw("unit") > id_tok[set(&ast::UnitDecl::id)] > string_tok[set(&ast::UnitDecl::title)] > kw("credits") >
    number_tok[set(&ast::UnitDecl::credits)] > kw("level") > int_tok[set(&ast::UnitDecl::level)] >
    -(kw("requires") > prereq_or[set(&ast::UnitDecl::prereq)]) >
    -(kw("rpl") > kw("never"))[assign(&ast::UnitDecl::rpl_never, true)]];
auto const pool_decl_rule_def = located[kw("pool") > name_tok[set(&ast::PoolDecl::name)] > '=' > selector[set(&ast::PoolDecl::selector)]];
auto const eq_option_def = located[((kw("min") > kw("grade"))[assign(&ast::EquivalenceOption::kind, "min grade")] >
     number_tok[set(&ast::EquivalenceOption::value)]) |
    (kw("since")[assign(&ast::EquivalenceOption::kind, "since")] > date_tok[set(&ast::EquivalenceOption::value)]) |
    (kw("until")[assign(&ast::EquivalenceOption::kind, "until")] > date_tok[set(&ast::EquivalenceOption::value)])];
auto const equivalence_decl_rule_def = located[kw("equivalence") >
    named("equivalence sources (ids joined by '+', or a pattern)",
          (pattern_tok[set(&ast::EquivalenceDecl::pattern)] >>
           -(kw("where") > filter[push(&ast::EquivalenceDecl::filters)] >>
             *(kw("and") > filter[push(&ast::EquivalenceDecl::filters)]))) |
              (id_tok[push(&ast::EquivalenceDecl::sources)] >>
               *('+' > id_tok[push(&ast::EquivalenceDecl::sources)]))) >
    named("'=>' or '<=>'", lit("<=>")[assign(&ast::EquivalenceDecl::two_way, true)] | lit("=>")) >
    id_tok[set(&ast::EquivalenceDecl::target)] >> *eq_option[push(&ast::EquivalenceDecl::options)]];
auto const exclusive_decl_rule_def = located[kw("exclusive") > id_tok[push(&ast::ExclusiveDecl::units)] > ',' >
                                     id_tok[push(&ast::ExclusiveDecl::units)] >>
                                     *(',' > id_tok[push(&ast::ExclusiveDecl::units)])];
auto const defaults_decl_rule_def = located[kw("defaults") > kw("for") > kw("class") > class_tok[set(&ast::DefaultsDecl::award_class)] >
    -(filter[push(&ast::DefaultsDecl::conditions)] >> *(kw("and") > filter[push(&ast::DefaultsDecl::conditions)])) >
    named("'{' (or a condition: level CMP INT, credits CMP NUMBER)", lit('{')) >
    *constraint[push(&ast::DefaultsDecl::constraints)] >
    named("a constraint (limit, within, min grade) or '}'", lit('}'))];
auto const award_decl_rule_def = located[kw("award") > id_tok[set(&ast::AwardDecl::id)] >
                                 string_tok[set(&ast::AwardDecl::title)] > kw("class") >
                                 class_tok[set(&ast::AwardDecl::award_class)] > kw("level") >
                                 int_tok[set(&ast::AwardDecl::level)] > kw("credits") >
                                 number_tok[set(&ast::AwardDecl::credits)] > '{' > statements > close_block];

BOOST_SPIRIT_DEFINE(string_chars, string_tok, number_tok, int_tok, percent_tok, date_tok, id_tok, pattern_tok, inst_tok,
                    name_tok, class_tok, basis_tok, cmp_op, sel_item, filter, selector, prereq_or, prereq_and,
                    prereq_primary, constraint, requirement, entry_block, eq_option)

///////////////////////////////////////////////////////////////////////////////
// Grammar
///////////////////////////////////////////////////////////////////////////////

BOOST_SPIRIT_DEFINE(ruleset_decl_rule, include_decl_rule, institution_decl_rule, unit_decl_rule, pool_decl_rule,
                    equivalence_decl_rule, exclusive_decl_rule, defaults_decl_rule, award_decl_rule)

///////////////////////////////////////////////////////////////////////////////
// Annotation and error handling
///////////////////////////////////////////////////////////////////////////////
// Positions are set by `annotate` (the rule IDs above). Errors are X3 expectation failures,
// caught and turned into diagnostics by the parser (parser.cpp), which then resumes at the next
// declaration.

}  // namespace credo::dsl::grammar

namespace boost::spirit::x3 {

template <>
struct get_info<credo::dsl::grammar::Keyword> {
    using result_type = std::string;
    std::string operator()(credo::dsl::grammar::Keyword const& p) const { return "'" + std::string(p.word) + "'"; }
};

/// An action names what its subject names (X3 otherwise prints the mangled type).
template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
    using result_type = std::string;
    std::string operator()(action<Subject, Action> const& p) const { return what(p.subject); }
};

template <typename Subject>
struct get_info<credo::dsl::grammar::Named<Subject>> {
    using result_type = std::string;
    std::string operator()(credo::dsl::grammar::Named<Subject> const& p) const { return p.name; }
};

}  // namespace boost::spirit::x3
