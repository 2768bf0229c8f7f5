// Exact allocation by branch and bound over items, with incremental feasibility bounds and
// symmetry breaking among interchangeable items.
//
// The award tree (the award, its nested `require award` parts, or held awards in their place) is
// flattened into slots (non-shared requirements that take items) and parts (award instances
// with totals, limits, RPL caps and shared requirements). Items are decided one at a time, in
// the order of their sorted credential ids: assigned to one eligible slot, or left out.
//
// Pruning:
// - an assignment that would break a limit or RPL cap, or conflict with a chosen item (same
//   unit, shared credential, exclusive set), is never made;
// - potentials (what the undecided, unconflicted items could still add to each slot, part and
//   shared requirement; RPL items only up to what each cap leaves) prove a branch infeasible;
// - once everything is met the branch stops: adding items only worsens the preference order;
// - an item goes to a met requirement only while some enclosing part still lacks credits or a
//   shared requirement (otherwise dropping it would be strictly preferred), and then only to the
//   first met requirement of each part (they are alike for a surplus item);
// - a part's RPL cap is checked against the RPL its requirements are forced to take (what they
//   still need beyond the available earned items);
// - lower bounds on RPL credits (the total's shortfall beyond the earned items, or the RPL the
//   requirements are forced to take), excess and item count (what the totals and requirements
//   still need, summed over the tree) cut branches that cannot beat the best; a branch that can
//   only tie it is cut too when items stand for distinct single credentials, and settle_ties()
//   then picks the tie with the smallest credential ids by fixing items one at a time in id order;
// - interchangeable items (same credits, same eligibility and flags, one credential, no
//   conflicts) are used in id order and assigned to non-decreasing slots.
//
// Ties left after the preference order in LANGUAGE.md (the same items, placed differently) go to
// the first allocation in search order: items in credential-id order, each tried first in the
// requirements it helps meet (declaration order, depth first through nested awards), then as
// surplus toward a part's total.
//
// For an award that is not eligible, the reported allocation is the largest partial one: an
// item is added to a requirement only while that requirement is unmet, every limit, RPL cap and
// exclusive set still holds, and the preference is most credits counted, then most (non-shared)
// requirements met, then fewest RPL credits, fewest items, smallest sorted credential ids.
#include "engine/allocate.hpp"

#include <algorithm>
#include <map>
#include <memory_resource>
#include <optional>

namespace credo::engine {

namespace {

struct BudgetExceeded {};

/// What the search optimises: an eligible allocation, the largest partial one, or any entry
/// allocation.
enum class Goal { best, partial, any };

struct PartSpec {
    Part part;
    Centi need = 0;
    bool capped = false;
    Centi cap_scaled = 0;  ///< rpl * 10000 must not exceed this
    std::optional<Date> cutoff;  ///< `within`: items dated before this do not count
    std::vector<std::uint32_t> chain;  ///< this part and its ancestors, innermost first
};

struct LimitSpec {
    std::uint32_t part;
    const CreditLimit* limit;
};

struct SharedSpec {
    std::uint32_t part;
    std::uint32_t requirement;
    const Requirement* req;
    std::uint32_t cover_offset = 0;  ///< into the shared cover arrays (all)
};

const Requirement& requirement_of(const Ruleset& rs, const Slot& s) {
    const Award& a = rs.awards[s.award];
    return s.entry ? a.entry->requirements[s.requirement] : a.requirements[s.requirement];
}

bool waived(const Learner& learner, AwardIndex award, std::uint32_t requirement, bool entry) {
    for (const RuleException& e : learner.exceptions)
        if (e.kind == RuleException::Kind::waive && e.award == award && e.requirement == requirement && e.entry == entry)
            return true;
    return false;
}

/// True when some requirement in the award's tree could take the item (an over-approximation).
bool in_reach(const Reach& reach, const Item& item) {
    if (item.kind == Item::Kind::held)
        return std::find(reach.awards.begin(), reach.awards.end(), item.award) != reach.awards.end();
    if (item.locked) return false;
    if (item.unit != kNone) return reach.units.test(item.unit);
    if (reach.any) return true;
    for (const std::string& p : reach.patterns)
        if (item.key.compare(0, p.size(), p) == 0) return true;
    return false;
}

/// The award tree for one choice of held-or-nested at each `require award` the learner holds.
struct Tree {
    std::vector<PartSpec> parts;
    std::vector<Slot> slots;
    std::vector<LimitSpec> limits;
    std::vector<SharedSpec> shared;
    std::vector<MetRequirement> waived;
};

class TreeBuilder {
public:
    TreeBuilder(const Ruleset& rs, const Learner& learner, const ItemSet& items, bool entry, std::uint32_t choices)
        : rs_(rs), learner_(learner), items_(items), entry_(entry), choices_(choices) {}

    Tree build(AwardIndex award) {
        add_part(award, kNone, kNone, entry_);
        return std::move(tree_);
    }

    /// How many held-or-nested choices the last build met.
    std::uint32_t decisions() const { return decision_; }

private:
    void add_part(AwardIndex a, std::uint32_t parent, std::uint32_t via, bool entry) {
        const Award& award = rs_.awards[a];
        std::uint32_t p = static_cast<std::uint32_t>(tree_.parts.size());
        PartSpec spec;
        spec.part = Part{a, parent, via};
        spec.chain.push_back(p);
        if (parent != kNone)
            for (std::uint32_t q : tree_.parts[parent].chain) spec.chain.push_back(q);
        if (!entry) {
            spec.need = award.credits;
            spec.cutoff = recency_cutoff(award, items_.as_of);
            if (award.rpl_limit) {
                spec.capped = true;
                spec.cap_scaled = award.rpl_limit->scaled_cap();
            }
        }
        tree_.parts.push_back(spec);
        const auto& limits = entry ? award.entry->limits : award.limits;
        for (const CreditLimit& l : limits) tree_.limits.push_back(LimitSpec{p, &l});
        const auto& reqs = entry ? award.entry->requirements : award.requirements;
        for (std::uint32_t r = 0; r < reqs.size(); ++r) {
            const Requirement& req = reqs[r];
            if (waived(learner_, a, r, entry)) {
                tree_.waived.push_back(MetRequirement{a, r, p, entry});
                continue;
            }
            if (req.shared) {
                tree_.shared.push_back(SharedSpec{p, r, &req});
                continue;
            }
            Slot slot;
            slot.award = a;
            slot.requirement = r;
            slot.part = p;
            slot.entry = entry;
            switch (req.kind) {
                case Requirement::Kind::all: slot.kind = Slot::Kind::all; break;
                case Requirement::Kind::count_of: slot.kind = Slot::Kind::count_of; break;
                case Requirement::Kind::credits_from: slot.kind = Slot::Kind::credits_from; break;
                case Requirement::Kind::award: {
                    std::uint32_t held = items_.held_item[req.award];
                    bool use_held = false;
                    if (held != kNone) use_held = (choices_ >> decision_++) & 1u;
                    if (!use_held) {
                        add_part(req.award, p, r, false);
                        continue;
                    }
                    slot.kind = Slot::Kind::held;
                    slot.held_item = held;
                    break;
                }
            }
            tree_.slots.push_back(slot);
        }
    }

