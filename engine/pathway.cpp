// Pathways. The allocation search is the oracle: a set of units helps exactly when, added to the
// learner's record as new credentials, it makes the award eligible. Eligibility only grows as
// units are added, which gives the search its structure:
//
// 1. Candidates: the units of the award's neighbourhood in the policy graph (units some
//    requirement of the award or of an award it stacks can take, the sources that give them by
//    equivalence, transitively, and their prerequisites). No other unit can help.
// 2. If all candidates together do not make the award eligible, no set does: not possible. The
//    allocation found with all of them names the candidates it takes (`used`).
// 3. Mandatory: a unit of `used` without which the others fail the screens below; and what a
//    mandatory unit needs as a prerequisite outside every `or`.
// 4. An upper bound: from `used` with its prerequisites, drop units (largest first, until a pass
//    drops none) while the rest stays eligible and closed under prerequisites.
// 5. Branch and bound over the optional candidates, sets in canonical form only: units that no
//    rule of the award's tree tells apart (same credits and institution, the same selectors, no
//    prerequisite role, no equivalence, nothing the learner holds) are taken in id order, and
//    the scarcest units come first. A branch is cut when even all the units still to come could
//    not pass the screens: the allocation's (each requirement alone) and SupplyBound's (the
//    requirements together, each credential behind one item, the RPL cap and credit limits). A
//    set is tested only when it is closed under prerequisites and the screens leave it nothing
//    lacking; the bound on (credits, units) of the best set prunes the rest, counting what the
//    set still lacks at the best ratio of credits to gain left (a unit's gain: its credits and
//    those of the units it gives by equivalence). Every tested set counts one step.
#include "engine/pathway.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>
#include <utility>

#include "engine/allocate.hpp"
#include "engine/graph.hpp"
#include "engine/supply_bound.hpp"

namespace credo::engine {

namespace {

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
    PathwaySearch(const Ruleset& rs, const Learner& learner, Date as_of, AwardIndex award, const PathwayOptions& options,
                  const Standing* standing)
        : rs_(rs), learner_(learner), as_of_(as_of), award_(award), options_(options), standing_(standing),
          probe_(learner), own_base_(standing ? ItemSet{} : build_items(rs_, learner_, as_of_)),
          base_(standing ? *standing->items : own_base_), bound_(rs_, learner_, base_, award_),
          memo_(standing && standing->memo ? *standing->memo : own_memo_) {
        held_.assign(rs_.units.size(), false);
        for (const Item& item : base_.items)
            if (item.unit != kNone && item.kind != Item::Kind::substitute) held_[item.unit] = true;
        reach_credits_ = reachable_credits(rs_, base_, award_);
        compute_suffixes({});
    }

    Pathway run() {
        Pathway out;
        std::vector<UnitIndex> candidates = collect_candidates();
        std::vector<UnitIndex> used;  // the candidates the allocation found with all of them takes
        const bool screened_out = !may_meet(candidates, suffix_.size() - 1);
        if (screened_out) ++steps_;
        if (screened_out || !test_all(candidates, used)) {
            out.possible = false;
            out.reason = impossible_reason(candidates);
            out.steps = steps_;
            return out;
        }
        // Every other candidate set that holds `used` is eligible too: only units of `used` can be
        // in every plan. Where the supply bound does not apply (a held award, exceptions), the
        // screens say little, and a test decides.
        std::vector<bool> mandatory(rs_.units.size(), false);
        std::vector<UnitIndex> forced, others;
        others.reserve(candidates.size());
        const SupplyBound::Supply every = supply_of(candidates);  // the others' supply: this less u's
        SupplyBound::Supply supply;
        for (UnitIndex u : used) {
            others.clear();
            for (UnitIndex v : candidates)
                if (v != u) others.push_back(v);
            supply = every;
            bound_.add(supply, u, -1);
            if (!may_meet(others, supply, suffix_.size() - 1) ||
                (!bound_.active() && probe(others, options_.probe_budget) == Answer::no)) {
                mandatory[u] = true;
                forced.push_back(u);
            }
        }
        // What a mandatory unit needs in every case (a prerequisite not behind an `or`) is mandatory.
        for (std::size_t k = 0; k < forced.size(); ++k)
            if (const auto& prereq = rs_.units[forced[k]].prereq)
                for_each_needed_unit(*prereq, [&](UnitIndex p) {
                    if (held_[p] || mandatory[p]) return;
                    mandatory[p] = true;
                    forced.push_back(p);
                });
        shrink_to_upper_bound(closure(used), mandatory);

        std::vector<std::vector<UnitIndex>> classes = optional_classes(candidates, mandatory);
        scarce_first(classes, candidates);
        std::vector<UnitIndex> chosen = forced;
        compute_gains(candidates);
        compute_suffixes(classes);
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
        chosen_supply_ = supply_of(chosen);
        explore(classes, 0, chosen, credits, reach);

        out.units = plan_order(best_units_);
        out.credits = best_.credits;
        out.rpl_credits = best_.rpl;
        out.optimal = !out_of_budget_ && !undecided_;
        out.milestones = milestones(out.units, out.optimal);
        out.steps = steps_;
        return out;
    }

private:
    // ---- the oracle --------------------------------------------------------------------

