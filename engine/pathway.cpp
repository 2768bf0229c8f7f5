// Pathways. The allocation search is the oracle: a set of units helps exactly when, added to the
// learner's record as new credentials, it makes the award eligible. Eligibility only grows as
// units are added, which gives the search its structure:
//
// 1. Candidates: the units of the award's neighbourhood in the policy graph (units some
//    requirement of the award or of an award it stacks can take, the sources that give them by
//    equivalence, transitively, and their prerequisites). No other unit can help.
// 2. If all candidates together do not make the award eligible, no set does: not possible.
// 3. A candidate without which all the others fail is in every solution: mandatory.
// 4. An upper bound: from all candidates, drop units (largest first) while the rest stays
//    eligible and closed under prerequisites.
// 5. Branch and bound over the optional candidates, sets in canonical form only: units that no
//    rule tells apart (same credits, level and institution, the same selectors, no prerequisite
//    role, no equivalence, nothing the learner holds) are taken in id order. A set is tested only
//    when it is closed under prerequisites and the award's reach with its units (each unit's
//    gain: its credits and those of the units it gives by equivalence) covers the award's
//    credits; the bound on (credits, units) of the best set prunes the rest, counting what the
//    reach still lacks at the best ratio of credits to gain left. A set without equivalence
//    sources meets the allocation's screen before its items are built. Every tested set counts
//    one step.
#include "engine/pathway.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "engine/allocate.hpp"
#include "engine/graph.hpp"