    const Ruleset& rs_;
    const Learner& learner_;
    const ItemSet& items_;
    bool entry_;
    std::uint32_t choices_;
    std::uint32_t decision_ = 0;
    Tree tree_;
};

/// The key an allocation is judged by (smaller is better).
struct Key {
    Centi rpl = 0;
    std::size_t met = 0;  ///< partial: requirements met
    Centi excess = 0;  ///< best: credits beyond the total; partial: minus the credits counted
    std::size_t count = 0;
    std::vector<std::string> ids;
};

bool ids_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

/// True when `a` is preferred to `b` for the goal.
bool better(Goal goal, const Key& a, const Key& b) {
    if (goal == Goal::partial) {
        if (a.excess != b.excess) return a.excess < b.excess;
        if (a.met != b.met) return a.met > b.met;
        if (a.rpl != b.rpl) return a.rpl < b.rpl;
    } else {
        if (a.rpl != b.rpl) return a.rpl < b.rpl;
        if (a.excess != b.excess) return a.excess < b.excess;
    }
    if (a.count != b.count) return a.count < b.count;
    return ids_less(a.ids, b.ids);
}

class Search {
public:
    Search(const Ruleset& rs, const ItemSet& items, const Tree& tree, Goal goal, bool entry, std::uint64_t& steps,
           std::uint64_t budget)
        : rs_(rs), items_(items), tree_(tree), goal_(goal), entry_(entry), steps_(steps), budget_(budget) {
        prepare();
    }

    /// Runs the search; true when an allocation was recorded.
    bool run() {
        if (!hopeless_from_start_) dfs(0);
        return found_;
    }

    /// After run(): the best allocation is exact in RPL credits, excess and item count, but a
    /// branch that could only tie it may have been cut (see hopeless()). This settles the tie:
    /// fixing items in credential order, each is kept out only when no allocation with the same
    /// key includes it, which gives the smallest credential ids.
    void settle_ties() {
        if (!found_ || !ties_cut_) return;
        const Key target = best_key_;
        std::vector<bool> in(entries_.size(), false);
        for (const AllocationLine& line : best_lines_)
            for (std::uint32_t i = 0; i < entries_.size(); ++i)
                if (entries_[i].index == line.item) in[i] = true;
        forced_.assign(entries_.size(), -1);
        for (std::uint32_t i = 0; i < entries_.size(); ++i) {
            if (in[i]) {
                forced_[i] = 1;
                continue;
            }
            forced_[i] = 1;
            last_forced_in_ = i;
            forced_in_after_.assign(entries_.size() + 1, 0);
            for (std::uint32_t k = static_cast<std::uint32_t>(entries_.size()); k-- > 0;)
                forced_in_after_[k] = forced_in_after_[k + 1] + (forced_[k] == 1 ? 1 : 0);
            init_state();
            target_ = target;
            found_ = false;
            std::vector<AllocationLine> previous = best_lines_;
            dfs(0);
            if (found_) {
                for (std::uint32_t k = 0; k < entries_.size(); ++k) in[k] = false;
                for (const AllocationLine& line : best_lines_)
                    for (std::uint32_t k = 0; k < entries_.size(); ++k)
                        if (entries_[k].index == line.item) in[k] = true;
            } else {
                forced_[i] = 0;
                best_lines_ = std::move(previous);
            }
        }
        for (std::uint32_t i = 0; i < entries_.size(); ++i)
            if (forced_[i] == 1) last_forced_in_ = i;
        found_ = true;
        best_key_ = target;
        best_key_.ids.clear();
        for (const AllocationLine& line : best_lines_)
            for (const std::string& id : items_.ids[line.item]) best_key_.ids.push_back(id);
        std::sort(best_key_.ids.begin(), best_key_.ids.end());
    }

    bool found() const { return found_; }
    const Key& best_key() const { return best_key_; }
    /// The recorded allocation as (ItemSet index, slot) pairs.
    const std::vector<AllocationLine>& best_lines() const { return best_lines_; }

private:
    // ---- preparation -------------------------------------------------------------------

    bool eligible(const Item& item, std::uint32_t item_index, const Slot& slot) const {
        if (item.source_only) return false;
        // Entry blocks see every item (held awards and their credentials too) and are not subject
        // to the award's recency, grade or rpl-never rules.
        const bool entry = entry_;
        if (slot.kind == Slot::Kind::held) {
            // A held award is an item too: dated by conferral, it must pass the `within` of every
            // award enclosing its `require award` (it is ungraded, and never rpl-never).
            if (slot.held_item != item_index) return false;
            for (std::uint32_t q : tree_.parts[slot.part].chain)
                if (too_old(rs_, rs_.awards[tree_.parts[q].part.award], tree_.parts[q].cutoff, item)) return false;
            return true;
        }
        if (item.kind == Item::Kind::held && !entry) return false;
        if (item.locked && !entry) return false;
        if (item.kind == Item::Kind::substitute &&
            (item.only_award != slot.award || item.only_requirement != slot.requirement || item.only_entry != slot.entry))
            return false;
        const Requirement& req = requirement_of(rs_, slot);
        if (!takes(req, item)) return false;
        if (req.min_grade && item.grade && *item.grade < *req.min_grade) return false;
        if (entry) return true;
        for (std::uint32_t q : tree_.parts[slot.part].chain)
            if (!admits(rs_, rs_.awards[tree_.parts[q].part.award], tree_.parts[q].cutoff, item)) return false;
        return true;
    }

