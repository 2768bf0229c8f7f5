// The structural difference of two rulesets: which declarations and award statements were added,
// removed or changed, each with the file and line where it is written (`credo diff`, and the
// rule lines `credo simulate` cites).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dsl/loader.hpp"

namespace credo::tools {

/// What a change is about, in output order.
enum class RuleKind : std::uint8_t {
    ruleset,      ///< the `ruleset` line
    institution,  ///< keyed by code
    unit,         ///< keyed by id
    pool,         ///< keyed by name
    equivalence,  ///< keyed by sources and target (`A + B => C`, `A <=> B`)
    exclusive,    ///< keyed by its units, sorted
    defaults,     ///< a constraint of a defaults block, keyed by kind (see below) in its block
    award,        ///< the award's header line, keyed by id
    entry,        ///< a statement of an award's entry block, keyed as a requirement or constraint
    requirement,  ///< keyed by label, or by its canonical text when unlabelled
    constraint,   ///< an award's limit, RPL cap, `within` or `min grade`, keyed by kind (see below)
};

const char* rule_kind_name(RuleKind kind);

/// One side of a change: the construct's canonical text on one line and where it is written.
struct RuleSite {
    std::string text;
    std::string file;  ///< as the loader named it (the entry path, or an include's path)
    std::uint32_t line = 0;
};

/// A construct added, removed or changed (its canonical text differs).
struct RuleChange {
    enum class Change : std::uint8_t { added, removed, changed };
    Change change = Change::changed;
    RuleKind kind = RuleKind::unit;
    /// The block a statement is in: `award MTU:X`, `award MTU:X entry`, or a defaults block's
    /// header (`defaults for class minor level >= 6`); empty for a declaration.
    std::string block;
    std::string award;  ///< the award of an entry, requirement or constraint change; empty otherwise
    std::string key;
    std::optional<RuleSite> before;  ///< in the old ruleset (none when added)
    std::optional<RuleSite> after;   ///< in the new ruleset (none when removed)
};

const char* change_name(RuleChange::Change change);

/// The structural difference between two loaded programs (each the entry file and its includes;
/// `include` lines themselves are not compared, the declarations they bring are). Constructs are
/// matched by kind, block and key, and compared by canonical text (`dsl::format_declaration`,
/// `dsl::format_statement`), so layout, comments and order never count. A constraint's key is its
/// words before its amount, with the selector of a `limit ... from`: `limit rpl` (either form),
/// `limit from ATU:*`, `within`, `min grade`. A key met twice in one block gets ` #2`, ` #3`...
/// Sorted by kind (defaults by header; an award's entry, requirements and constraints right after
/// its header, by award id), then key.
std::vector<RuleChange> diff_rulesets(const dsl::Program& before, const dsl::Program& after);

/// The name a defaults block's changes carry in `RuleChange::block`: its header in canonical
/// text, without ` {` (`defaults for class minor level >= 6`).
std::string defaults_block_name(const dsl::ast::Declaration& defaults);

/// One change on one line, without a newline (the lines of `changes_text`).
std::string change_text(const RuleChange& change);

/// One change as the objects of `changes_json`.
nlohmann::ordered_json change_json(const RuleChange& change);

/// One line per change:
/// `+ TEXT   (NEW:LINE)`, `- TEXT   (OLD:LINE)`, `~ OLD-TEXT -> NEW-TEXT   (OLD:LINE, NEW:LINE)`,
/// a statement's text preceded by its block and `: ` (`award MTU:X: limit rpl 50%`).
std::string changes_text(const std::vector<RuleChange>& changes);

/// `{"changes": [{"change", "kind", "block", "award", "key", "old": {"text", "file", "line"},
/// "new": ...}]}` (`block`, `award`, `old` and `new` null where they do not apply), indented by 2.
std::string changes_json(const std::vector<RuleChange>& changes);

}  // namespace credo::tools
