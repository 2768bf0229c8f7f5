// The syntax tree of a Credo rule file: what was written, where, before any checking.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace credo::dsl::ast {

/// A position in a loaded source: file index (into the loader's file list), 1-based line and
/// column (column counts Unicode code points).
struct Loc {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

/// Base of every node: where it starts.
struct Node {
    Loc loc;
};

/// A lexical leaf as written: a string's unescaped value, a number's digits, a date, an id.
struct Token : Node {
    std::string text;
};

/// One item of a selector: an id, a pattern (text is the prefix before `*`), a pool name or `any`.
struct SelectorItem : Node {
    enum class Kind { id, pattern, pool, any };
    Kind kind = Kind::id;
    std::string text;
};

/// `level CMP INT`, `credits CMP NUMBER`, `institution INST` or `basis BASIS`.
struct Filter : Node {
    std::string field;  ///< level, credits, institution or basis
    std::string op;     ///< >=, <=, >, <, = (empty for institution and basis)
    Token value;
};

/// Items joined by `,`, then an optional `where FILTER [and FILTER]...`.
struct Selector : Node {
    std::vector<SelectorItem> items;
    std::vector<Filter> filters;
};

/// A prerequisite expression: a unit id, or an `and`/`or` of sub-expressions.
struct Prereq : Node {
    enum class Op { unit, all_of, any_of };
    Op op = Op::unit;
    std::string unit;
    std::vector<Prereq> terms;
};

/// `limit rpl`, `limit ... from`, `within` or `min grade`; and Credo's extensions
/// `limit rpl PERCENT of taught`, `limit rpl N credits from SELECTOR`, `within ... for rpl`.
struct Constraint : Node {
    enum class Kind { limit_rpl_percent, limit_rpl_credits, limit_rpl_from, limit_from, within, min_grade };
    Kind kind = Kind::min_grade;
    Token amount;            ///< percent, credits, duration count or grade
    std::string period;      ///< within: "year" or "month"
    Selector selector;       ///< limit_from, limit_rpl_from
    bool of_taught = false;  ///< limit_rpl_percent: `of taught`
    bool rpl_only = false;   ///< within: `for rpl`
};

/// `require [LABEL] all|N of|N credits from|award ...`.
struct Requirement : Node {
    enum class Kind { all, count_of, credits_from, award };
    Kind kind = Kind::all;
    std::optional<Token> label;
    Token amount;                   ///< count_of: INT; credits_from: NUMBER
    std::vector<SelectorItem> all;  ///< all: the listed items (ids; the checker rejects others)
    Token award;                    ///< award: the stacked award's id
    Selector selector;              ///< count_of, credits_from
    bool shared = false;
    std::optional<Token> min_grade;
    std::string text;               ///< the statement as written, white space collapsed
};

/// `entry { ... }`: statements judged for admission (the checker accepts only `require` and
/// `limit ... from` inside).
struct EntryBlock;

/// A statement inside an award body or an entry block.
using Statement = std::variant<Requirement, Constraint, EntryBlock>;

struct EntryBlock : Node {
    std::vector<Statement> statements;
};

struct RulesetDecl : Node {
    Token name;
    Token version;
    std::optional<Token> effective;
};

struct IncludeDecl : Node {
    Token path;
};

struct InstitutionDecl : Node {
    Token code;
    Token title;
};

struct UnitDecl : Node {
    Token id;
    Token title;
    Token credits;
    Token level;
    std::optional<Prereq> prereq;
    bool rpl_never = false;
};

struct PoolDecl : Node {
    Token name;
    Selector selector;
};

/// `min grade`, `since` or `until` of an equivalence.
struct EquivalenceOption : Node {
    std::string kind;  ///< "min grade", "since" or "until"
    Token value;
};

struct EquivalenceDecl : Node {
    std::vector<Token> sources;     ///< ids joined by `+` (empty when pattern is set)
    std::optional<Token> pattern;   ///< a pattern source: text is the prefix before `*`
    std::vector<Filter> filters;    ///< the pattern's `where` filters
    bool two_way = false;           ///< `<=>`
    Token target;
    std::vector<EquivalenceOption> options;
};

struct ExclusiveDecl : Node {
    std::vector<Token> units;
};

/// `defaults for class CLASS [CONDITION [and CONDITION]...] { ... }`; a condition is a `level`
/// or (Credo's extension) `credits` comparison, parsed as a filter (the checker rejects others).
struct DefaultsDecl : Node {
    Token award_class;
    std::vector<Filter> conditions;
    std::vector<Constraint> constraints;
};

struct AwardDecl : Node {
    Token id;
    Token title;
    Token award_class;
    Token level;
    Token credits;
    std::vector<Statement> statements;
};

using Declaration = std::variant<RulesetDecl, IncludeDecl, InstitutionDecl, UnitDecl, PoolDecl,
                                 EquivalenceDecl, ExclusiveDecl, DefaultsDecl, AwardDecl>;

/// A comment as written, for the formatter.
struct Comment {
    Loc loc;
    std::string text;      ///< from `#` to the end of the line
    bool own_line = true;  ///< nothing but white space before it on its line
};

/// One parsed file: its declarations in order, and its comments.
struct File {
    std::uint32_t index = 0;
    std::vector<Declaration> declarations;
    std::vector<Comment> comments;
};

}  // namespace credo::dsl::ast