    void prepare() {
        const std::size_t S = tree_.slots.size(), P = tree_.parts.size();
        // Cover offsets for `all` slots and shared `all` requirements.
        cover_offset_.assign(S, 0);
        std::uint32_t cover = 0;
        for (std::size_t s = 0; s < S; ++s) {
            cover_offset_[s] = cover;
            if (tree_.slots[s].kind == Slot::Kind::all) cover += static_cast<std::uint32_t>(requirement_of(rs_, tree_.slots[s]).units.size());
        }
        slot_cover_.assign(cover, 0);
        pot_cover_.assign(cover, 0);
        shared_offset_.assign(tree_.shared.size(), 0);
        std::uint32_t shared_cover = 0;
        for (std::size_t h = 0; h < tree_.shared.size(); ++h) {
            shared_offset_[h] = shared_cover;
            if (tree_.shared[h].req->kind == Requirement::Kind::all)
                shared_cover += static_cast<std::uint32_t>(tree_.shared[h].req->units.size());
        }
        shared_cover_.assign(shared_cover, 0);
        pot_shared_cover_.assign(shared_cover, 0);

        for (const PartSpec& p : tree_.parts) {
            same_institution_.push_back(rs_.awards[p.part.award].institution == rs_.awards[tree_.parts[0].part.award].institution);
            any_capped_ = any_capped_ || p.capped;
        }
        const Reach& reach = rs_.awards[tree_.parts[0].part.award].reach;
        entries_.reserve(items_.order.size());
        std::vector<std::uint32_t> eligible_slots;
        eligible_slots.reserve(S);
        for (std::uint32_t index : items_.order) {
            const Item& item = items_.items[index];
            if (!entry_ && !in_reach(reach, item)) continue;
            eligible_slots.clear();
            for (std::uint32_t s = 0; s < S; ++s)
                if (eligible(item, index, tree_.slots[s])) eligible_slots.push_back(s);
            if (eligible_slots.empty()) continue;
            Entry e(&arena_);
            e.index = index;
            e.credits = item.credits;
            e.slots.assign(eligible_slots.begin(), eligible_slots.end());
            e.slot_pos.reserve(e.slots.size());
            e.rpl.reserve(P);
            e.in_limit.reserve(tree_.limits.size());
            e.in_shared.reserve(tree_.shared.size());
            e.shared_pos.reserve(tree_.shared.size());
            std::vector<bool> touched(P, false);
            for (std::uint32_t s : e.slots)
                for (std::uint32_t q : tree_.parts[tree_.slots[s].part].chain) touched[q] = true;
            for (std::uint32_t q = 0; q < P; ++q)
                if (touched[q]) e.parts.push_back(q);
            for (std::uint32_t q = 0; q < P; ++q)
                e.rpl.push_back(is_rpl(item, rs_.awards[tree_.parts[q].part.award], rs_));
            for (const LimitSpec& l : tree_.limits)
                e.in_limit.push_back(in_limit(rs_, rs_.awards[tree_.parts[l.part].part.award], *l.limit, item));
            for (std::size_t h = 0; h < tree_.shared.size(); ++h) {
                const Requirement& req = *tree_.shared[h].req;
                bool in = false;
                std::uint32_t pos = kNone;
                if (touched[tree_.shared[h].part]) {
                    if (req.kind == Requirement::Kind::all) {
                        auto it = item.unit == kNone ? req.units.end() : std::find(req.units.begin(), req.units.end(), item.unit);
                        if (it != req.units.end()) in = true, pos = static_cast<std::uint32_t>(it - req.units.begin());
                    } else {
                        in = matches(req.selector, item);
                    }
                    if (in && req.min_grade && item.grade && *item.grade < *req.min_grade) in = false;
                }
                e.in_shared.push_back(in);
                e.shared_pos.push_back(pos);
            }
            for (std::uint32_t s : e.slots) {
                std::uint32_t pos = kNone;
                if (tree_.slots[s].kind == Slot::Kind::all) {
                    const auto& units = requirement_of(rs_, tree_.slots[s]).units;
                    pos = static_cast<std::uint32_t>(std::find(units.begin(), units.end(), item.unit) - units.begin());
                }
                e.slot_pos.push_back(pos);
            }
            entries_.push_back(std::move(e));
        }
        const std::size_t n = entries_.size();
        std::vector<const std::string*> credentials;
        for (const Entry& e : entries_) {
            largest_credits_ = std::max(largest_credits_, e.credits);
            smallest_credits_ = smallest_credits_ == 0 ? e.credits : std::min(smallest_credits_, e.credits);
            tie_cuts_allowed_ = tie_cuts_allowed_ && items_.ids[e.index].size() == 1;
            if (tie_cuts_allowed_) credentials.push_back(&items_.ids[e.index][0]);
        }
        // Entries are in credential order; a credential behind two entries (itself and what it
        // derives) would make the id order of sets differ from their order of entries.
        for (std::size_t k = 1; k < credentials.size() && tie_cuts_allowed_; ++k)
            tie_cuts_allowed_ = *credentials[k - 1] != *credentials[k];
        init_state();
        // Most awards are out of reach for a given learner: stop before the pairwise work.
        if (goal_ != Goal::partial && !can_still_meet()) {
            hopeless_from_start_ = true;
            return;
        }
        std::vector<std::uint32_t> entry_of(items_.items.size(), kNone);
        for (std::uint32_t i = 0; i < n; ++i) entry_of[entries_[i].index] = i;
        for (std::uint32_t i = 0; i < n; ++i)
            for (std::uint32_t j : items_.conflicts[entries_[i].index])
                if (entry_of[j] != kNone) entries_[i].conflicts.push_back(entry_of[j]);
        // Interchangeable items: single credential, no conflicts, no unit-specific slot, same
        // credits, eligibility and flags.
        std::map<std::vector<std::int64_t>, std::uint32_t> last_of_class;
        for (std::size_t i = 0; i < n; ++i) {
            Entry& e = entries_[i];
            const Item& item = items_.items[e.index];
            if (!e.conflicts.empty() || item.sources.size() != 1 || item.kind == Item::Kind::held) continue;
            bool unit_specific = false;
            for (std::uint32_t s : e.slots) unit_specific = unit_specific || tree_.slots[s].kind == Slot::Kind::all;
            for (std::size_t h = 0; h < tree_.shared.size(); ++h)
                unit_specific = unit_specific || (e.in_shared[h] && tree_.shared[h].req->kind == Requirement::Kind::all);
            if (unit_specific) continue;
            std::vector<std::int64_t> signature{e.credits, -1};
            for (std::uint32_t s : e.slots) signature.push_back(s);
            signature.push_back(-2);
            for (bool b : e.rpl) signature.push_back(b);
            for (bool b : e.in_limit) signature.push_back(b);
            for (bool b : e.in_shared) signature.push_back(b);
            auto [it, fresh] = last_of_class.emplace(signature, static_cast<std::uint32_t>(i));
            if (!fresh) {
                e.previous = it->second;
                it->second = static_cast<std::uint32_t>(i);
            }
        }
    }

