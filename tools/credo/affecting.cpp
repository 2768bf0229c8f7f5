// Relating the changes of a structural diff to the awards whose decisions they can affect.
#include "tools/credo/affecting.hpp"

#include <map>
#include <set>
#include <variant>

namespace credo::tools {

namespace {

/// What one award's decisions depend on in one ruleset.
class AwardScope {
public:
    AwardScope(const RulesetSide& side, engine::AwardIndex award) : side_(side) {
        const engine::Ruleset& rs = *side.ruleset;
        units_ = engine::Bitset(rs.units.size());
        add_award(award);
        close_over_equivalences();
        close_over_pools();
        find_defaults_blocks();
        for (engine::AwardIndex a : tree_) add_institution(rs.awards[a].id);
        units_.for_each([&](std::size_t u) { add_institution(rs.units[u].id); });
    }

    bool has_award(const std::string& id) const { return award_ids_.count(id) != 0; }
    bool has_unit(const std::string& id) const {
        engine::UnitIndex u = side_.ruleset->find_unit(id);
        return u != engine::kNone && units_.test(u);
    }
    bool has_pool(const std::string& name) const { return pools_.count(name) != 0; }
    bool has_defaults_block(const std::string& name) const { return defaults_.count(name) != 0; }
    bool has_institution(const std::string& code) const { return institutions_.count(code) != 0; }

private:
    const RulesetSide& side_;
    std::set<engine::AwardIndex> tree_;
    std::set<std::string> award_ids_;
    engine::Bitset units_;
    std::set<std::string> pools_;
    std::set<std::string> defaults_;
    std::set<std::string> institutions_;

    void add_award(engine::AwardIndex a) {
        if (!tree_.insert(a).second) return;
        const engine::Award& award = side_.ruleset->awards[a];
        award_ids_.insert(award.id);
        for (const engine::Requirement& r : award.requirements) add_requirement(r);
        for (const engine::CreditLimit& l : award.limits) add_selector_pools(l.selector);
        if (award.entry) {
            for (const engine::Requirement& r : award.entry->requirements) add_requirement(r);
            for (const engine::CreditLimit& l : award.entry->limits) add_selector_pools(l.selector);
        }
    }

    void add_requirement(const engine::Requirement& r) {
        switch (r.kind) {
            case engine::Requirement::Kind::all:
                for (engine::UnitIndex u : r.units) units_.set(u);
                break;
            case engine::Requirement::Kind::count_of:
            case engine::Requirement::Kind::credits_from:
                if (r.selector.units.size() == units_.size()) units_ |= r.selector.units;
                add_selector_pools(r.selector);
                break;
            case engine::Requirement::Kind::award: add_award(r.award); break;
        }
    }

    /// The pool names a selector's text mentions before its `where` (pool names are lower case
    /// and never keywords; ids hold a colon and upper case).
    void add_selector_pools(const engine::Selector& s) {
        std::string items = s.text.substr(0, s.text.find(" where "));
        std::string word;
        for (std::size_t i = 0; i <= items.size(); ++i) {
            char c = i < items.size() ? items[i] : ' ';
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == ':' || (c >= 'A' && c <= 'Z')) {
                word += c;
                continue;
            }
            if (!word.empty() && word.find(':') == std::string::npos) pools_.insert(word);
            word.clear();
        }
    }

    /// Units whose items can be turned into reached ones: the catalogue sources of equivalences
    /// giving a reached unit, repeated until nothing is added.
    void close_over_equivalences() {
        const engine::Ruleset& rs = *side_.ruleset;
        for (bool grew = true; grew;) {
            grew = false;
            for (const engine::Equivalence& e : rs.equivalences) {
                if (e.target == engine::kNone || !units_.test(e.target)) continue;
                for (const std::string& source : e.sources) {
                    engine::UnitIndex u = rs.find_unit(source);
                    if (u != engine::kNone && !units_.test(u)) units_.set(u), grew = true;
                }
            }
        }
    }

