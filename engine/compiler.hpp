// The compiler's working state, shared by compile.cpp and the compile_*.cpp files (internal: not
// installed, not API).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/loader.hpp"
#include "engine/model.hpp"

namespace credo::engine::detail {

namespace ast = dsl::ast;

/// What an id of the shared unit and award namespace names.
struct IdSite {
    enum class Kind { unit, award };
    Kind kind = Kind::unit;
    std::uint32_t index = 0;  ///< UnitIndex or AwardIndex
    ast::Loc loc;             ///< the id token of its declaration
};

/// A pool: its declaration and, once compiled, its selector.
struct PoolSite {
    enum class State { pending, compiling, done };
    const ast::PoolDecl* decl = nullptr;
    State state = State::pending;
    Selector selector;
    bool ok = true;     ///< every name it uses resolved
    bool used = false;  ///< some selector names it
};

/// What the checks need to know about a compiled requirement beyond the model.
struct RequirementSite {
    ast::Loc loc;
    bool ok = true;  ///< every name it uses resolved
};

/// An award's declaration and its requirements' sites, parallel to the model's vectors.
struct AwardSite {
    const ast::AwardDecl* decl = nullptr;
    std::vector<RequirementSite> requirements;
    std::vector<RequirementSite> entry_requirements;
    std::set<std::string> stated;  ///< the constraint kinds the award states itself
};

/// One constraint of a `defaults` block, compiled; exactly one of the optionals is set.
struct DefaultConstraint {
    std::string kind;  ///< "limit rpl", "within", "min grade" or "limit ... from SELECTOR"
    ast::Loc loc;
    std::optional<CreditLimit> limit;
    std::optional<RplLimit> rpl;
    std::optional<Recency> within;
    std::optional<GradeFloor> grade;
};

/// A compiled `defaults for class CLASS [CONDITION and ...]` block.
struct DefaultsBlock {
    const ast::DefaultsDecl* decl = nullptr;
    AwardClass award_class = AwardClass::major;
    std::vector<Filter> conditions;  ///< level and credits comparisons, all must hold
    std::vector<DefaultConstraint> constraints;
};

/// Turns a loaded program into a Ruleset, reporting every semantic problem.
class Compiler {
public:
    Compiler(const dsl::Program& program, dsl::Diagnostics& diagnostics, Ruleset& ruleset);

    /// Runs every phase: collect declarations, compile them, then the whole-program checks.
    void run();

private:
    // compile.cpp: declarations, catalogue, equivalences, exclusives.
    /// Finds declarations that failed to parse (and unreadable includes): the holes they leave.
    void find_failed_declarations();
    /// Gathers every declaration of every file into the symbol tables; reports duplicates and a
    /// missing, misplaced or repeated `ruleset`.
    void collect();
    /// Copies the ruleset's name, version and effective date, or reports it missing.
    void collect_ruleset();
    /// Institutions, in declaration order.
    void compile_institutions();
    /// Units with credits, level, institution and prerequisites.
    void compile_units();
    /// A prerequisite expression with its unit ids resolved.
    Prereq compile_prereq(const ast::Prereq& p);
    /// Equivalences (`<=>` as two rules), checking their shape and options.
    void compile_equivalences();
    /// Exclusive sets: distinct declared units.
    void compile_exclusives();

    // compile_selector.cpp: filters, selectors and pools.
    /// Reports pool cycles, then compiles every pool.
    void compile_pools();
    /// Compiles one pool once (the pools it names first); a pool met again while compiling is in
    /// a cycle and stays empty.
    void compile_pool(std::uint32_t index);
    /// A selector's items and filters; `ok` turns false when a name does not resolve.
    Selector compile_selector(const ast::Selector& s, bool& ok);
    /// One `where` filter; empty when its value is unusable (reported).
    std::optional<Filter> compile_filter(const ast::Filter& f, bool& ok);
    /// Applies `filters` to a compiled selector and each of its parts.
    void restrict_selector(Selector& s, const std::vector<Filter>& filters) const;
    /// The catalogue units that pass every level, credits and institution filter (memoised:
    /// many selectors share their filters).
    Bitset static_mask(const std::vector<Filter>& filters) const;
    /// The catalogue units whose id starts with `prefix` (memoised, by binary search over the
    /// sorted ids).
    const Bitset& units_with_prefix(const std::string& prefix) const;