    /// Zero state, with every item's potential counted.
    void init_state() {
        const std::size_t S = tree_.slots.size(), P = tree_.parts.size(), n = entries_.size();
        slot_count_.assign(S, 0);
        slot_credits_.assign(S, 0);
        pot_count_.assign(S, 0);
        pot_credits_.assign(S, 0);
        pot_earned_count_.assign(S, 0);
        pot_earned_credits_.assign(S, 0);
        pot_earned_cover_.assign(pot_cover_.size(), 0);
        part_credits_.assign(P, 0);
        part_rpl_.assign(P, 0);
        pot_part_.assign(P, 0);
        pot_part_rpl_.assign(P, 0);
        limit_use_.assign(tree_.limits.size(), 0);
        shared_count_.assign(tree_.shared.size(), 0);
        shared_credits_.assign(tree_.shared.size(), 0);
        pot_shared_count_.assign(tree_.shared.size(), 0);
        pot_shared_credits_.assign(tree_.shared.size(), 0);
        assigned_.assign(n, kNone);
        blocked_.assign(n, 0);
        for (std::size_t i = 0; i < n; ++i) potential(static_cast<std::uint32_t>(i), +1);
    }

    // ---- state -------------------------------------------------------------------------

    void potential(std::uint32_t i, int sign) {
        const Entry& e = entries_[i];
        const Centi c = e.credits * sign;
        const bool earned = !e.rpl[0];
        for (std::size_t k = 0; k < e.slots.size(); ++k) {
            std::uint32_t s = e.slots[k];
            pot_count_[s] += sign;
            pot_credits_[s] += c;
            if (e.slot_pos[k] != kNone) pot_cover_[cover_offset_[s] + e.slot_pos[k]] += sign;
            if (earned) {
                pot_earned_count_[s] += sign;
                pot_earned_credits_[s] += c;
                if (e.slot_pos[k] != kNone) pot_earned_cover_[cover_offset_[s] + e.slot_pos[k]] += sign;
            }
        }
        for (std::uint32_t q : e.parts) {
            pot_part_[q] += c;
            if (e.rpl[q]) pot_part_rpl_[q] += c;
        }
        for (std::size_t h = 0; h < tree_.shared.size(); ++h) {
            if (!e.in_shared[h]) continue;
            pot_shared_count_[h] += sign;
            pot_shared_credits_[h] += c;
            if (e.shared_pos[h] != kNone) pot_shared_cover_[shared_offset_[h] + e.shared_pos[h]] += sign;
        }
    }

    bool slot_met(std::uint32_t s) const {
        const Slot& slot = tree_.slots[s];
        const Requirement& req = requirement_of(rs_, slot);
        switch (slot.kind) {
            case Slot::Kind::all:
                for (std::size_t k = 0; k < req.units.size(); ++k)
                    if (!slot_cover_[cover_offset_[s] + k]) return false;
                return true;
            case Slot::Kind::count_of: return slot_count_[s] >= static_cast<int>(req.count);
            case Slot::Kind::credits_from: return slot_credits_[s] >= req.credits;
            case Slot::Kind::held: return slot_count_[s] >= 1;
        }
        return false;
    }

    bool shared_met(std::size_t h) const {
        const Requirement& req = *tree_.shared[h].req;
        switch (req.kind) {
            case Requirement::Kind::all:
                for (std::size_t k = 0; k < req.units.size(); ++k)
                    if (!shared_cover_[shared_offset_[h] + k]) return false;
                return true;
            case Requirement::Kind::count_of: return shared_count_[h] >= static_cast<int>(req.count);
            case Requirement::Kind::credits_from: return shared_credits_[h] >= req.credits;
            case Requirement::Kind::award: return true;
        }
        return false;
    }

    bool all_met() const {
        for (std::uint32_t s = 0; s < tree_.slots.size(); ++s)
            if (!slot_met(s)) return false;
        for (std::size_t p = 0; p < tree_.parts.size(); ++p)
            if (part_credits_[p] < tree_.parts[p].need) return false;
        for (std::size_t h = 0; h < tree_.shared.size(); ++h)
            if (!shared_met(h)) return false;
        return true;
    }

    /// False when the undecided items cannot complete some requirement, total or shared one.
    bool can_still_meet() {
        for (std::uint32_t s = 0; s < tree_.slots.size(); ++s) {
            const Slot& slot = tree_.slots[s];
            const Requirement& req = requirement_of(rs_, slot);
            switch (slot.kind) {
                case Slot::Kind::all:
                    for (std::size_t k = 0; k < req.units.size(); ++k)
                        if (!slot_cover_[cover_offset_[s] + k] && pot_cover_[cover_offset_[s] + k] == 0) return false;
                    break;
                case Slot::Kind::count_of:
                    if (slot_count_[s] + pot_count_[s] < static_cast<int>(req.count)) return false;
                    break;
                case Slot::Kind::credits_from:
                    if (slot_credits_[s] + pot_credits_[s] < req.credits) return false;
                    break;
                case Slot::Kind::held:
                    if (slot_count_[s] + pot_count_[s] < 1) return false;
                    break;
            }
        }
        for (std::size_t p = 0; p < tree_.parts.size(); ++p)
            if (reachable_credits(p) < tree_.parts[p].need) return false;
        if (any_capped_ && !caps_can_hold()) return false;
        for (std::size_t h = 0; h < tree_.shared.size(); ++h) {
            const Requirement& req = *tree_.shared[h].req;
            switch (req.kind) {
                case Requirement::Kind::all:
                    for (std::size_t k = 0; k < req.units.size(); ++k)
                        if (!shared_cover_[shared_offset_[h] + k] && pot_shared_cover_[shared_offset_[h] + k] == 0)
                            return false;
                    break;
                case Requirement::Kind::count_of:
                    if (shared_count_[h] + pot_shared_count_[h] < static_cast<int>(req.count)) return false;
                    break;
                case Requirement::Kind::credits_from:
                    if (shared_credits_[h] + pot_shared_credits_[h] < req.credits) return false;
                    break;
                case Requirement::Kind::award: break;
            }
        }
        return true;
    }

    /// Whether one more item in the (already met) slot could still help: some enclosing part
    /// lacks credits or a shared requirement. If not, the item could be dropped from any
    /// allocation built on it, which would then be strictly preferred, so it is not tried.
    bool surplus_helps(std::uint32_t s) const {
        for (std::uint32_t q : tree_.parts[tree_.slots[s].part].chain) {
            if (part_credits_[q] < tree_.parts[q].need) return true;
            for (std::size_t h = 0; h < tree_.shared.size(); ++h)
                if (tree_.shared[h].part == q && !shared_met(h)) return true;
        }
        return false;
    }