    /// Pools named by the selectors of named pools, at any depth.
    void close_over_pools() {
        std::map<std::string, std::vector<std::string>> names;  // pool -> pools its selector names
        for (const dsl::ast::File& file : side_.program->asts)
            for (const dsl::ast::Declaration& d : file.declarations)
                if (const auto* pool = std::get_if<dsl::ast::PoolDecl>(&d))
                    for (const dsl::ast::SelectorItem& item : pool->selector.items)
                        if (item.kind == dsl::ast::SelectorItem::Kind::pool)
                            names[pool->name.text].push_back(item.text);
        std::vector<std::string> pending(pools_.begin(), pools_.end());
        while (!pending.empty()) {
            std::string pool = pending.back();
            pending.pop_back();
            for (const std::string& inner : names[pool])
                if (pools_.insert(inner).second) pending.push_back(inner);
        }
    }

    /// The defaults blocks the tree's awards take a constraint from: a defaulted constraint cites
    /// its block's line.
    void find_defaults_blocks() {
        std::map<std::pair<std::uint32_t, std::uint32_t>, std::string> blocks;  // (file, line) -> name
        for (const dsl::ast::File& file : side_.program->asts)
            for (const dsl::ast::Declaration& d : file.declarations)
                if (const auto* block = std::get_if<dsl::ast::DefaultsDecl>(&d))
                    blocks[{block->loc.file, block->loc.line}] = defaults_block_name(d);
        auto cite = [&](const engine::SourceRef& where) {
            auto it = blocks.find({where.file, where.line});
            if (it != blocks.end()) defaults_.insert(it->second);
        };
        for (engine::AwardIndex a : tree_) {
            const engine::Award& award = side_.ruleset->awards[a];
            for (const engine::CreditLimit& l : award.limits) cite(l.where);
            if (award.rpl_limit) cite(award.rpl_limit->where);
            if (award.within) cite(award.within->where);
            if (award.min_grade) cite(award.min_grade->where);
        }
    }

    void add_institution(const std::string& id) {
        std::size_t colon = id.find(':');
        if (colon != std::string::npos) institutions_.insert(id.substr(0, colon));
    }
};

/// The units an equivalence or exclusive change is about, from its key: `A + B => C` gives C,
/// `A <=> B` gives A and B, `A, B, C` gives all three.
std::vector<std::string> key_units(const RuleChange& c) {
    std::vector<std::string> units;
    auto split = [&units](const std::string& text, const std::string& separator) {
        std::size_t begin = 0;
        for (std::size_t end; (end = text.find(separator, begin)) != std::string::npos; begin = end + separator.size())
            units.push_back(text.substr(begin, end - begin));
        units.push_back(text.substr(begin));
    };
    if (c.kind == RuleKind::exclusive) {
        split(c.key, ", ");
    } else if (c.key.find(" <=> ") != std::string::npos) {
        split(c.key, " <=> ");
    } else {
        std::size_t arrow = c.key.rfind(" => ");
        if (arrow != std::string::npos) units.push_back(c.key.substr(arrow + 4));
    }
    return units;
}

/// Whether change `c` can affect the award of `scope` (one side).
bool affects(const RuleChange& c, const AwardScope& scope) {
    switch (c.kind) {
        case RuleKind::ruleset: return false;
        case RuleKind::institution: return scope.has_institution(c.key);
        case RuleKind::unit: return scope.has_unit(c.key);
        case RuleKind::pool: return scope.has_pool(c.key);
        case RuleKind::equivalence:
        case RuleKind::exclusive:
            for (const std::string& unit : key_units(c))
                if (scope.has_unit(unit)) return true;
            return false;
        case RuleKind::defaults: return scope.has_defaults_block(c.block);
        case RuleKind::award: return scope.has_award(c.key);
        case RuleKind::entry:
        case RuleKind::requirement:
        case RuleKind::constraint: return scope.has_award(c.award);
    }
    return false;
}

}  // namespace

std::vector<std::size_t> changes_affecting(const std::string& award, const RulesetSide& before,
                                           const RulesetSide& after, const std::vector<RuleChange>& changes) {
    std::vector<AwardScope> scopes;
    for (const RulesetSide* side : {&before, &after}) {
        engine::AwardIndex a = side->ruleset->find_award(award);
        if (a != engine::kNone) scopes.emplace_back(*side, a);
    }
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < changes.size(); ++i)
        for (const AwardScope& scope : scopes)
            if (affects(changes[i], scope)) {
                out.push_back(i);
                break;
            }
    return out;
}

}  // namespace credo::tools