    /// The learner with `added` as new credentials: basis earned, dated as_of, ungraded; named
    /// "+" and the unit id, or with `last` "~" and the unit id (after the learner's own ids in
    /// credential order, as ids mostly are).
    void add_units(const std::vector<UnitIndex>& added, bool last = false) {
        if (probe_units_ == added && probe_last_ == last) return;
        probe_units_ = added;
        probe_last_ = last;
        probe_.credentials.resize(learner_.credentials.size());
        for (UnitIndex u : added) {
            const Unit& unit = rs_.units[u];
            Credential c;
            c.id = (last ? "~" : "+") + unit.id;
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

    /// The items of the learner with `added` (probe_ becomes that learner): the learner's own
    /// with the new credentials' items when none of them gives anything by equivalence (then
    /// they change no other item), else collected afresh. Unordered.
    ItemSet items_with(const std::vector<UnitIndex>& added, bool last = false) {
        add_units(added, last);
        const bool plain = std::all_of(added.begin(), added.end(), [&](UnitIndex u) { return rs_.equivalence_gives[u].empty(); });
        return plain ? extend_items(rs_, probe_, base_, static_cast<std::uint32_t>(learner_.credentials.size()))
                     : collect_items(rs_, probe_, as_of_);
    }

    /// Whether award `a` is eligible with `items`; with `rpl`, also the RPL credits of the
    /// preferred allocation (otherwise the search stops at the first allocation it finds).
    /// Unordered items are screened first, and ordered only when the award needs a search.
    /// With `lines`, the allocation found when eligible; with `answer`, the answer and the steps
    /// its search took (not set for a held award). Throws PathwayBudgetExceeded.
    bool eligible_in(ItemSet& items, AwardIndex a, Centi* rpl, std::uint64_t budget = 0,
                     std::vector<AllocationLine>* lines = nullptr, PathwayMemo::Answer* answer = nullptr) {
        if (items.held_item[a] != kNone) {
            if (rpl) *rpl = 0;
            return true;
        }
        AllocateOptions o;
        o.budget = budget ? budget : options_.allocation_budget;
        o.explain = false;
        o.any = rpl == nullptr;
        o.rpl_only = true;  // only the RPL credits of the preferred allocation are used
        o.scratch = &memo_.scratch;
        if (!items.ordered && !needs_search(rs_, probe_, items, a, false, o)) {  // screened out: no search
            if (rpl) *rpl = 0;
            if (answer) *answer = PathwayMemo::Answer{a, rpl != nullptr, false, 0, 0};
            return false;
        }
        order_items(rs_, probe_, items);
        Allocation al = allocate(rs_, probe_, items, a, o);
        if (al.status == Allocation::Status::budget_exceeded) throw PathwayBudgetExceeded{rs_.awards[a].id};
        const bool eligible = al.status == Allocation::Status::eligible;
        if (rpl) *rpl = al.rpl_credits;
        if (answer) *answer = PathwayMemo::Answer{a, rpl != nullptr, eligible, al.rpl_credits, al.steps};
        if (lines) *lines = std::move(al.lines);
        return eligible;
    }

    /// The memo's entry for the set `added` (in any order), its items built when new (a spare
    /// entry once the memo is full).
    PathwayMemo::Entry& entry_for(const std::vector<UnitIndex>& added) {
        key_.assign(added.begin(), added.end());
        std::sort(key_.begin(), key_.end());
        auto it = memo_.sets.find(key_);
        if (it != memo_.sets.end()) return it->second;
        if (spare_used_ && spare_.units == key_) return spare_;
        PathwayMemo::Entry entry{key_, items_with(key_), {}};
        if (memo_.items + entry.items.items.size() <= PathwayMemo::kMaxItems) {
            memo_.items += entry.items.items.size();
            return memo_.sets.emplace(key_, std::move(entry)).first->second;
        }
        spare_ = std::move(entry);
        spare_used_ = true;
        return spare_;
    }

    /// eligible_in() for the learner with the memo entry's units: answered from the memo when
    /// asked before (always searched when `lines` are wanted).
    bool eligible_with(PathwayMemo::Entry& entry, AwardIndex a, Centi* rpl, std::uint64_t budget = 0,
                       std::vector<AllocationLine>* lines = nullptr) {
        const std::uint64_t limit = budget ? budget : options_.allocation_budget;
        auto known = std::find_if(entry.answers.begin(), entry.answers.end(), [&](const PathwayMemo::Answer& x) {
            return x.award == a && x.rpl == (rpl != nullptr);
        });
        if (known != entry.answers.end() && !lines) {
            if (known->steps > limit) throw PathwayBudgetExceeded{rs_.awards[a].id};
            if (rpl) *rpl = known->rpl_credits;
            return known->eligible;
        }
        // The search for the fewest RPL credits decides eligibility exactly too: its answer, found
        // within this query's budget, stands for one of a search for any allocation.
        if (!rpl && !lines)
            for (const PathwayMemo::Answer& x : entry.answers)
                if (x.award == a && x.rpl && x.steps <= limit) return x.eligible;
        add_units(entry.units);
        PathwayMemo::Answer answer;
        const bool eligible = eligible_in(entry.items, a, rpl, budget, lines, &answer);
        if (known == entry.answers.end() && answer.award != kNone) entry.answers.push_back(answer);
        return eligible;
    }

    /// One step: does adding `added` make the award eligible? With `used`, the added units the
    /// allocation found takes (through items of theirs or derived from them), ascending.
    bool test(const std::vector<UnitIndex>& added, Centi* rpl, std::uint64_t budget = 0,
              std::vector<UnitIndex>* used = nullptr) {
        ++steps_;
        PathwayMemo::Entry& entry = entry_for(added);
        std::vector<AllocationLine> lines;
        if (!eligible_with(entry, award_, rpl, budget, used ? &lines : nullptr)) return false;
        if (used) *used = units_taken(entry.items, lines, entry.units);
        return true;
    }

    /// The units of `added` an allocation's lines take, through items of theirs or derived from
    /// them, in `added` order.
    std::vector<UnitIndex> units_taken(const ItemSet& items, const std::vector<AllocationLine>& lines,
                                       const std::vector<UnitIndex>& added) const {
        std::vector<bool> takes(added.size(), false);
        const std::size_t own = learner_.credentials.size();
        for (const AllocationLine& line : lines)
            for (std::uint32_t c : items.items[line.item].sources)
                if (c >= own) takes[c - own] = true;
        std::vector<UnitIndex> out;
        for (std::size_t k = 0; k < added.size(); ++k)
            if (takes[k]) out.push_back(added[k]);
        return out;
    }

    /// Step 2's test (one step): do all candidates together make the award eligible? With
    /// `used`, the candidates the allocation found takes. The search tries items in credential
    /// order, so the added credentials are named to come after the learner's own: it takes the
    /// learner's items first and few added units, which leaves step 4 fewer units to try. That
    /// search gets a tenth of the probe budget; past it, test() decides. Its items are not
    /// test()'s for the same units: with a memo of several searches, they are the memo's items of
    /// every catalogue unit added, which the allocation, leaving out the items no requirement of
    /// the award's tree could take (those of units that are no candidate), sees as the items of
    /// the candidates alone.
    bool test_all(const std::vector<UnitIndex>& candidates, std::vector<UnitIndex>& used) {
        ItemSet own;
        ItemSet* items = every_unit_items();
        const std::vector<UnitIndex> every = items ? all_units() : std::vector<UnitIndex>{};
        if (!items) own = items_with(candidates, true), items = &own;
        const std::vector<UnitIndex>& added = items == &own ? candidates : every;
        std::vector<AllocationLine> lines;
        try {
            const std::uint64_t budget = std::min(options_.probe_budget / 10, options_.allocation_budget);
            const bool eligible = eligible_in(*items, award_, nullptr, std::max<std::uint64_t>(budget, 1), &lines);
            ++steps_;
            if (eligible) used = units_taken(*items, lines, added);
            return eligible;
        } catch (const PathwayBudgetExceeded&) {
            return test(candidates, nullptr, 0, &used);
        }
    }

    /// The memo's items of every catalogue unit added (PathwayMemo::every_unit), built at the first
    /// call; none without a standing's memo, or when equivalences would derive too many items.
    ItemSet* every_unit_items() {
        if (!standing_ || !standing_->memo) return nullptr;
        if (!memo_.every_unit_built) {
            memo_.every_unit_built = true;
            try {
                memo_.every_unit = items_with(all_units(), true);
                order_items(rs_, probe_, *memo_.every_unit);
            } catch (const DerivationLimit&) {
                memo_.every_unit.reset();
            }
        }
        return memo_.every_unit ? &*memo_.every_unit : nullptr;
    }

    /// Every catalogue unit, in index order.
    std::vector<UnitIndex> all_units() const {
        std::vector<UnitIndex> out(rs_.units.size());
        std::iota(out.begin(), out.end(), UnitIndex{0});
        return out;
    }

    enum class Answer { yes, no, unknown };

    /// A test while searching (with `rpl`, as test()), its allocation search capped at `budget`
    /// steps: unknown past it. The screens of may_meet() answer most sets without building their
    /// items. With `supply`, the supply of `added` to the supply bound, known already.
    Answer probe(const std::vector<UnitIndex>& added, std::uint64_t budget, Centi* rpl = nullptr,
                 const SupplyBound::Supply* supply = nullptr) {
        if (!(supply ? may_meet(added, *supply, suffix_.size() - 1) : may_meet(added, suffix_.size() - 1))) {
            ++steps_;
            return Answer::no;
        }
        try {
            return test(added, rpl, std::min(budget, options_.allocation_budget)) ? Answer::yes : Answer::no;
        } catch (const PathwayBudgetExceeded&) {
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
                if (in[e.target])
                    for (UnitIndex u : e.catalogue_sources) add(u);
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

    /// The units a prerequisite names outside every `or`: each must be met.
    template <typename F>
    static void for_each_needed_unit(const Prereq& p, F&& f) {
        if (p.op == Prereq::Op::unit) return f(p.unit);
        if (p.op == Prereq::Op::all_of)
            for (const Prereq& t : p.terms) for_each_needed_unit(t, f);
    }

    /// Splits the optional candidates into classes of units no rule of the award's tree (the
    /// award and those it stacks) tells apart; each class in id order, and units with any special
    /// role alone: held, with prerequisites or a prerequisite of a candidate, a source of an
    /// equivalence or the target of one a candidate is a source of, in an exclusive set, or named
    /// by an `all` of the tree.
    std::vector<std::vector<UnitIndex>> optional_classes(const std::vector<UnitIndex>& candidates,
                                                         const std::vector<bool>& mandatory) const {
        const std::vector<AwardIndex> tree = stacking_ladder(rs_, award_);
        std::vector<bool> special(rs_.units.size(), false);
        for (UnitIndex u : candidates) {
            special[u] = special[u] || held_[u] || !rs_.equivalence_gives[u].empty() || rs_.units[u].prereq;
            if (rs_.units[u].prereq) for_each_prereq_unit(*rs_.units[u].prereq, [&](UnitIndex p) { special[p] = true; });
            for (UnitIndex t : rs_.equivalence_gives[u]) special[t] = true;
        }
        for (const ExclusiveSet& x : rs_.exclusives)
            for (UnitIndex u : x.units) special[u] = true;
        for (AwardIndex a : tree)
            for (const Requirement& r : rs_.awards[a].requirements)
                for (UnitIndex u : r.units) special[u] = true;

        std::map<std::vector<std::int64_t>, std::size_t> index;
        std::vector<std::vector<UnitIndex>> classes;
        for (UnitIndex u : candidates) {
            if (mandatory[u]) continue;
            if (special[u]) {
                classes.push_back({u});
                continue;
            }
            std::vector<std::int64_t> signature = selector_signature(u, tree);
            auto [it, fresh] = index.emplace(std::move(signature), classes.size());
            if (fresh) classes.emplace_back();
            classes[it->second].push_back(u);
        }
        for (auto& c : classes)
            std::sort(c.begin(), c.end(), [&](UnitIndex a, UnitIndex b) { return rs_.units[a].id < rs_.units[b].id; });
        return classes;
    }

    /// What every rule of the award's tree sees of a unit: its size and institution, and which of
    /// the tree's selectors take it.
    std::vector<std::int64_t> selector_signature(UnitIndex u, const std::vector<AwardIndex>& tree) const {
        const Unit& unit = rs_.units[u];
        std::vector<std::int64_t> s{unit.credits, unit.institution, unit.rpl_never};
        auto take = [&](const Selector& sel) { s.push_back(sel.units.test(u) ? 1 : 0); };
        for (AwardIndex a : tree) {
            for (const Requirement& r : rs_.awards[a].requirements)
                if (r.kind == Requirement::Kind::count_of || r.kind == Requirement::Kind::credits_from) take(r.selector);
            for (const CreditLimit& l : rs_.awards[a].limits) take(l.selector);
        }
        return s;
    }

    /// gain_ of each candidate: its own credits if the award can take it, and those of every unit
    /// it can give by equivalence, transitively, that the award can take.
    void compute_gains(const std::vector<UnitIndex>& candidates) {
        const Bitset& reach = rs_.awards[award_].reach.units;
        gain_.assign(rs_.units.size(), 0);
        for (UnitIndex u : candidates) {
            if (reach.test(u)) gain_[u] += rs_.units[u].credits;
            for (UnitIndex t : rs_.equivalence_gives[u])
                if (reach.test(t)) gain_[u] += rs_.units[t].credits;
        }
    }

    /// Adds to `set` unit `u` and the units it gives by equivalence (Ruleset::equivalence_gives,
    /// which never holds u itself).
    void add_gives(Bitset& set, UnitIndex u) const {
        set.set(u);
        for (UnitIndex t : rs_.equivalence_gives[u]) set.set(t);
    }

    /// Orders the classes so that units fewer others could stand in for come first: those of the
    /// requirement with the fewest candidates to choose from. A branch that has passed them by
    /// without taking enough then fails may_meet() at once.
    void scarce_first(std::vector<std::vector<UnitIndex>>& classes, const std::vector<UnitIndex>& candidates) const {
        const Reach& reach = rs_.awards[award_].reach;
        std::vector<std::size_t> choice(rs_.units.size(), SIZE_MAX);
        for (auto [a, r] : reach.demands) {
            const Bitset& units = rs_.awards[a].requirements[r].selector.units;
            std::size_t n = 0;
            for (UnitIndex u : candidates) n += units.test(u);
            for (UnitIndex u : candidates)
                if (units.test(u)) choice[u] = std::min(choice[u], n);
        }
        std::stable_sort(classes.begin(), classes.end(), [&](const std::vector<UnitIndex>& x, const std::vector<UnitIndex>& y) {
            return choice[x.front()] < choice[y.front()];
        });
    }

    /// For the units of the classes from c on: suffix_[c], with what they give by equivalence
    /// (add_gives()); suffix_supply_[c], their supply to SupplyBound. The entry past the last
    /// class is empty.
    void compute_suffixes(const std::vector<std::vector<UnitIndex>>& classes) {
        suffix_.assign(classes.size() + 1, Bitset(rs_.units.size()));
        suffix_supply_.assign(classes.size() + 1, bound_.supply_of(suffix_.back()));
        for (std::size_t c = classes.size(); c-- > 0;) {
            suffix_[c] = suffix_[c + 1];
            suffix_supply_[c] = suffix_supply_[c + 1];
            for (UnitIndex u : classes[c]) add_gives(suffix_[c], u), bound_.add(suffix_supply_[c], u, 1);
        }
    }

    /// Whether `chosen` with some of the units of the classes from `first` on could make the
    /// award eligible: the allocation's screen and the supply bound, with all of them added
    /// (eligibility only grows with units). With `first` past the last class: `chosen` alone.
    bool may_meet(const std::vector<UnitIndex>& chosen, std::size_t first) {
        return may_meet(chosen, supply_of(chosen), first);
    }

    /// The same with the supply of `chosen` known.
    bool may_meet(const std::vector<UnitIndex>& chosen, const SupplyBound::Supply& supply, std::size_t first) {
        return bound_.lacking(suffix_supply_[first], supply, true) <= 0 && lacking_by_unit(chosen, first, true) <= 0 &&
               may_be_eligible(rs_, learner_, base_, present_, award_);
    }

    SupplyBound::Supply supply_of(const std::vector<UnitIndex>& units) const {
        SupplyBound::Supply supply = suffix_supply_.back();  // the supply of no unit
        for (UnitIndex u : units) bound_.add(supply, u, 1);
        return supply;
    }

    /// SupplyBound::lacking_by_unit() for `chosen` with the units of the classes from `first` on;
    /// leaves present_ the units the learner would then have items of.
    Centi lacking_by_unit(const std::vector<UnitIndex>& chosen, std::size_t first, bool any = false) {
        added_items_ = suffix_[first];
        for (UnitIndex u : chosen) add_gives(added_items_, u);
        present_ = base_.present;
        present_ |= added_items_;
        return bound_.lacking_by_unit(added_items_, any);
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

    /// `set` with every unit its prerequisites name (both sides of an `or`), transitively.
    std::vector<UnitIndex> closure(std::vector<UnitIndex> set) const {
        std::vector<bool> in(rs_.units.size(), false);
        for (UnitIndex u : set) in[u] = true;
        for (std::size_t k = 0; k < set.size(); ++k)
            if (const auto& prereq = rs_.units[set[k]].prereq)
                for_each_prereq_unit(*prereq, [&](UnitIndex p) {
                    if (!in[p]) in[p] = true, set.push_back(p);
                });
        return set;
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

    /// Step 4: a minimal eligible set from an eligible closed one, dropping the largest units first.
    /// Only a bound: a set its probe (within a tenth of the probe budget) cannot decide keeps the
    /// unit, and the plan can still be optimal.
    void shrink_to_upper_bound(const std::vector<UnitIndex>& from, const std::vector<bool>& mandatory) {
        std::vector<UnitIndex> order = from;
        std::sort(order.begin(), order.end(), [&](UnitIndex a, UnitIndex b) {
            const Unit& x = rs_.units[a];
            const Unit& y = rs_.units[b];
            return x.credits != y.credits ? x.credits > y.credits : x.id > y.id;
        });
        std::vector<UnitIndex> set = from, smaller;
        std::vector<bool> in(rs_.units.size(), false);
        for (UnitIndex u : set) in[u] = true;
        SupplyBound::Supply supply = supply_of(set), less;  // the set's, and the smaller one's
        // A unit another still needs as a prerequisite cannot go until that one has gone: repeat
        // until a pass drops nothing.
        for (bool dropped = true; dropped;) {
            dropped = false;
            for (UnitIndex u : order) {
                if (mandatory[u] || !in[u]) continue;
                smaller.clear();
                for (UnitIndex v : set)
                    if (v != u) smaller.push_back(v);
                less = supply;
                bound_.add(less, u, -1);
                if (closed(smaller) && probe(smaller, options_.probe_budget / 10, nullptr, &less) == Answer::yes) {
                    set.swap(smaller);
                    supply.swap(less);
                    in[u] = false;
                    dropped = true;
                }
            }
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
        if (!may_meet(chosen, chosen_supply_, first)) return;
        const Centi lacking = std::max({rs_.awards[award_].credits - reach, bound_.lacking(suffix_supply_.back(), chosen_supply_),
                                        lacking_by_unit(chosen, suffix_.size() - 1)});
        if (lacking > 0) {
            // Units still to come must add it, each at most its gain (to the reach, and so to any
            // supply of SupplyBound): at the best ratio of credits to gain among them, that costs
            // credits + lacking * ratio against the best plan, with one unit more.
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
            // The preferred allocation's search says whether the set works and its RPL credits at
            // once. Past the probe budget, eligibility alone may still be settled (and the RPL
            // credits then found within the full budget); a set neither settles is not used, and
            // the plan is then not known optimal.
            Centi rpl = 0;
            Answer answer = probe(chosen, options_.probe_budget, &rpl, &chosen_supply_);
            if (answer == Answer::unknown) {
                answer = probe(chosen, options_.probe_budget, nullptr, &chosen_supply_);
                if (answer == Answer::yes) test(chosen, &rpl);
            }
            undecided_ = undecided_ || answer == Answer::unknown;
            if (answer == Answer::yes) {
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
                more_credits += rs_.units[u].credits;
                // explore()'s first cut, made before the unit's supply is added; the class's
                // longer prefixes cost more still.
                if (std::make_pair(best_.credits, best_.count) < std::make_pair(more_credits, chosen.size() + 1)) break;
                // Each set from here on is `chosen` with units of the classes from c on: when all of
                // those cannot make the award eligible, no later class can either (eligibility
                // only grows with units). Asked once a unit of the class is affordable.
                if (taken == 0 && c > first && !may_meet(chosen, chosen_supply_, c)) return;
                chosen.push_back(u);
                bound_.add(chosen_supply_, u, 1);
                ++taken;
                more_reach += gain_[u];
                explore(classes, c + 1, chosen, more_credits, more_reach);
                if (out_of_budget_) break;
            }
            for (std::size_t k = chosen.size() - taken; k < chosen.size(); ++k) bound_.add(chosen_supply_, chosen[k], -1);
            chosen.resize(chosen.size() - taken);
            if (out_of_budget_) return;
        }
    }

    // ---- explanations ------------------------------------------------------------------------

    /// Why no set works: the first requirement that the largest partial allocation with every
    /// candidate added leaves unmet (searched within a tenth of the probe budget: it explains, it
    /// does not decide). Units that are no candidates give no item the award's tree could take, so
    /// the memo's items of every catalogue unit show a first requirement never met as the
    /// candidates' own items would, without building those.
    std::string impossible_reason(const std::vector<UnitIndex>& candidates) {
        AllocateOptions o;
        o.budget = options_.probe_budget;
        o.scratch = &memo_.scratch;
        std::optional<Slot> unmet;
        if (ItemSet* every = every_unit_items()) {
            add_units(all_units(), true);
            unmet = first_requirement_never_met(rs_, probe_, *every, award_, o);
        }
        if (!unmet) {
            add_units(candidates);
            const ItemSet items = build_items(rs_, probe_, as_of_);
            unmet = first_unmet_requirement(rs_, probe_, items, award_, o);
        }
        const Award& award = rs_.awards[award_];
        std::string with = "even with every catalogue unit that could count added (" + std::to_string(candidates.size()) +
                           " units), no allocation meets " + award.id;
        if (!unmet) return with + ": its credits cannot be reached within its limits, RPL caps and exclusive sets";
        const Award& owner = rs_.awards[unmet->award];
        const Requirement& r = owner.requirements[unmet->requirement];
        return with + ": the largest allocation within its limits, RPL caps and exclusive sets leaves \"" + r.name +
               "\" of " + owner.id + " (line " + std::to_string(r.where.line) + ") unmet (it asks for " + r.description +
               ")";
    }

    /// After each step of the plan, the awards that became eligible. Eligibility only grows with
    /// units: the awards the whole plan makes eligible are found first (the allocation's screen
    /// answers most awards without a search), and the step at which each becomes so by bisection.
    /// With `optimal`, the award itself becomes eligible at the last step: a prefix of the plan is
    /// closed under prerequisites and costs less, so it is no plan.
    std::vector<Milestone> milestones(const std::vector<UnitIndex>& plan, bool optimal) {
        add_units({});  // the learner as is: base_ are its items
        std::vector<bool> eligible(rs_.awards.size(), false);
        if (standing_) eligible = standing_->eligible;
        else
            for (AwardIndex a = 0; a < rs_.awards.size(); ++a) eligible[a] = eligible_in(own_base_, a, nullptr);
        std::vector<Milestone> out(plan.size());
        for (std::size_t k = 0; k < plan.size(); ++k) out[k].after = plan[k];
        if (plan.empty()) return out;
        auto eligible_after = [&](std::size_t k, AwardIndex a) {
            const std::vector<UnitIndex> prefix(plan.begin(), plan.begin() + static_cast<std::ptrdiff_t>(k) + 1);
            return eligible_with(entry_for(prefix), a, nullptr);
        };
        // The whole plan's entry (it holds the award's own answer): a kept entry stays where it
        // is; the spare one (a full memo) is the next set's too.
        PathwayMemo::Entry* whole = &entry_for(plan);
        if (whole == &spare_) whole = nullptr;
        for (AwardIndex a = 0; a < rs_.awards.size(); ++a) {
            if (eligible[a] || !eligible_with(whole ? *whole : entry_for(plan), a, nullptr)) continue;
            std::size_t lo = a == award_ && optimal ? plan.size() - 1 : 0, hi = plan.size() - 1;  // eligible after step hi
            while (lo < hi) {
                const std::size_t mid = lo + (hi - lo) / 2;
                if (eligible_after(mid, a)) hi = mid;
                else lo = mid + 1;
            }
            out[lo].eligible.push_back(a);
        }
        return out;
    }

    const Ruleset& rs_;
    const Learner& learner_;
    Date as_of_;
    AwardIndex award_;
    PathwayOptions options_;
    const Standing* standing_;    ///< what the caller already knows of the learner, or none
    Learner probe_;               ///< the learner plus the units under test
    ItemSet own_base_;            ///< the learner's own items, without a standing
    const ItemSet& base_;         ///< the learner's own items (own_base_ or the standing's)
    SupplyBound bound_;
    Bitset added_items_, present_;  ///< see lacking_by_unit()
    PathwayMemo own_memo_;        ///< the memo, without a standing's
    PathwayMemo& memo_;           ///< the standing's memo or own_memo_
    std::vector<UnitIndex> key_;  ///< entry_for(): the set's units, ascending
    PathwayMemo::Entry spare_;    ///< entry_for() once the memo is full ...
    bool spare_used_ = false;     ///< ... once it holds a set
    std::vector<UnitIndex> probe_units_;  ///< the units probe_ has now (add_units()) ...
    bool probe_last_ = false;             ///< ... named to come last
    std::vector<bool> held_;      ///< per unit: the learner has an item of it (meets prerequisites)
    Centi reach_credits_ = 0;     ///< what the learner's own items could count at most
    /// Per candidate unit: the most it can add to what the award could count at most
    /// (reachable_credits); see compute_gains().
    std::vector<Centi> gain_;
    struct Ratio {
        Centi credits = 0;
        Centi gain = 0;  ///< 0: no unit adds to the reach
    };
    std::vector<Ratio> best_ratio_from_;
    std::vector<Bitset> suffix_;  ///< see compute_suffixes()
    std::vector<SupplyBound::Supply> suffix_supply_;
    SupplyBound::Supply chosen_supply_;  ///< explore(): the supply of its `chosen`
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
                     const PathwayOptions& options, const Standing* standing) {
    return PathwaySearch(ruleset, learner, as_of, award, options, standing).run();
}

std::vector<AwardIndex> stacking_ladder(const Ruleset& ruleset, AwardIndex award) {
    std::vector<bool> seen(ruleset.awards.size(), false);
    std::vector<AwardIndex> out;
    ladder_from(ruleset, award, seen, out);
    return out;
}

}  // namespace credo::engine