    /// The most credits a part could still reach: every available earned item, and RPL items up
    /// to what its cap leaves.
    Centi reachable_credits(std::size_t p) const {
        const PartSpec& part = tree_.parts[p];
        Centi rpl = pot_part_rpl_[p];
        if (part.capped) rpl = std::min(rpl, std::max<Centi>(0, part.cap_scaled / 10000 - part_rpl_[p]));
        return part_credits_[p] + (pot_part_[p] - pot_part_rpl_[p]) + rpl;
    }

    /// At least this many RPL credits toward the award in any completion: what the root total
    /// still lacks beyond the available earned items, or what the requirements are forced to take
    /// (summed: every item goes to one requirement), whichever is more.
    Centi rpl_lower_bound() const {
        Centi deficit = tree_.parts[0].need - part_credits_[0];
        Centi earned = pot_part_[0] - pot_part_rpl_[0];
        Centi forced = 0;
        for (std::uint32_t s = 0; s < tree_.slots.size(); ++s) forced += forced_rpl(s);
        return part_rpl_[0] + std::max<Centi>(forced, std::max<Centi>(0, deficit - earned));
    }

    /// At least this many more RPL credits (toward the award) must go to slot `s` in any
    /// completion: what it still needs beyond the available items earned toward the award.
    Centi forced_rpl(std::uint32_t s) const {
        const Slot& slot = tree_.slots[s];
        const Requirement& req = requirement_of(rs_, slot);
        Centi forced = 0;
        switch (slot.kind) {
            case Slot::Kind::all:
                for (std::size_t k = 0; k < req.units.size(); ++k)
                    if (!slot_cover_[cover_offset_[s] + k] && pot_earned_cover_[cover_offset_[s] + k] == 0)
                        forced += rs_.units[req.units[k]].credits;
                break;
            case Slot::Kind::count_of: {
                int need = static_cast<int>(req.count) - slot_count_[s] - pot_earned_count_[s];
                if (need > 0) forced += need * smallest_credits_;
                break;
            }
            case Slot::Kind::credits_from:
                forced += std::max<Centi>(0, req.credits - slot_credits_[s] - pot_earned_credits_[s]);
                break;
            case Slot::Kind::held:
                if (slot_count_[s] == 0 && pot_earned_count_[s] == 0) forced += items_.items[slot.held_item].credits;
                break;
        }
        return forced;
    }

    /// False when some part's RPL cap cannot hold: the RPL its slots are forced to take exceeds
    /// what the cap leaves (parts of the award's own institution, whose RPL is the award's).
    bool caps_can_hold() {
        const std::size_t P = tree_.parts.size();
        lb_credits_.assign(P, 0);
        for (std::uint32_t s = 0; s < tree_.slots.size(); ++s) lb_credits_[tree_.slots[s].part] += forced_rpl(s);
        for (std::size_t p = P; p-- > 0;) {
            const PartSpec& part = tree_.parts[p];
            if (part.capped && same_institution_[p] && (part_rpl_[p] + lb_credits_[p]) * 10000 > part.cap_scaled)
                return false;
            if (part.part.parent != kNone) lb_credits_[part.part.parent] += lb_credits_[p];
        }
        return true;
    }

    /// Lower bounds on the credits and items of any completion of the award: each part needs its
    /// total, and at least what its own requirements still need (an `all` its missing units, an
    /// `N of` its missing items at the smallest item's credits, a `credits from` its shortfall)
    /// plus its nested parts' bounds, since every item goes to one requirement.
    void completion_bounds(Centi& credits, std::size_t& items) {
        const std::size_t P = tree_.parts.size();
        lb_credits_.assign(P, 0);
        lb_items_.assign(P, 0);
        for (std::uint32_t s = 0; s < tree_.slots.size(); ++s) {
            const Slot& slot = tree_.slots[s];
            const Requirement& req = requirement_of(rs_, slot);
            Centi more = 0;
            std::size_t n = 0;
            switch (slot.kind) {
                case Slot::Kind::all:
                    for (std::size_t k = 0; k < req.units.size(); ++k)
                        if (!slot_cover_[cover_offset_[s] + k]) more += rs_.units[req.units[k]].credits, ++n;
                    break;
                case Slot::Kind::count_of: {
                    int need = static_cast<int>(req.count) - slot_count_[s];
                    if (need > 0) more = need * smallest_credits_, n = static_cast<std::size_t>(need);
                    break;
                }
                case Slot::Kind::credits_from:
                    more = std::max<Centi>(0, req.credits - slot_credits_[s]);
                    if (more > 0 && largest_credits_ > 0) n = static_cast<std::size_t>((more + largest_credits_ - 1) / largest_credits_);
                    break;
                case Slot::Kind::held:
                    if (slot_count_[s] == 0) more = items_.items[slot.held_item].credits, n = 1;
                    break;
            }
            lb_credits_[slot.part] += slot_credits_[s] + more;
            lb_items_[slot.part] += n;
        }
        for (std::size_t p = P; p-- > 0;) {
            const PartSpec& part = tree_.parts[p];
            lb_credits_[p] = std::max(lb_credits_[p], part.need);
            Centi shortfall = part.need - part_credits_[p];
            if (shortfall > 0 && largest_credits_ > 0)
                lb_items_[p] = std::max(lb_items_[p], static_cast<std::size_t>((shortfall + largest_credits_ - 1) / largest_credits_));
            if (part.part.parent != kNone) {
                lb_credits_[part.part.parent] += lb_credits_[p];
                lb_items_[part.part.parent] += lb_items_[p];
            }
        }
        credits = lb_credits_[0];
        items = lb_items_[0];
    }

    /// Limits and RPL caps of every part enclosing the slot still hold with the item added.
    bool fits(std::uint32_t i, std::uint32_t s) const {
        const Entry& e = entries_[i];
        for (std::uint32_t q : tree_.parts[tree_.slots[s].part].chain) {
            const PartSpec& part = tree_.parts[q];
            if (part.capped && e.rpl[q] && (part_rpl_[q] + e.credits) * 10000 > part.cap_scaled) return false;
        }
        for (std::size_t l = 0; l < tree_.limits.size(); ++l) {
            if (!e.in_limit[l]) continue;
            const auto& chain = tree_.parts[tree_.slots[s].part].chain;
            if (std::find(chain.begin(), chain.end(), tree_.limits[l].part) == chain.end()) continue;
            if (limit_use_[l] + e.credits > tree_.limits[l].limit->credits) return false;
        }
        return true;
    }