    // compile_award.cpp: awards, entry blocks and defaults.
    /// Every award, in declaration order.
    void compile_awards();
    /// One award: requirements, constraints (each kind once) and its entry block.
    void compile_award(AwardIndex index);
    /// One requirement; labels are unique across the award and its entry block.
    Requirement compile_requirement(const ast::Requirement& r, const std::string& award_id,
                                    std::map<std::string, ast::Loc>& labels, bool& ok);
    /// The constraints, each cited at `where` (a defaulted one cites its defaults block).
    CreditLimit compile_credit_limit(const ast::Constraint& c, SourceRef where);
    RplLimit compile_rpl_limit(const ast::Constraint& c, SourceRef where);
    Recency compile_recency(const ast::Constraint& c, SourceRef where);
    GradeFloor compile_grade_floor(const ast::Constraint& c, SourceRef where);
    /// Compiles the `defaults` blocks; reports a kind repeated within one block.
    void compile_defaults();
    /// Adds each matching block's constraints to the awards that do not state that kind;
    /// reports two blocks setting one kind for one award.
    void apply_defaults();
    /// Sets the credits each award's `limit rpl` percent is taken of (`of taught`: less the
    /// `rpl never` units its `all` requirements name, nested awards included).
    void set_rpl_bases();

    // compile_checks.cpp: whole-program checks.
    /// Reports each prerequisite cycle with its path.
    void check_prerequisite_cycles();
    /// Reports each cycle of `require award` (entry blocks aside) with its path.
    void check_stacking_cycles();
    /// Requirements and awards that can never be met by the catalogue they name.
    void check_supply();
    /// Warns when two rules may derive one target from the same credential.
    void check_equivalence_overlaps();
    /// Warns about units and pools nothing uses.
    void check_unused();

    // compile.cpp: shared helpers.
    /// The unit `id` names; reports an unknown id or an award (with `hint_stacking`, suggesting
    /// `require award`). kNone when it names no unit.
    UnitIndex resolve_unit(const std::string& id, ast::Loc loc, bool hint_stacking);
    /// The award `id` names; reports an unknown id or a unit. kNone when it names no award.
    AwardIndex resolve_award(const std::string& id, ast::Loc loc);
    /// The institution of a unit or award id (its prefix); reports an undeclared one.
    InstIndex institution_of(const ast::Token& id);
    /// Reports `unknown KIND NAME` with a did-you-mean, unless NAME's own declaration failed to
    /// parse or an included file could not be read (that error is already reported).
    void report_unknown(const std::string& kind, const std::string& name,
                        const std::vector<std::string>& candidates, ast::Loc loc);
    /// The level a token states; reports one outside 1..10 and returns 0 for it.
    int check_level(const ast::Token& level);
    /// "path:line" of a position.
    std::string where_text(ast::Loc loc) const;
    /// The model's reference to a position.
    SourceRef ref(ast::Loc loc) const { return SourceRef{loc.file, loc.line}; }

    const dsl::Program& program_;
    dsl::Diagnostics& diags_;
    Ruleset& rs_;

    /// Declarations that failed to parse leave holes: their names are not reported as unknown and
    /// whole-program warnings are skipped.
    bool incomplete_ = false;
    /// An included file could not be read: no name is reported as unknown, since it may have
    /// declared any of them.
    bool missing_include_ = false;
    std::unordered_set<std::string> failed_names_;  ///< ids and names of failed declarations
    /// Names offered as a did-you-mean: probably meant to be used, so not reported as unused.
    std::unordered_set<std::string> suggested_;
    std::vector<std::uint32_t> first_failed_line_;  ///< per file; 0 when none failed

    const ast::RulesetDecl* ruleset_decl_ = nullptr;
    std::vector<const ast::InstitutionDecl*> institution_decls_;
    std::vector<const ast::UnitDecl*> unit_decls_;  ///< by UnitIndex
    mutable std::vector<std::pair<std::string, UnitIndex>> sorted_ids_;  ///< built on first use
    mutable std::unordered_map<std::string, Bitset> prefix_cache_;
    mutable std::unordered_map<std::string, Bitset> mask_cache_;
    std::vector<AwardSite> awards_;                 ///< by AwardIndex
    std::vector<PoolSite> pools_;
    std::vector<const ast::EquivalenceDecl*> equivalence_decls_;
    std::vector<const ast::EquivalenceDecl*> equivalence_of_rule_;  ///< per Ruleset::equivalences
    std::vector<const ast::ExclusiveDecl*> exclusive_decls_;
    std::vector<DefaultsBlock> defaults_;
    std::vector<const ast::DefaultsDecl*> defaults_decls_;

    std::unordered_map<std::string, IdSite> ids_;
    std::unordered_map<std::string, ast::Loc> institution_locs_;
    std::unordered_map<std::string, std::uint32_t> pool_index_;
    std::vector<std::string> unit_names_, award_names_, pool_names_, institution_names_;
};

/// `items, ... where filter and ...` as written.
std::string selector_text(const ast::Selector& s);

/// The comparison an operator token names (`>=`, `<=`, `>`, `<`, `=`).
Cmp cmp_of(const std::string& op);

/// The whole number a token holds (at most nine digits, as the grammar allows), or empty.
std::optional<int> parse_int(const std::string& text);

}  // namespace credo::engine::detail
