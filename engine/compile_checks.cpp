// Whole-program checks over the compiled model: cycles, awards that can never be met,
// overlapping equivalences and unused declarations.
#include <algorithm>
#include <functional>

#include "engine/compiler.hpp"
#include "engine/graph.hpp"

namespace credo::engine::detail {

namespace {

using Edges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

void prereq_units(const Prereq& p, std::vector<UnitIndex>& out) {
    if (p.op == Prereq::Op::unit && p.unit != kNone) out.push_back(p.unit);
    for (const Prereq& term : p.terms) prereq_units(term, out);
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.compare(0, prefix.size(), prefix) == 0; }

/// Whether one credential could be a source of both rules (ignoring `where` filters).
bool may_share_source(const Equivalence& x, const Equivalence& y) {
    if (x.pattern && y.pattern) return starts_with(*x.pattern, *y.pattern) || starts_with(*y.pattern, *x.pattern);
    if (x.pattern || y.pattern) {
        const std::string& prefix = x.pattern ? *x.pattern : *y.pattern;
        const std::vector<std::string>& ids = x.pattern ? y.sources : x.sources;
        return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) { return starts_with(id, prefix); });
    }
    for (const std::string& id : x.sources)
        if (std::find(y.sources.begin(), y.sources.end(), id) != y.sources.end()) return true;
    return false;
}

bool is_open(const Selector& s) { return s.any || !s.patterns.empty(); }

std::string units_word(std::size_t n) { return n == 1 ? " unit" : " units"; }

}  // namespace

void Compiler::check_prerequisite_cycles() {
    Edges edges;
    for (UnitIndex u = 0; u < rs_.units.size(); ++u) {
        if (!rs_.units[u].prereq) continue;
        std::vector<UnitIndex> needed;
        prereq_units(*rs_.units[u].prereq, needed);
        for (UnitIndex v : needed) edges.emplace_back(u, v);
    }
    for (const auto& cycle : find_cycles(rs_.units.size(), edges)) {
        std::string path;
        for (std::size_t i = 0; i < cycle.size(); ++i) path += (i ? " -> " : "") + rs_.units[cycle[i]].id;
        diags_.error(unit_decls_[cycle.front()]->id.loc, "prerequisite cycle: " + path);
    }
}

void Compiler::check_stacking_cycles() {
    Edges edges;
    for (AwardIndex a = 0; a < rs_.awards.size(); ++a)
        for (const Requirement& r : rs_.awards[a].requirements)
            if (r.kind == Requirement::Kind::award && r.award != kNone) edges.emplace_back(a, r.award);
    for (const auto& cycle : find_cycles(rs_.awards.size(), edges)) {
        std::string path;
        for (std::size_t i = 0; i < cycle.size(); ++i) path += (i ? " -> " : "") + rs_.awards[cycle[i]].id;
        diags_.error(awards_[cycle.front()].decl->id.loc, "stacking cycle: " + path);
    }
}