    void assign(std::uint32_t i, std::uint32_t k, int sign) {
        const Entry& e = entries_[i];
        const std::uint32_t s = e.slots[k];
        const Centi c = e.credits * sign;
        assigned_[i] = sign > 0 ? s : kNone;
        slot_count_[s] += sign;
        slot_credits_[s] += c;
        if (e.slot_pos[k] != kNone) slot_cover_[cover_offset_[s] + e.slot_pos[k]] += sign;
        const auto& chain = tree_.parts[tree_.slots[s].part].chain;
        for (std::uint32_t q : chain) {
            part_credits_[q] += c;
            if (e.rpl[q]) part_rpl_[q] += c;
        }
        for (std::size_t l = 0; l < tree_.limits.size(); ++l)
            if (e.in_limit[l] && std::find(chain.begin(), chain.end(), tree_.limits[l].part) != chain.end())
                limit_use_[l] += c;
        for (std::size_t h = 0; h < tree_.shared.size(); ++h) {
            if (!e.in_shared[h] || std::find(chain.begin(), chain.end(), tree_.shared[h].part) == chain.end()) continue;
            shared_count_[h] += sign;
            shared_credits_[h] += c;
            if (e.shared_pos[h] != kNone) shared_cover_[shared_offset_[h] + e.shared_pos[h]] += sign;
        }
        count_ += sign;
        for (std::uint32_t j : e.conflicts) {
            if (j <= i) continue;  // decided already
            if (sign > 0 && blocked_[j]++ == 0) potential(j, -1);
            if (sign < 0 && --blocked_[j] == 0) potential(j, +1);
        }
    }

    // ---- search ------------------------------------------------------------------------

    Key current_key() const {
        Key key;
        key.rpl = part_rpl_[0];
        key.excess = goal_ == Goal::partial ? -part_credits_[0] : part_credits_[0] - tree_.parts[0].need;
        key.count = static_cast<std::size_t>(count_);
        if (goal_ == Goal::partial)
            for (std::uint32_t s = 0; s < tree_.slots.size(); ++s) key.met += slot_met(s) ? 1 : 0;
        for (std::size_t i = 0; i < entries_.size(); ++i)
            if (assigned_[i] != kNone)
                for (const std::string& id : items_.ids[entries_[i].index]) key.ids.push_back(id);
        std::sort(key.ids.begin(), key.ids.end());
        return key;
    }

    void record() {
        Key key = current_key();
        if (target_) {
            if (key.rpl != target_->rpl || key.excess != target_->excess || key.count != target_->count) return;
        } else if (found_ && !better(goal_, key, best_key_)) {
            return;
        }
        found_ = true;
        best_key_ = std::move(key);
        best_lines_.clear();
        for (std::size_t i = 0; i < entries_.size(); ++i)
            if (assigned_[i] != kNone) best_lines_.push_back(AllocationLine{entries_[i].index, assigned_[i]});
    }

    /// True when this branch cannot beat the best allocation found.
    bool hopeless(std::uint32_t i) {
        if (target_) {
            if (found_) return true;  // settling a tie: the first allocation with the key will do
        } else if (!found_) {
            return false;
        }
        const Key& bound = target_ ? *target_ : best_key_;
        if (goal_ == Goal::any) return true;
        if (goal_ == Goal::partial) {
            Centi reachable = part_credits_[0] + pot_part_[0];
            return -reachable > best_key_.excess;
        }
        // Every completion has at least rpl_lower_bound() RPL credits: more than the best is worse;
        // equal to it, the excess and item count decide.
        Centi rpl = rpl_lower_bound();
        if (rpl != bound.rpl) return rpl > bound.rpl;
        Centi lb_credits = 0;
        std::size_t lb_items = 0;
        completion_bounds(lb_credits, lb_items);
        Centi excess = std::max<Centi>(0, lb_credits - tree_.parts[0].need);
        if (excess != bound.excess) return excess > bound.excess;
        std::size_t more = std::max<std::size_t>(1, lb_items);  // something is unmet: one item at least
        if (!forced_in_after_.empty()) more = std::max<std::size_t>(more, forced_in_after_[i]);
        std::size_t items = static_cast<std::size_t>(count_) + more;
        if (items > bound.count) return true;
        // A branch that can only tie the best is cut when items stand for distinct single
        // credentials: settle_ties() then finds the tie with the smallest ids. Otherwise it runs.
        if (!target_ && items == bound.count && tie_cuts_allowed_) {
            ties_cut_ = true;
            return true;
        }
        return false;
    }

    void dfs(std::uint32_t i) {
        if (++steps_ > budget_) throw BudgetExceeded{};
        if (goal_ != Goal::partial && all_met() && (!target_ || last_forced_in_ == kNone || i > last_forced_in_)) {
            record();
            return;
        }
        if (goal_ != Goal::partial && !can_still_meet()) return;
        if (hopeless(i)) return;
        if (i == entries_.size()) {
            if (goal_ == Goal::partial) record();
            return;
        }
        const Entry& e = entries_[i];
        const int forced = forced_.empty() ? -1 : forced_[i];
        if (blocked_[i] > 0) {
            if (forced != 1) dfs(i + 1);
            return;
        }
        potential(i, -1);
        std::uint32_t min_slot = 0;
        bool may_assign = forced != 0;
        if (may_assign && e.previous != kNone) {
            may_assign = assigned_[e.previous] != kNone;
            if (may_assign) min_slot = assigned_[e.previous];
        }
        if (may_assign) {
            // First the requirements the item helps meet, in declaration order; then, as surplus
            // toward a part's total or shared requirement, the first met requirement of each part
            // (met requirements of one part are alike for a surplus item).
            for (int pass = 0; pass < 2 && !(found_ && (goal_ == Goal::any || target_)); ++pass) {
                std::uint32_t surplus_parts_tried = 0;
                for (std::uint32_t k = 0; k < e.slots.size(); ++k) {
                    std::uint32_t s = e.slots[k];
                    if (s < min_slot) continue;
                    bool met = slot_met(s);
                    if (met != (pass == 1)) continue;
                    if (met) {
                        if (goal_ == Goal::partial || !surplus_helps(s)) continue;
                        std::uint32_t part = tree_.slots[s].part;
                        if (part < 32) {
                            if (surplus_parts_tried & (1u << part)) continue;
                            surplus_parts_tried |= 1u << part;
                        }
                    }
                    if (!fits(i, s)) continue;
                    assign(i, k, +1);
                    dfs(i + 1);
                    assign(i, k, -1);
                    if (found_ && (goal_ == Goal::any || target_)) break;
                }
            }
        }
        if (forced != 1 && !(found_ && (goal_ == Goal::any || target_))) dfs(i + 1);
        potential(i, +1);
    }