namespace credo::engine {

namespace {

bool has_prefix(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

/// Calls `f` with each catalogue unit that is a source of the equivalence: listed, or matching its
/// pattern.
template <typename F>
void for_each_source_unit(const Ruleset& rs, const Equivalence& e, F&& f) {
    for (const std::string& id : e.sources)
        if (UnitIndex u = rs.find_unit(id); u != kNone) f(u);
    if (e.pattern)
        for (UnitIndex u = 0; u < rs.units.size(); ++u)
            if (has_prefix(rs.units[u].id, *e.pattern)) f(u);
}

/// How a candidate set ranks: fewest credits, then fewest units, then fewest RPL credits, then
/// the smallest sorted id list.
struct Rank {
    Centi credits = 0;
    std::size_t count = 0;
    Centi rpl = 0;
    std::vector<std::string> ids;

    bool operator<(const Rank& o) const {
        return std::tie(credits, count, rpl, ids) < std::tie(o.credits, o.count, o.rpl, o.ids);
    }
};

class PathwaySearch {
public:
    PathwaySearch(const Ruleset& rs, const Learner& learner, Date as_of, AwardIndex award, const PathwayOptions& options)
        : rs_(rs), learner_(learner), as_of_(as_of), award_(award), options_(options), probe_(learner),
          base_(build_items(rs_, learner_, as_of_)), present_(base_.present) {
        held_.assign(rs_.units.size(), false);
        for (const Item& item : base_.items)
            if (item.unit != kNone && item.kind != Item::Kind::substitute) held_[item.unit] = true;
        reach_credits_ = reachable_credits(rs_, base_, award_);
        source_.assign(rs_.units.size(), false);
        gives_.assign(rs_.units.size(), {});
        for (const Equivalence& e : rs_.equivalences)
            for_each_source_unit(rs_, e, [&](UnitIndex u) {
                source_[u] = true;
                gives_[u].push_back(e.target);
            });
    }

    Pathway run() {
        Pathway out;
        std::vector<UnitIndex> candidates = collect_candidates();
        if (!test(candidates, nullptr)) {
            out.possible = false;
            out.reason = impossible_reason(candidates);
            out.steps = steps_;
            return out;
        }
        std::vector<bool> mandatory(rs_.units.size(), false);
        std::vector<UnitIndex> forced;
        for (UnitIndex u : candidates) {
            std::vector<UnitIndex> others;
            for (UnitIndex v : candidates)
                if (v != u) others.push_back(v);
            if (probe(others) == Answer::no) {
                mandatory[u] = true;
                forced.push_back(u);
            }
        }
        shrink_to_upper_bound(candidates, mandatory);

        std::vector<std::vector<UnitIndex>> classes = optional_classes(candidates, mandatory);
        std::vector<UnitIndex> chosen = forced;
        compute_gains(candidates);
        // Per class from c on: the least credits per credit of gain a unit gives.
        best_ratio_from_.assign(classes.size() + 1, Ratio{});
        for (std::size_t c = classes.size(); c-- > 0;) {
            Ratio r = best_ratio_from_[c + 1];
            for (UnitIndex u : classes[c]) {
                const Ratio mine{rs_.units[u].credits, gain_[u]};
                if (mine.gain > 0 && (r.gain == 0 || mine.credits * r.gain < r.credits * mine.gain)) r = mine;
            }
            best_ratio_from_[c] = r;
        }
        Centi credits = 0, reach = reach_credits_;
        for (UnitIndex u : chosen) credits += rs_.units[u].credits, reach += gain_[u];
        explore(classes, 0, chosen, credits, reach);

        out.units = plan_order(best_units_);
        out.credits = best_.credits;
        out.rpl_credits = best_.rpl;
        out.optimal = !out_of_budget_ && !undecided_;
        out.milestones = milestones(out.units);
        out.steps = steps_;
        return out;
    }

private:
    // ---- the oracle --------------------------------------------------------------------

    /// The learner with `added` as new credentials: basis earned, dated as_of, ungraded.
    void add_units(const std::vector<UnitIndex>& added) {
        probe_.credentials.resize(learner_.credentials.size());
        for (UnitIndex u : added) {
            const Unit& unit = rs_.units[u];
            Credential c;
            c.id = "+" + unit.id;
            c.unit = unit.id;
            c.catalogue = u;
            c.institution = rs_.institutions[unit.institution].code;
            c.home = unit.institution;
            c.date = as_of_;
            c.credits = unit.credits;
            c.level = unit.level;
            probe_.credentials.push_back(std::move(c));
        }
    }

    /// Whether award `a` is eligible with `items`; with `rpl`, also the RPL credits of the
    /// preferred allocation (otherwise the search stops at the first allocation it finds).
    /// Unordered items are screened first, and ordered only when the award needs a search.
    bool eligible_in(ItemSet& items, AwardIndex a, Centi* rpl, std::uint64_t budget = 0) {
        if (items.held_item[a] != kNone) {
            if (rpl) *rpl = 0;
            return true;
        }
        AllocateOptions o;
        o.budget = budget ? budget : options_.allocation_budget;
        o.explain = false;
        o.any = rpl == nullptr;
        o.scratch = &scratch_;
        if (!items.ordered && !needs_search(rs_, probe_, items, a, false, o)) {  // screened out: no search
            if (rpl) *rpl = 0;
            return false;
        }
        order_items(rs_, probe_, items);
        Allocation al = allocate(rs_, probe_, items, a, o);
        if (al.status == Allocation::Status::budget_exceeded) throw PathwayBudgetExceeded{rs_.awards[a].id};
        if (rpl) *rpl = al.rpl_credits;
        return al.status == Allocation::Status::eligible;
    }

    /// One step: does adding `added` make the award eligible?
    bool test(const std::vector<UnitIndex>& added, Centi* rpl, std::uint64_t budget = 0) {
        ++steps_;
        add_units(added);
        ItemSet items = collect_items(rs_, probe_, as_of_);
        return eligible_in(items, award_, rpl, budget);
    }

    enum class Answer { yes, no, unknown };

    /// A test while searching, its allocation search capped at PathwayOptions::probe_budget: a
    /// set that cannot be decided within it is not used, and the plan is then not known optimal.
    /// When no added unit is an equivalence source, the allocation's screen over the learner's
    /// items and the added units answers most sets without building their items.
    Answer probe(const std::vector<UnitIndex>& added) {
        if (std::none_of(added.begin(), added.end(), [&](UnitIndex u) { return source_[u]; })) {
            present_ = base_.present;
            for (UnitIndex u : added) present_.set(u);
            if (!may_be_eligible(rs_, learner_, base_, present_, award_)) {
                ++steps_;
                return Answer::no;
            }
        }
        try {
            return test(added, nullptr, std::min(options_.probe_budget, options_.allocation_budget)) ? Answer::yes
                                                                                                    : Answer::no;
        } catch (const PathwayBudgetExceeded&) {
            undecided_ = true;
            return Answer::unknown;
        }
    }

    // ---- candidates ----------------------------------------------------------------------

    std::vector<UnitIndex> collect_candidates() const {
        std::vector<bool> in(rs_.units.size(), false);
        for (std::uint32_t n : rs_.graph->award_neighbourhood(award_)) {
            const PolicyGraph::Node& node = rs_.graph->nodes()[n];
            if (node.kind == PolicyGraph::NodeKind::unit) in[node.index] = true;
        }
        // Close under equivalence sources (pattern sources too) and prerequisites.
        for (bool changed = true; changed;) {
            changed = false;
            auto add = [&](UnitIndex u) {
                if (!in[u]) in[u] = changed = true;
            };
            for (const Equivalence& e : rs_.equivalences)
                if (in[e.target]) for_each_source_unit(rs_, e, add);
            for (UnitIndex u = 0; u < rs_.units.size(); ++u)
                if (in[u] && rs_.units[u].prereq) for_each_prereq_unit(*rs_.units[u].prereq, add);
        }
        std::vector<UnitIndex> out;
        for (UnitIndex u = 0; u < rs_.units.size(); ++u)
            if (in[u]) out.push_back(u);
        return out;
    }

    template <typename F>
    static void for_each_prereq_unit(const Prereq& p, F&& f) {
        if (p.op == Prereq::Op::unit) return f(p.unit);
        for (const Prereq& t : p.terms) for_each_prereq_unit(t, f);
    }

    /// Splits the optional candidates into classes of units no rule tells apart; each class in id
    /// order, and units with any special role alone.
    std::vector<std::vector<UnitIndex>> optional_classes(const std::vector<UnitIndex>& candidates,
                                                         const std::vector<bool>& mandatory) const {
        std::vector<bool> special(rs_.units.size(), false);
        for (UnitIndex u = 0; u < rs_.units.size(); ++u) {
            if (held_[u] || rs_.units[u].prereq) special[u] = true;
            if (rs_.units[u].prereq) for_each_prereq_unit(*rs_.units[u].prereq, [&](UnitIndex p) { special[p] = true; });
        }
        for (const Equivalence& e : rs_.equivalences) special[e.target] = true;
        for (UnitIndex u = 0; u < rs_.units.size(); ++u) special[u] = special[u] || source_[u];
        for (const ExclusiveSet& x : rs_.exclusives)
            for (UnitIndex u : x.units) special[u] = true;
        for (const Award& a : rs_.awards)
            for (const Requirement& r : a.requirements)
                for (UnitIndex u : r.units) special[u] = true;

        std::map<std::vector<std::int64_t>, std::size_t> index;
        std::vector<std::vector<UnitIndex>> classes;
        for (UnitIndex u : candidates) {
            if (mandatory[u]) continue;
            if (special[u]) {
                classes.push_back({u});
                continue;
            }
            std::vector<std::int64_t> signature = selector_signature(u);
            auto [it, fresh] = index.emplace(std::move(signature), classes.size());
            if (fresh) classes.emplace_back();
            classes[it->second].push_back(u);
        }
        for (auto& c : classes)
            std::sort(c.begin(), c.end(), [&](UnitIndex a, UnitIndex b) { return rs_.units[a].id < rs_.units[b].id; });
        return classes;
    }

    /// What every rule sees of a unit: its size and institution, and which selectors take it.
    std::vector<std::int64_t> selector_signature(UnitIndex u) const {
        const Unit& unit = rs_.units[u];
        std::vector<std::int64_t> s{unit.credits, unit.level, unit.institution, unit.rpl_never};
        auto take = [&](const Selector& sel) { s.push_back(sel.units.test(u) ? 1 : 0); };
        for (const Award& a : rs_.awards) {
            for (const Requirement& r : a.requirements)
                if (r.kind == Requirement::Kind::count_of || r.kind == Requirement::Kind::credits_from) take(r.selector);
            for (const CreditLimit& l : a.limits) take(l.selector);
        }
        return s;
    }

    /// gain_ of each candidate: its own credits if the award can take it, and those of every unit
    /// it can give by equivalence, transitively, that the award can take.
    void compute_gains(const std::vector<UnitIndex>& candidates) {
        const Bitset& reach = rs_.awards[award_].reach.units;
        gain_.assign(rs_.units.size(), 0);
        std::vector<bool> seen(rs_.units.size(), false);
        std::vector<UnitIndex> stack, visited;
        for (UnitIndex u : candidates) {
            stack.assign(1, u);
            visited.assign(1, u);
            seen[u] = true;
            while (!stack.empty()) {
                const UnitIndex v = stack.back();
                stack.pop_back();
                if (reach.test(v)) gain_[u] += rs_.units[v].credits;
                for (UnitIndex t : gives_[v])
                    if (!seen[t]) seen[t] = true, stack.push_back(t), visited.push_back(t);
            }
            for (UnitIndex v : visited) seen[v] = false;
        }
    }

    // ---- prerequisites and order ---------------------------------------------------------

    bool met(const Prereq& p, const std::vector<bool>& added) const {
        switch (p.op) {
            case Prereq::Op::unit: return held_[p.unit] || added[p.unit];
            case Prereq::Op::all_of:
                return std::all_of(p.terms.begin(), p.terms.end(), [&](const Prereq& t) { return met(t, added); });
            case Prereq::Op::any_of:
                return std::any_of(p.terms.begin(), p.terms.end(), [&](const Prereq& t) { return met(t, added); });
        }
        return false;
    }

    bool closed(const std::vector<UnitIndex>& set) {
        if (added_.size() != rs_.units.size()) added_.assign(rs_.units.size(), false);
        for (UnitIndex u : set) added_[u] = true;
        const bool all = std::all_of(set.begin(), set.end(),
                                     [&](UnitIndex u) { return !rs_.units[u].prereq || met(*rs_.units[u].prereq, added_); });
        for (UnitIndex u : set) added_[u] = false;  // all false again, for the next set
        return all;
    }

    /// Repeatedly the smallest id whose prerequisites are met.
    std::vector<UnitIndex> plan_order(std::vector<UnitIndex> set) const {
        std::sort(set.begin(), set.end(), [&](UnitIndex a, UnitIndex b) { return rs_.units[a].id < rs_.units[b].id; });
        std::vector<bool> placed(rs_.units.size(), false);
        std::vector<UnitIndex> out;
        while (!set.empty()) {
            auto next = std::find_if(set.begin(), set.end(), [&](UnitIndex u) {
                return !rs_.units[u].prereq || met(*rs_.units[u].prereq, placed);
            });
            if (next == set.end()) next = set.begin();  // unreachable: the set is closed
            placed[*next] = true;
            out.push_back(*next);
            set.erase(next);
        }
        return out;
    }

    // ---- the search ------------------------------------------------------------------------

    Rank rank_of(const std::vector<UnitIndex>& set, Centi rpl) const {
        Rank r;
        for (UnitIndex u : set) {
            r.credits += rs_.units[u].credits;
            r.ids.push_back(rs_.units[u].id);
        }
        r.count = set.size();
        r.rpl = rpl;
        std::sort(r.ids.begin(), r.ids.end());
        return r;
    }

    void consider(const std::vector<UnitIndex>& set, Centi rpl) {
        Rank r = rank_of(set, rpl);
        if (!found_ || r < best_) {
            best_ = std::move(r);
            best_units_ = set;
            found_ = true;
        }
    }

    /// Step 4: a minimal eligible set from all candidates, dropping the largest units first.
    void shrink_to_upper_bound(const std::vector<UnitIndex>& candidates, const std::vector<bool>& mandatory) {
        std::vector<UnitIndex> order = candidates;
        std::sort(order.begin(), order.end(), [&](UnitIndex a, UnitIndex b) {
            const Unit& x = rs_.units[a];
            const Unit& y = rs_.units[b];
            return x.credits != y.credits ? x.credits > y.credits : x.id > y.id;
        });
        std::vector<UnitIndex> set = candidates;
        for (UnitIndex u : order) {
            if (mandatory[u]) continue;
            std::vector<UnitIndex> smaller;
            for (UnitIndex v : set)
                if (v != u) smaller.push_back(v);
            if (closed(smaller) && probe(smaller) == Answer::yes) set = std::move(smaller);
        }
        Centi rpl = 0;
        test(set, &rpl);
        consider(set, rpl);
    }

    /// Tests `chosen`, then extends it with a prefix of each later class, depth first.
    /// `credits`: what the chosen units add up to; `reach`: the most the award could then count.
    void explore(const std::vector<std::vector<UnitIndex>>& classes, std::size_t first, std::vector<UnitIndex>& chosen,
                 Centi credits, Centi reach) {
        if (out_of_budget_) return;
        if (std::make_pair(best_.credits, best_.count) < std::make_pair(credits, chosen.size())) return;
        const Centi lacking = rs_.awards[award_].credits - reach;
        if (lacking > 0) {
            // Units still to come must add it, each at most its gain: at the best ratio of credits
            // to gain among them, that costs credits + lacking * ratio against the best plan,
            // with one unit more.
            const Ratio r = best_ratio_from_[first];
            if (r.gain == 0) return;  // no unit left adds to the reach
            const Centi over = (credits - best_.credits) * r.gain + lacking * r.credits;
            if (over > 0 || (over == 0 && chosen.size() + 1 > best_.count)) return;
            return extend(classes, first, chosen, credits, reach);
        }
        if (closed(chosen)) {
            if (steps_ >= options_.budget) {
                out_of_budget_ = true;
                return;
            }
            if (probe(chosen) == Answer::yes) {
                Centi rpl = 0;
                test(chosen, &rpl);
                consider(chosen, rpl);
                return;  // supersets cost more
            }
        }
        extend(classes, first, chosen, credits, reach);
    }

    /// Explores `chosen` extended with a prefix of each later class, depth first.
    void extend(const std::vector<std::vector<UnitIndex>>& classes, std::size_t first, std::vector<UnitIndex>& chosen,
                Centi credits, Centi reach) {
        for (std::size_t c = first; c < classes.size(); ++c) {
            std::size_t taken = 0;
            Centi more_credits = credits, more_reach = reach;
            for (UnitIndex u : classes[c]) {
                chosen.push_back(u);
                ++taken;
                more_credits += rs_.units[u].credits;
                more_reach += gain_[u];
                explore(classes, c + 1, chosen, more_credits, more_reach);
                if (out_of_budget_) break;
            }
            chosen.resize(chosen.size() - taken);
            if (out_of_budget_) return;
        }
    }

    // ---- explanations ------------------------------------------------------------------------

    std::string impossible_reason(const std::vector<UnitIndex>& candidates) {
        add_units(candidates);
        ItemSet items = build_items(rs_, probe_, as_of_);
        AllocateOptions o;
        o.budget = options_.allocation_budget;
        o.explain = true;
        o.scratch = &scratch_;
        Allocation al = allocate(rs_, probe_, items, award_, o);
        if (al.status == Allocation::Status::budget_exceeded) throw PathwayBudgetExceeded{rs_.awards[award_].id};
        const Award& award = rs_.awards[award_];
        std::string with = "even with every catalogue unit that could count added (" + std::to_string(candidates.size()) +
                           " units), no allocation meets " + award.id;
        for (std::size_t s = 0; s < al.slots.size(); ++s) {
            if (al.slot_met[s] || al.slots[s].kind == Slot::Kind::held) continue;
            const Award& owner = rs_.awards[al.slots[s].award];
            const Requirement& r = owner.requirements[al.slots[s].requirement];
            return with + ": the largest allocation within its limits, RPL caps and exclusive sets leaves \"" + r.name +
                   "\" of " + owner.id + " (line " + std::to_string(r.where.line) + ") unmet (it asks for " +
                   r.description + ")";
        }
        return with + ": its credits cannot be reached within its limits, RPL caps and exclusive sets";
    }

    /// After each step of the plan, the awards that became eligible. Every award is tested; the
    /// allocation's reach screen answers most of them without a search.
    std::vector<Milestone> milestones(const std::vector<UnitIndex>& plan) {
        add_units({});  // the learner as is: base_ are its items
        std::vector<bool> eligible(rs_.awards.size(), false);
        for (AwardIndex a = 0; a < rs_.awards.size(); ++a) eligible[a] = eligible_in(base_, a, nullptr);
        std::vector<Milestone> out;
        for (std::size_t k = 0; k < plan.size(); ++k) {
            add_units(std::vector<UnitIndex>(plan.begin(), plan.begin() + static_cast<std::ptrdiff_t>(k) + 1));
            ItemSet items = collect_items(rs_, probe_, as_of_);
            Milestone m;
            m.after = plan[k];
            for (AwardIndex a = 0; a < rs_.awards.size(); ++a)
                if (!eligible[a] && eligible_in(items, a, nullptr)) {
                    eligible[a] = true;
                    m.eligible.push_back(a);
                }
            out.push_back(std::move(m));
        }
        return out;
    }

    const Ruleset& rs_;
    const Learner& learner_;
    Date as_of_;
    AwardIndex award_;
    PathwayOptions options_;
    Learner probe_;               ///< the learner plus the units under test
    ItemSet base_;                ///< the learner's own items
    Bitset present_;              ///< their units and the units under test (probe's screen)
    SearchScratch scratch_;       ///< reused by every allocation search of this pathway search
    std::vector<bool> held_;      ///< per unit: the learner has an item of it (meets prerequisites)
    Centi reach_credits_ = 0;     ///< what the learner's own items could count at most
    std::vector<bool> source_;    ///< per unit: a source of some equivalence
    std::vector<std::vector<UnitIndex>> gives_;  ///< per unit: the targets of equivalences it is a source of
    /// Per candidate unit: the most it can add to what the award could count at most
    /// (reachable_credits); see compute_gains().
    std::vector<Centi> gain_;
    struct Ratio {
        Centi credits = 0;
        Centi gain = 0;  ///< 0: no unit adds to the reach
    };
    std::vector<Ratio> best_ratio_from_;
    std::vector<bool> added_;     ///< closed(): the units of the set
    std::uint64_t steps_ = 0;
    bool out_of_budget_ = false;
    bool undecided_ = false;  ///< some candidate set could not be decided within the probe budget
    bool found_ = false;
    Rank best_;
    std::vector<UnitIndex> best_units_;
};

void ladder_from(const Ruleset& rs, AwardIndex a, std::vector<bool>& seen, std::vector<AwardIndex>& out) {
    if (seen[a]) return;
    seen[a] = true;
    for (const Requirement& r : rs.awards[a].requirements)
        if (r.kind == Requirement::Kind::award && r.award != kNone) ladder_from(rs, r.award, seen, out);
    out.push_back(a);
}

}  // namespace

Pathway find_pathway(const Ruleset& ruleset, const Learner& learner, Date as_of, AwardIndex award,
                     const PathwayOptions& options) {
    return PathwaySearch(ruleset, learner, as_of, award, options).run();
}

std::vector<AwardIndex> stacking_ladder(const Ruleset& ruleset, AwardIndex award) {
    std::vector<bool> seen(ruleset.awards.size(), false);
    std::vector<AwardIndex> out;
    ladder_from(ruleset, award, seen, out);
    return out;
}

}  // namespace credo::engine