void Compiler::check_supply() {
    // Each requirement on its own: a closed selector (catalogue units only) must hold enough.
    auto check_requirement = [&](const Requirement& r, const RequirementSite& site) {
        if (!site.ok || (r.kind != Requirement::Kind::count_of && r.kind != Requirement::Kind::credits_from)) return;
        if (is_open(r.selector)) return;
        std::size_t matched = r.selector.units.count();
        Centi total = 0;
        r.selector.units.for_each([&](std::size_t u) { total += rs_.units[u].credits; });
        std::string name = "requirement \"" + r.name + "\"";
        if (r.kind == Requirement::Kind::count_of && r.count >= 1 && matched < r.count)
            diags_.error(site.loc, name + " needs " + std::to_string(r.count) + units_word(r.count) +
                                       " but its selector matches " +
                                       (matched ? "only " + std::to_string(matched) : std::string("none")));
        if (r.kind == Requirement::Kind::credits_from && r.credits > 0 && total < r.credits)
            diags_.error(site.loc, name + " needs " + format_centi(r.credits) + " credits but " +
                                       (matched ? "the units its selector matches total only " + format_centi(total)
                                                : std::string("its selector matches no unit")));
    };
    for (AwardIndex a = 0; a < rs_.awards.size(); ++a) {
        const Award& award = rs_.awards[a];
        for (std::size_t i = 0; i < award.requirements.size(); ++i)
            check_requirement(award.requirements[i], awards_[a].requirements[i]);
        if (award.entry)
            for (std::size_t i = 0; i < award.entry->requirements.size(); ++i)
                check_requirement(award.entry->requirements[i], awards_[a].entry_requirements[i]);
    }

    // The whole award: an upper bound of the credits its non-shared requirements can hold.
    struct Bound {
        Centi value = 0;
        bool infinite = false;
        bool uncertain = false;  ///< a name did not resolve, or a stacking cycle
    };
    enum class State { fresh, visiting, done };
    std::vector<State> state(rs_.awards.size(), State::fresh);
    std::vector<Bound> memo(rs_.awards.size());
    std::function<Bound(AwardIndex)> bound = [&](AwardIndex a) -> Bound {
        if (state[a] == State::done) return memo[a];
        if (state[a] == State::visiting) return Bound{0, true, true};
        state[a] = State::visiting;
        Bound b;
        const Award& award = rs_.awards[a];
        for (std::size_t i = 0; i < award.requirements.size(); ++i) {
            const Requirement& r = award.requirements[i];
            if (r.shared) continue;
            if (!awards_[a].requirements[i].ok) b.uncertain = true;
            switch (r.kind) {
                case Requirement::Kind::all:
                    for (UnitIndex u : r.units) b.value += rs_.units[u].credits;
                    break;
                case Requirement::Kind::count_of:
                case Requirement::Kind::credits_from:
                    if (is_open(r.selector)) b.infinite = true;
                    else r.selector.units.for_each([&](std::size_t u) { b.value += rs_.units[u].credits; });
                    break;
                case Requirement::Kind::award: {
                    if (r.award == kNone) break;
                    // The part holds the held award itself, or items worth up to its own bound.
                    Bound nested = bound(r.award);
                    b.infinite = b.infinite || nested.infinite;
                    b.uncertain = b.uncertain || nested.uncertain;
                    b.value += std::max(rs_.awards[r.award].credits, nested.value);
                    break;
                }
            }
        }
        state[a] = State::done;
        memo[a] = b;
        return b;
    };
    for (AwardIndex a = 0; a < rs_.awards.size(); ++a) {
        Bound b = bound(a);
        const Award& award = rs_.awards[a];
        if (!b.infinite && !b.uncertain && b.value < award.credits)
            diags_.error(awards_[a].decl->id.loc, "award " + award.id + " needs " + format_centi(award.credits) +
                                                      " credits but its requirements can provide at most " +
                                                      format_centi(b.value));
    }
}

void Compiler::check_equivalence_overlaps() {
    const auto& rules = rs_.equivalences;
    for (std::size_t j = 0; j < rules.size(); ++j)
        for (std::size_t i = 0; i < j; ++i) {
            if (rules[i].target == kNone || rules[i].target != rules[j].target) continue;
            const ast::EquivalenceDecl* first = equivalence_of_rule_[i];
            const ast::EquivalenceDecl* later = equivalence_of_rule_[j];
            if (first == later || !may_share_source(rules[i], rules[j])) continue;
            std::string at = first->loc.file == later->loc.file
                                  ? "lines " + std::to_string(first->loc.line) + " and " + std::to_string(later->loc.line)
                                  : where_text(first->loc) + " and " + where_text(later->loc);
            diags_.warning(later->loc, "equivalences at " + at + " may both derive " + rs_.units[rules[j].target].id +
                                           " from the same credential");
        }
}

void Compiler::check_unused() {
    Bitset used(rs_.units.size());
    auto use_requirement = [&](const Requirement& r) {
        for (UnitIndex u : r.units) used.set(u);
        if (r.kind == Requirement::Kind::count_of || r.kind == Requirement::Kind::credits_from) used |= r.selector.units;
    };
    for (const Award& award : rs_.awards) {
        for (const Requirement& r : award.requirements) use_requirement(r);
        for (const CreditLimit& limit : award.limits) used |= limit.selector.units;
        if (!award.entry) continue;
        for (const Requirement& r : award.entry->requirements) use_requirement(r);
        for (const CreditLimit& limit : award.entry->limits) used |= limit.selector.units;
    }
    for (const Unit& unit : rs_.units) {
        if (!unit.prereq) continue;
        std::vector<UnitIndex> needed;
        prereq_units(*unit.prereq, needed);
        for (UnitIndex u : needed) used.set(u);
    }
    for (const Equivalence& e : rs_.equivalences) {
        if (e.target != kNone) used.set(e.target);
        for (const std::string& id : e.sources) {
            UnitIndex u = rs_.find_unit(id);
            if (u != kNone) used.set(u);
        }
        if (e.pattern) used |= units_with_prefix(*e.pattern);
    }
    for (const ExclusiveSet& x : rs_.exclusives)
        for (UnitIndex u : x.units) used.set(u);
    for (UnitIndex u = 0; u < rs_.units.size(); ++u)
        if (!used.test(u) && !suggested_.count(rs_.units[u].id))
            diags_.warning(unit_decls_[u]->id.loc,
                           "unit " + rs_.units[u].id + " is not used by any award, prerequisite or equivalence");
    for (const PoolSite& pool : pools_)
        if (!pool.used && !suggested_.count(pool.decl->name.text)) diags_.warning(pool.decl->name.loc, "pool " + pool.decl->name.text + " is never used");
}

}  // namespace credo::engine::detail