    /// One item as this search sees it. Its lists live in the search's arena: one search makes
    /// dozens of them, and the arena frees them all at once.
    struct Entry {
        explicit Entry(std::pmr::memory_resource* arena)
            : slots(arena), slot_pos(arena), parts(arena), rpl(arena), in_limit(arena), in_shared(arena),
              shared_pos(arena), conflicts(arena) {}
        std::uint32_t index = 0;  ///< into ItemSet::items
        Centi credits = 0;
        std::pmr::vector<std::uint32_t> slots;     ///< eligible slots, ascending
        std::pmr::vector<std::uint32_t> slot_pos;  ///< per eligible slot: position in an `all` list
        std::pmr::vector<std::uint32_t> parts;     ///< parts any eligible slot lies in
        std::pmr::vector<bool> rpl;                ///< per part: RPL toward its award
        std::pmr::vector<bool> in_limit;           ///< per limit
        std::pmr::vector<bool> in_shared;          ///< per shared requirement
        std::pmr::vector<std::uint32_t> shared_pos;
        std::pmr::vector<std::uint32_t> conflicts;
        std::uint32_t previous = kNone;            ///< the previous interchangeable item
    };

    std::pmr::monotonic_buffer_resource arena_{16384};

    const Ruleset& rs_;
    const ItemSet& items_;
    const Tree& tree_;
    Goal goal_;
    bool entry_;
    std::uint64_t& steps_;
    std::uint64_t budget_;

    std::vector<Entry> entries_;
    std::vector<std::uint32_t> cover_offset_, shared_offset_;
    std::vector<int> slot_count_, pot_count_, slot_cover_, pot_cover_;
    std::vector<Centi> slot_credits_, pot_credits_;
    std::vector<Centi> part_credits_, part_rpl_, pot_part_, pot_part_rpl_, limit_use_;
    std::vector<int> shared_count_, pot_shared_count_, shared_cover_, pot_shared_cover_;
    std::vector<Centi> shared_credits_, pot_shared_credits_;
    std::vector<std::uint32_t> assigned_;
    std::vector<int> blocked_;
    int count_ = 0;

    bool hopeless_from_start_ = false;
    bool tie_cuts_allowed_ = true;   ///< items stand for distinct single credentials
    bool ties_cut_ = false;          ///< a branch that could only tie the best was cut
    std::optional<Key> target_;      ///< settling a tie: only allocations with this key count
    std::vector<int> forced_;        ///< settling a tie: per entry, -1 free, 0 left out, 1 used
    std::uint32_t last_forced_in_ = kNone;
    std::vector<std::uint32_t> forced_in_after_;  ///< per entry: forced-in entries from it on
    Centi largest_credits_ = 0;       ///< the largest item's credits
    Centi smallest_credits_ = 0;      ///< the smallest item's credits
    std::vector<bool> same_institution_;  ///< per part: its award is of the root award's institution
    bool any_capped_ = false;
    std::vector<int> pot_earned_count_, pot_earned_cover_;  ///< potentials of items earned toward the award
    std::vector<Centi> pot_earned_credits_;
    std::vector<Centi> lb_credits_;
    std::vector<std::size_t> lb_items_;
    bool found_ = false;
    Key best_key_;
    std::vector<AllocationLine> best_lines_;
};

/// Fills the reported allocation's bookkeeping (credits, what is met) from its lines.
void summarise(const Ruleset& rs, const ItemSet& items, const Tree& tree, Allocation& out) {
    out.parts.clear();
    for (const PartSpec& p : tree.parts) out.parts.push_back(p.part);
    out.slots = tree.slots;
    out.waived = tree.waived;
    std::vector<Centi> part_credits(tree.parts.size(), 0);
    std::vector<int> slot_count(tree.slots.size(), 0);
    std::vector<Centi> slot_credits(tree.slots.size(), 0);
    std::vector<std::vector<UnitIndex>> slot_units(tree.slots.size());
    out.credits = 0;
    out.rpl_credits = 0;
    const Award& root = rs.awards[tree.parts[0].part.award];
    for (const AllocationLine& line : out.lines) {
        const Item& item = items.items[line.item];
        const Slot& slot = tree.slots[line.slot];
        slot_count[line.slot]++;
        slot_credits[line.slot] += item.credits;
        slot_units[line.slot].push_back(item.unit);
        for (std::uint32_t q : tree.parts[slot.part].chain) part_credits[q] += item.credits;
        out.credits += item.credits;
        if (is_rpl(item, root, rs)) out.rpl_credits += item.credits;
    }
    out.slot_met.assign(tree.slots.size(), false);
    for (std::size_t s = 0; s < tree.slots.size(); ++s) {
        const Requirement& req = requirement_of(rs, tree.slots[s]);
        switch (tree.slots[s].kind) {
            case Slot::Kind::all: {
                bool met = true;
                for (UnitIndex u : req.units)
                    met = met && std::find(slot_units[s].begin(), slot_units[s].end(), u) != slot_units[s].end();
                out.slot_met[s] = met;
                break;
            }
            case Slot::Kind::count_of: out.slot_met[s] = slot_count[s] >= static_cast<int>(req.count); break;
            case Slot::Kind::credits_from: out.slot_met[s] = slot_credits[s] >= req.credits; break;
            case Slot::Kind::held: out.slot_met[s] = slot_count[s] >= 1; break;
        }
    }
    out.part_total_met.assign(tree.parts.size(), false);
    for (std::size_t p = 0; p < tree.parts.size(); ++p) out.part_total_met[p] = part_credits[p] >= tree.parts[p].need;
    out.shared_unmet.clear();
    for (const SharedSpec& h : tree.shared) {
        const Requirement& req = *h.req;
        int count = 0;
        Centi credits = 0;
        std::vector<UnitIndex> units;
        for (const AllocationLine& line : out.lines) {
            const auto& chain = tree.parts[tree.slots[line.slot].part].chain;
            if (std::find(chain.begin(), chain.end(), h.part) == chain.end()) continue;
            const Item& item = items.items[line.item];
            bool in = takes(req, item);
            if (in && req.min_grade && item.grade && *item.grade < *req.min_grade) in = false;
            if (!in) continue;
            ++count;
            credits += item.credits;
            units.push_back(item.unit);
        }
        bool met = true;
        if (req.kind == Requirement::Kind::all)
            for (UnitIndex u : req.units) met = met && std::find(units.begin(), units.end(), u) != units.end();
        else if (req.kind == Requirement::Kind::count_of) met = count >= static_cast<int>(req.count);
        else if (req.kind == Requirement::Kind::credits_from) met = credits >= req.credits;
        if (!met) out.shared_unmet.push_back(SharedUnmet{h.part, h.requirement, static_cast<std::uint32_t>(count), credits, units});
    }
}

}  // namespace

Centi reachable_credits(const Ruleset& rs, const ItemSet& items, AwardIndex award) {
    const Reach& reach = rs.awards[award].reach;
    Centi total = 0;
    reach.units.for_each_common(items.present, [&](std::size_t u) { total += rs.units[u].credits; });
    // Items outside the catalogue count once per unit key, at their largest.
    for (std::size_t k = 0; k < items.outside.size(); ++k) {
        const Item& item = items.items[items.outside[k]];
        if (!in_reach(reach, item)) continue;
        bool largest = true;
        for (std::size_t j = 0; j < items.outside.size() && largest; ++j) {
            const Item& other = items.items[items.outside[j]];
            if (j == k || items.key_index[items.outside[j]] != items.key_index[items.outside[k]] || !in_reach(reach, other))
                continue;
            largest = other.credits < item.credits || (other.credits == item.credits && j > k);
        }
        if (largest) total += item.credits;
    }
    for (AwardIndex a : reach.awards)
        if (items.held_item[a] != kNone) total += items.items[items.held_item[a]].credits;
    return total;
}

namespace {

/// A quick necessary condition for eligibility, before any search: every unit an `all`
/// requirement names has an item, every `N of` and `credits from` requirement has enough
/// matching items (each unit once), and the award's reach covers its credits. A learner with
/// exceptions, or holding an award nested in this one, is left to the search.
bool may_be_eligible(const Ruleset& rs, const Learner& learner, const ItemSet& items, AwardIndex award) {
    const Reach& reach = rs.awards[award].reach;
    if (!learner.exceptions.empty()) return true;
    for (AwardIndex a : reach.awards)
        if (items.held_item[a] != kNone) return true;
    if (!reach.required.subset_of(items.present)) return false;
    for (auto [a, r] : reach.demands) {
        const Requirement& req = rs.awards[a].requirements[r];
        std::uint32_t count = 0;
        Centi credits = 0;
        req.selector.units.for_each_common(items.present, [&](std::size_t u) { ++count, credits += rs.units[u].credits; });
        for (std::uint32_t i : items.outside)
            if (matches(req.selector, items.items[i])) ++count, credits += items.items[i].credits;
        if (req.kind == Requirement::Kind::count_of ? count < req.count : credits < req.credits) return false;
    }
    return reachable_credits(rs, items, award) >= rs.awards[award].credits;
}

Allocation decide(const Ruleset& rs, const Learner& learner, const ItemSet& items, AwardIndex award,
                  const AllocateOptions& options, bool entry) {
    Allocation out;
    // Most awards are out of reach for a given learner: no search needed to say so.
    const bool out_of_reach = !entry && !may_be_eligible(rs, learner, items, award);
    if (out_of_reach && !options.explain) {
        out.status = Allocation::Status::not_eligible;
        return out;
    }
    // One search per choice of held award or nested part at each stacked requirement the
    // learner holds.
    TreeBuilder probe(rs, learner, items, entry, 0);
    probe.build(award);
    std::uint32_t decisions = std::min<std::uint32_t>(probe.decisions(), 16);
    std::optional<Key> best, best_partial;
    Tree best_tree, partial_tree;
    std::vector<AllocationLine> best_lines, partial_lines;
    Goal goal = entry || options.any ? Goal::any : Goal::best;
    try {
        for (std::uint32_t choice = 0; !out_of_reach && choice < (1u << decisions); ++choice) {
            TreeBuilder builder(rs, learner, items, entry, choice);
            Tree tree = builder.build(award);
            if (builder.decisions() < decisions && (choice >> builder.decisions()) != 0) continue;  // same tree
            Search search(rs, items, tree, goal, entry, out.steps, options.budget);
            if (search.run()) {
                if (goal == Goal::best) search.settle_ties();
                const Key& key = search.best_key();
                if (!best || better(goal, key, *best)) {
                    best = key;
                    best_tree = tree;
                    best_lines = search.best_lines();
                }
                if (goal == Goal::any) break;
            }
        }
    } catch (const BudgetExceeded&) {
        out.status = Allocation::Status::budget_exceeded;
        return out;
    }
    if (best) {
        out.status = Allocation::Status::eligible;
        out.lines = std::move(best_lines);
        summarise(rs, items, best_tree, out);
        return out;
    }
    out.status = Allocation::Status::not_eligible;
    if (entry || !options.explain) return out;
    // The largest partial allocation; its search has a budget of its own (a tenth of the
    // decision's) and keeps the largest found when that runs out: it explains, it does not decide.
    std::uint64_t partial_steps = 0;
    const std::uint64_t partial_budget = std::max<std::uint64_t>(1, options.budget / 10);
    for (std::uint32_t choice = 0; choice < (1u << decisions); ++choice) {
        TreeBuilder builder(rs, learner, items, entry, choice);
        Tree tree = builder.build(award);
        if (builder.decisions() < decisions && (choice >> builder.decisions()) != 0) continue;
        Search search(rs, items, tree, Goal::partial, entry, partial_steps, partial_budget);
        try {
            search.run();
        } catch (const BudgetExceeded&) {
            // keep the largest found so far
        }
        if (!search.found()) continue;
        const Key& key = search.best_key();
        if (!best_partial || better(Goal::partial, key, *best_partial)) {
            best_partial = key;
            partial_tree = tree;
            partial_lines = search.best_lines();
        }
    }
    if (!best_partial) {
        TreeBuilder builder(rs, learner, items, entry, 0);
        partial_tree = builder.build(award);
    }
    out.lines = std::move(partial_lines);
    summarise(rs, items, partial_tree, out);
    return out;
}

}  // namespace

Allocation allocate(const Ruleset& rs, const Learner& learner, const ItemSet& items, AwardIndex award,
                    const AllocateOptions& options) {
    return decide(rs, learner, items, award, options, false);
}

Allocation allocate_entry(const Ruleset& rs, const Learner& learner, const ItemSet& items, AwardIndex award,
                          const AllocateOptions& options) {
    return decide(rs, learner, items, award, options, true);
}

}  // namespace credo::engine
