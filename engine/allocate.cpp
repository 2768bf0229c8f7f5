// Exact allocation by branch and bound over items, with incremental feasibility bounds and
// symmetry breaking among interchangeable items.
//
// Before any search, a screen per award (and per entry block) rules out the learners who lack a
// unit an `all` names or enough matching items for an `N of` or `credits from` (may_be_eligible).
// The preferred allocation is then searched for in stages of a rising cap on RPL credits
// (Search::run_staged): the first stage that finds an allocation has the fewest RPL credits.
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
// - the RPL cap of a part of the root award's institution (where the same items are RPL) is
//   checked against the RPL its requirements are forced to take (what they still need beyond
//   the available earned items);
// - lower bounds on RPL credits (the total's shortfall beyond the earned items, or the RPL the
//   requirements are forced to take), excess and item count (what the totals and requirements
//   still need, summed over the tree) cut branches that cannot beat the best; a branch that can
//   only tie it is cut too when items stand for distinct single credentials, and settle_ties()
//   then picks the tie with the smallest credential ids by fixing items one at a time in id order;
// - interchangeable items (same credits, same eligibility and flags, one credential, no
//   conflicts) are used in id order and assigned to non-decreasing slots (in the partial search,
//   only where no item between them makes the order matter);
// - a later item of a unit alike in everything to an earlier one (a retaken unit) is set aside:
//   the earlier one does what it would, with smaller ids (set_twins_aside());
// - RPL a requirement is forced to take comes in whole items: at least its smallest RPL item.
//
// Ties left after the preference order in LANGUAGE.md (the same items, placed differently) go to
// the first allocation in search order: items in credential-id order, each tried first in the
// requirements it helps meet (declaration order, depth first through nested awards), then as
// surplus toward a part's total. Symmetry breaking and cut ties can reach the best items through
// another placement, so a last search (place()) places them with every item forced in or out.
//
// For an award that is not eligible, the reported allocation is the largest partial one: an
// item is added to a requirement only while that requirement is unmet, every limit, RPL cap and
// exclusive set still holds, and the preference is most credits counted, then most (non-shared)
// requirements met, then fewest RPL credits, fewest items, smallest sorted credential ids.
#include "engine/allocate.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <tuple>

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
};

struct LimitSpec {
    std::uint32_t part;
    const CreditLimit* limit;
};

struct SharedSpec {
    std::uint32_t part;
    std::uint32_t requirement;
    const Requirement* req;
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

/// Calls `f` with part `p` and each part enclosing it, innermost first.
template <typename F>
void for_each_enclosing(const Tree& tree, std::uint32_t p, F&& f) {
    for (; p != kNone; p = tree.parts[p].part.parent) f(p);
}

class TreeBuilder {
public:
    /// Builds into `tree` (its room kept from the tree it held before).
    TreeBuilder(const Ruleset& rs, const Learner& learner, const ItemSet& items, bool entry, std::uint32_t choices,
                Tree& tree)
        : rs_(rs), learner_(learner), items_(items), entry_(entry), choices_(choices), tree_(tree) {}

    void build(AwardIndex award) {
        tree_.parts.clear();
        tree_.slots.clear();
        tree_.limits.clear();
        tree_.shared.clear();
        tree_.waived.clear();
        decision_ = 0;
        add_part(award, kNone, kNone, entry_);
    }

    /// How many held-or-nested choices the last build met.
    std::uint32_t decisions() const { return decision_; }

private:
    void add_part(AwardIndex a, std::uint32_t parent, std::uint32_t via, bool entry) {
        const Award& award = rs_.awards[a];
        std::uint32_t p = static_cast<std::uint32_t>(tree_.parts.size());
        PartSpec spec;
        spec.part = Part{a, parent, via};
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
    Tree& tree_;
};

/// The key an allocation is judged by (smaller is better).
struct Key {
    Centi rpl = 0;
    std::size_t met = 0;  ///< partial: requirements met
    Centi excess = 0;  ///< best: credits beyond the total; partial: minus the credits counted
    std::size_t count = 0;
    std::vector<std::uint32_t> ids;  ///< sorted credential ids, as ranks (ItemSet::ranks)

    /// Back to the empty key, keeping the room of `ids` (keys are reset at every search stage).
    void clear() {
        rpl = excess = 0;
        met = count = 0;
        ids.clear();
    }
};

bool ids_less(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

/// Negative when `a` is preferred to `b` for the goal, positive when `b` is, zero when only
/// their credential ids can tell them apart.
int order_before_ids(Goal goal, const Key& a, const Key& b) {
    auto less = [](auto x, auto y) { return x < y ? -1 : 1; };
    if (goal == Goal::partial) {
        if (a.excess != b.excess) return less(a.excess, b.excess);
        if (a.met != b.met) return less(b.met, a.met);
        if (a.rpl != b.rpl) return less(a.rpl, b.rpl);
    } else {
        if (a.rpl != b.rpl) return less(a.rpl, b.rpl);
        if (a.excess != b.excess) return less(a.excess, b.excess);
    }
    if (a.count != b.count) return less(a.count, b.count);
    return 0;
}

/// True when `a` is preferred to `b` for the goal.
bool better(Goal goal, const Key& a, const Key& b) {
    const int order = order_before_ids(goal, a, b);
    return order < 0 || (order == 0 && ids_less(a.ids, b.ids));
}

/// The search over one award tree. Its arrays are flat and kept from one search to the next
/// (SearchScratch), so deciding an award allocates nothing once they have grown to size.
class Search {
public:
    /// Prepares a search of `tree` for the items; `steps` counts every node against `budget`.
    void reset(const Ruleset& rs, const ItemSet& items, const Tree& tree, Goal goal, bool entry, std::uint64_t& steps,
               std::uint64_t budget) {
        rs_ = &rs;
        items_ = &items;
        tree_ = &tree;
        goal_ = goal;
        entry_ = entry;
        steps_ = &steps;
        budget_ = budget;
        hopeless_from_start_ = false;
        staged_ = false;
        rpl_cap_ = kNoCap;
        tie_cuts_allowed_ = true;
        ties_cut_ = false;
        symmetric_ = true;
        symmetry_used_ = false;
        has_target_ = false;
        has_outside_ = false;
        forced_.clear();
        forced_after_.clear();
        last_forced_in_ = kNone;
        found_ = false;
        best_key_.clear();
        best_lines_.clear();
        prepare();
    }

    /// Runs the search; true when an allocation was recorded.
    bool run() {
        if (hopeless_from_start_) return false;
        if (goal_ == Goal::best) return run_staged();
        dfs(0);
        return found_;
    }

    /// The preferred allocation, found in stages of RPL credits: a search that lets at most R RPL
    /// credits count, R from the lower bound of the empty allocation up to each next amount the
    /// search before had to turn down, until one finds an allocation. A search that fails shows
    /// that every allocation has at least that next amount, so none is skipped, and the first
    /// that succeeds has the fewest RPL credits possible and finds what one uncapped search
    /// would (the first allocation in search order with the best key): a cap only cuts what is
    /// worse. When the first stage fails, one search for any allocation tells whether there is
    /// one at all before more stages run. Stages pay when one of the first few finds the
    /// allocation, as they mostly do; after kCappedStages capped stages the last runs uncapped,
    /// so a learner whose RPL credits rise in many small amounts costs one search more, not many.
    bool run_staged() {
        staged_ = true;
        can_still_meet();  // the empty allocation's bounds
        rpl_cap_ = rpl_lower_bound();
        rpl_floor_ = rpl_cap_;
        for (int stage = 1;; ++stage) {
            next_cap_ = kNoCap;
            found_ = false;
            best_key_.clear();
            best_lines_.clear();
            init_state();
            dfs(0);
            if (found_) return true;
            if (next_cap_ == kNoCap) return false;  // the cap turned nothing down: no allocation
            if (has_outside_ && next_cap_ > outside_.rpl) return false;  // the rest is worse than the bound
            if (stage == 1 && !has_outside_) {
                rpl_cap_ = kNoCap;
                goal_ = Goal::any;
                init_state();
                dfs(0);
                goal_ = Goal::best;
                if (!found_) return false;
            }
            rpl_floor_ = next_cap_;
            rpl_cap_ = stage < kCappedStages ? next_cap_ : kNoCap;
        }
    }

    /// After run(): the best allocation is exact in RPL credits, excess and item count, but a
    /// branch that could only tie it may have been cut (see hopeless()). This settles the tie:
    /// fixing items in credential order, each is kept out only when no allocation with the same
    /// key includes it, which gives the smallest credential ids.
    void settle_ties() {
        if (!found_ || !ties_cut_) return;
        const std::uint32_t n = static_cast<std::uint32_t>(entries_.size());
        set_target(best_key_);
        in_best_.assign(n, 0);
        mark_lines(best_lines_, in_best_);
        forced_.assign(n, -1);
        for (std::uint32_t i = 0; i < n; ++i) {
            forced_[i] = 1;
            if (in_best_[i]) continue;
            if (search_forced(true)) {
                in_best_.assign(n, 0);
                mark_lines(best_lines_, in_best_);
            } else {
                forced_[i] = 0;
            }
        }
        found_ = true;
        best_key_.rpl = target_.rpl;
        best_key_.excess = target_.excess;
        best_key_.count = target_.count;
        best_key_.ids.clear();
        for (const AllocationLine& line : best_lines_)
            for (std::uint32_t id : items_->ranks(line.item)) best_key_.ids.push_back(id);
        std::sort(best_key_.ids.begin(), best_key_.ids.end());
    }

    /// After settle_ties(): places the best allocation's items as the first allocation in search
    /// order with exactly those items would (dsl/REFERENCE.md, "Remaining ties"). The searches
    /// before may have reached the items through another placement: symmetry breaking puts
    /// interchangeable items in non-decreasing requirements, and a cut branch may have held
    /// the first placement. This search forces every item in or out and breaks no symmetry.
    void place() {
        if (!found_) return;
        // Nothing cut an allocation with the best key: the best found is the first in search order.
        if (!ties_cut_ && !symmetry_used_) return;
        const std::uint32_t n = static_cast<std::uint32_t>(entries_.size());
        in_best_.assign(n, 0);
        mark_lines(best_lines_, in_best_);
        forced_.assign(in_best_.begin(), in_best_.end());
        set_target(best_key_);
        search_forced(false);
        found_ = true;  // the same items, so the same key
    }

    /// Only eligibility and the fewest RPL credits are wanted: the search stops at an allocation
    /// with as few as the stages show any can have, and cuts every branch that cannot have fewer.
    void set_rpl_only(bool on) { rpl_only_ = on; }

    /// Another award tree's best allocation has `key`: branches worse than it in all but
    /// credential ids are cut (for the preferred allocation; the search may then find none).
    void set_outside_bound(const Key& key) {
        has_outside_ = true;
        outside_.rpl = key.rpl;
        outside_.excess = key.excess;
        outside_.count = key.count;
    }

    /// Only allocations alike to `key` in everything but credential ids count from now on.
    void set_target(const Key& key) {
        has_target_ = true;
        target_.rpl = key.rpl;
        target_.met = key.met;
        target_.excess = key.excess;
        target_.count = key.count;
        target_.ids.clear();
    }

    /// One search with the entries fixed as forced_ says, for the first allocation with the
    /// target key; `symmetric`: interchangeable items are used in order. False, with the best
    /// allocation as it was, when there is none.
    bool search_forced(bool symmetric) {
        const std::uint32_t n = static_cast<std::uint32_t>(entries_.size());
        last_forced_in_ = kNone;
        forced_after_.assign(n + 1, ForcedIn{});
        for (std::uint32_t k = n; k-- > 0;) {
            forced_after_[k] = forced_after_[k + 1];
            if (forced_[k] != 1) continue;
            if (last_forced_in_ == kNone) last_forced_in_ = k;
            forced_after_[k].items += 1;
            forced_after_[k].credits += entries_[k].credits;
            if (!entries_[k].earned) forced_after_[k].rpl += entries_[k].credits;
        }
        init_state();
        const bool was_symmetric = symmetric_;
        symmetric_ = symmetric;
        found_ = false;
        previous_lines_ = best_lines_;
        dfs(0);
        symmetric_ = was_symmetric;
        if (!found_) best_lines_.swap(previous_lines_);
        return found_;
    }

    /// Before the search runs: slot `s` is met by no allocation, as even every item it could take
    /// leaves a unit it names uncovered, or too few items or credits.
    bool never_met(std::uint32_t s) const {
        const SlotInfo& slot = slots_[s];
        switch (slot.kind) {
            case Slot::Kind::all:
                for (std::uint32_t k = slot.cover; k < slot.cover_end; ++k)
                    if (pot_cover_[k] == 0) return true;
                return false;
            case Slot::Kind::count_of:
            case Slot::Kind::held: return pot_count_[s] < slot.count;
            case Slot::Kind::credits_from: return pot_credits_[s] < slot.credits;
        }
        return false;
    }

    bool found() const { return found_; }
    const Key& best_key() const { return best_key_; }
    /// The recorded allocation as (ItemSet index, slot) pairs.
    const std::vector<AllocationLine>& best_lines() const { return best_lines_; }

private:
    /// A requirement items are assigned to, as the search reads it.
    struct SlotInfo {
        Slot::Kind kind = Slot::Kind::all;
        std::uint32_t part = 0;
        int count = 0;                   ///< count_of: N; held: 1
        Centi credits = 0;               ///< credits_from
        std::uint32_t cover = 0, cover_end = 0;    ///< all: its units' range in the cover arrays
        std::uint32_t chain = 0, chain_end = 0;    ///< its part and the enclosing ones, in chain_
        std::uint32_t limits = 0, limits_end = 0;  ///< limits of those parts, in slot_limit_
        std::uint32_t shared = 0, shared_end = 0;  ///< shared requirements of those parts, in slot_shared_
    };

    struct PartInfo {
        Centi need = 0;
        std::uint32_t parent = kNone;
        bool capped = false;
        Centi cap_scaled = 0;           ///< RPL credits * 10000 may not exceed this
        bool same_institution = false;  ///< of the root award's institution (the same items are RPL)
        std::uint32_t chain = 0, chain_end = 0;
    };

    struct SharedInfo {
        Requirement::Kind kind = Requirement::Kind::all;
        std::uint32_t part = 0;
        int count = 0;
        Centi credits = 0;
        std::uint32_t cover = 0, cover_end = 0;  ///< all: its units' range in the shared cover arrays
    };

    /// One item as this search sees it; its lists are ranges of the flat entry arrays.
    struct EntryInfo {
        std::uint32_t index = 0;  ///< into ItemSet::items
        Centi credits = 0;
        bool earned = false;      ///< not RPL toward the award decided
        std::uint32_t slots = 0, slots_end = 0;          ///< eligible slots (ascending) in entry_slot_
        std::uint32_t parts = 0, parts_end = 0;          ///< parts any eligible slot lies in, in entry_part_
        std::uint32_t conflicts = 0, conflicts_end = 0;  ///< in entry_conflict_
        std::uint32_t previous = kNone;                  ///< the previous interchangeable item
    };

    // ---- preparation -------------------------------------------------------------------

    const Requirement& requirement(const Slot& slot) const { return requirement_of(*rs_, slot); }

    bool eligible(const Item& item, std::uint32_t item_index, const Slot& slot) const {
        if (item.source_only) return false;
        const Tree& tree = *tree_;
        if (slot.kind == Slot::Kind::held) {
            // A held award is an item too: dated by conferral, it must pass the `within` of every
            // award enclosing its `require award` (it is ungraded, and never rpl-never).
            if (slot.held_item != item_index) return false;
            bool fresh = true;
            for_each_enclosing(tree, slot.part, [&](std::uint32_t q) {
                fresh = fresh && !too_old(*rs_, rs_->awards[tree.parts[q].part.award], tree.parts[q].cutoff, item);
            });
            return fresh;
        }
        // Entry blocks see every item (held awards and their credentials too) and are not subject
        // to the award's recency, grade or rpl-never rules.
        if (item.kind == Item::Kind::held && !entry_) return false;
        if (item.locked && !entry_) return false;
        if (item.kind == Item::Kind::substitute &&
            (item.only_award != slot.award || item.only_requirement != slot.requirement || item.only_entry != slot.entry))
            return false;
        const Requirement& req = requirement(slot);
        if (!takes(req, item)) return false;
        if (req.min_grade && item.grade && *item.grade < *req.min_grade) return false;
        if (entry_) return true;
        bool admitted = true;
        for_each_enclosing(tree, slot.part, [&](std::uint32_t q) {
            admitted = admitted && admits(*rs_, rs_->awards[tree.parts[q].part.award], tree.parts[q].cutoff, item);
        });
        return admitted;
    }

    /// The search's view of the tree: slots, parts, limits and shared requirements.
    void describe_tree() {
        const Tree& tree = *tree_;
        const std::size_t S = tree.slots.size(), P = tree.parts.size(), H = tree.shared.size();
        parts_.assign(P, PartInfo{});
        chain_.clear();
        const AwardIndex root = tree.parts[0].part.award;
        any_capped_ = false;
        for (std::size_t p = 0; p < P; ++p) {
            const PartSpec& spec = tree.parts[p];
            PartInfo& part = parts_[p];
            part.need = spec.need;
            part.parent = spec.part.parent;
            part.capped = spec.capped;
            part.cap_scaled = spec.cap_scaled;
            part.same_institution = rs_->awards[spec.part.award].institution == rs_->awards[root].institution;
            part.chain = static_cast<std::uint32_t>(chain_.size());
            for_each_enclosing(tree, static_cast<std::uint32_t>(p), [&](std::uint32_t q) { chain_.push_back(q); });
            part.chain_end = static_cast<std::uint32_t>(chain_.size());
            any_capped_ = any_capped_ || spec.capped;
        }
        auto in_chain = [&](std::uint32_t part, std::uint32_t q) {
            for (std::uint32_t k = parts_[part].chain; k < parts_[part].chain_end; ++k)
                if (chain_[k] == q) return true;
            return false;
        };
        shared_.assign(H, SharedInfo{});
        shared_units_.clear();
        for (std::size_t h = 0; h < H; ++h) {
            const Requirement& req = *tree.shared[h].req;
            SharedInfo& info = shared_[h];
            info.kind = req.kind;
            info.part = tree.shared[h].part;
            info.count = static_cast<int>(req.count);
            info.credits = req.credits;
            info.cover = static_cast<std::uint32_t>(shared_units_.size());
            if (req.kind == Requirement::Kind::all) shared_units_.insert(shared_units_.end(), req.units.begin(), req.units.end());
            info.cover_end = static_cast<std::uint32_t>(shared_units_.size());
        }
        slots_.assign(S, SlotInfo{});
        cover_credits_.clear();
        slot_limit_.clear();
        slot_shared_.clear();
        for (std::size_t s = 0; s < S; ++s) {
            const Slot& slot = tree.slots[s];
            SlotInfo& info = slots_[s];
            info.kind = slot.kind;
            info.part = slot.part;
            info.chain = parts_[slot.part].chain;
            info.chain_end = parts_[slot.part].chain_end;
            info.cover = static_cast<std::uint32_t>(cover_credits_.size());
            if (slot.kind == Slot::Kind::held) {
                info.count = 1;
            } else {
                const Requirement& req = requirement(slot);
                info.count = static_cast<int>(req.count);
                info.credits = req.credits;
                if (slot.kind == Slot::Kind::all)
                    for (UnitIndex u : req.units) cover_credits_.push_back(rs_->units[u].credits);
            }
            info.cover_end = static_cast<std::uint32_t>(cover_credits_.size());
            info.limits = static_cast<std::uint32_t>(slot_limit_.size());
            for (std::uint32_t l = 0; l < tree.limits.size(); ++l)
                if (in_chain(slot.part, tree.limits[l].part)) slot_limit_.push_back(l);
            info.limits_end = static_cast<std::uint32_t>(slot_limit_.size());
            info.shared = static_cast<std::uint32_t>(slot_shared_.size());
            for (std::uint32_t h = 0; h < H; ++h)
                if (in_chain(slot.part, shared_[h].part)) slot_shared_.push_back(h);
            info.shared_end = static_cast<std::uint32_t>(slot_shared_.size());
        }
    }

    /// Whether an item of these credits (RPL and limit flags in item_rpl_, item_in_limit_) fits
    /// slot `s` with nothing assigned yet: if not, it never does, as caps and limits only fill.
    bool ever_fits(Centi credits, std::uint32_t s) const {
        const SlotInfo& slot = slots_[s];
        for (std::uint32_t c = slot.chain; c < slot.chain_end; ++c) {
            const PartInfo& part = parts_[chain_[c]];
            if (part.capped && item_rpl_[chain_[c]] && credits * 10000 > part.cap_scaled) return false;
        }
        for (std::uint32_t k = slot.limits; k < slot.limits_end; ++k) {
            const std::uint32_t l = slot_limit_[k];
            if (item_in_limit_[l] && credits > tree_->limits[l].limit->credits) return false;
        }
        return true;
    }

    void prepare() {
        describe_tree();
        if (goal_ != Goal::partial && !units_possible()) {
            hopeless_from_start_ = true;
            return;
        }
        const Tree& tree = *tree_;
        const ItemSet& items = *items_;
        const std::size_t S = slots_.size(), P = parts_.size(), L = tree.limits.size(), H = shared_.size();
        entries_.clear();
        entry_slot_.clear();
        entry_slot_pos_.clear();
        entry_part_.clear();
        entry_rpl_.clear();
        entry_in_limit_.clear();
        entry_in_shared_.clear();
        entry_shared_pos_.clear();
        entry_conflict_.clear();
        touched_.assign(P, 0);
        const Reach& reach = rs_->awards[tree.parts[0].part.award].reach;
        for (std::uint32_t index : items.order) {
            const Item& item = items.items[index];
            if (!entry_ && !in_reach(reach, item)) continue;
            EntryInfo e;
            e.index = index;
            e.credits = item.credits;
            item_rpl_.clear();
            for (std::uint32_t q = 0; q < P; ++q)
                item_rpl_.push_back(is_rpl(item, rs_->awards[tree.parts[q].part.award], *rs_) ? 1 : 0);
            item_in_limit_.clear();
            for (const LimitSpec& l : tree.limits)
                item_in_limit_.push_back(in_limit(*rs_, rs_->awards[tree.parts[l.part].part.award], *l.limit, item) ? 1 : 0);
            e.slots = static_cast<std::uint32_t>(entry_slot_.size());
            for (std::uint32_t s = 0; s < S; ++s) {
                if (!eligible(item, index, tree.slots[s]) || !ever_fits(e.credits, s)) continue;
                entry_slot_.push_back(s);
                std::uint32_t pos = kNone;
                if (slots_[s].kind == Slot::Kind::all) {
                    const auto& units = requirement(tree.slots[s]).units;
                    pos = slots_[s].cover + static_cast<std::uint32_t>(std::find(units.begin(), units.end(), item.unit) - units.begin());
                }
                entry_slot_pos_.push_back(pos);
            }
            e.slots_end = static_cast<std::uint32_t>(entry_slot_.size());
            if (e.slots == e.slots_end) continue;
            for (std::uint32_t k = e.slots; k < e.slots_end; ++k) {
                const SlotInfo& slot = slots_[entry_slot_[k]];
                for (std::uint32_t c = slot.chain; c < slot.chain_end; ++c) touched_[chain_[c]] = 1;
            }
            e.parts = static_cast<std::uint32_t>(entry_part_.size());
            for (std::uint32_t q = 0; q < P; ++q)
                if (touched_[q]) entry_part_.push_back(q), touched_[q] = 0;
            e.parts_end = static_cast<std::uint32_t>(entry_part_.size());
            entry_rpl_.insert(entry_rpl_.end(), item_rpl_.begin(), item_rpl_.end());
            e.earned = !item_rpl_[0];
            entry_in_limit_.insert(entry_in_limit_.end(), item_in_limit_.begin(), item_in_limit_.end());
            for (std::uint32_t h = 0; h < H; ++h) {
                const Requirement& req = *tree.shared[h].req;
                bool in = false;
                std::uint32_t pos = kNone;
                bool part_touched = false;
                for (std::uint32_t q = e.parts; q < e.parts_end; ++q) part_touched = part_touched || entry_part_[q] == shared_[h].part;
                if (part_touched) {
                    if (req.kind == Requirement::Kind::all) {
                        auto it = item.unit == kNone ? req.units.end() : std::find(req.units.begin(), req.units.end(), item.unit);
                        if (it != req.units.end()) in = true, pos = shared_[h].cover + static_cast<std::uint32_t>(it - req.units.begin());
                    } else {
                        in = matches(req.selector, item);
                    }
                    if (in && req.min_grade && item.grade && *item.grade < *req.min_grade) in = false, pos = kNone;
                }
                entry_in_shared_.push_back(in ? 1 : 0);
                entry_shared_pos_.push_back(pos);
            }
            entries_.push_back(e);
        }
        if (goal_ != Goal::partial) keep_sole_providers_in_place();
        const std::uint32_t n = static_cast<std::uint32_t>(entries_.size());
        slot_largest_.assign(S, 0);
        slot_smallest_.assign(S, 0);
        slot_smallest_rpl_.assign(S, 0);
        part_largest_.assign(P, 0);
        auto lower = [](Centi& smallest, Centi credits) { smallest = smallest == 0 ? credits : std::min(smallest, credits); };
        std::uint32_t last_credential = kNone;  // as a rank
        for (const EntryInfo& e : entries_) {
            for (std::uint32_t k = e.slots; k < e.slots_end; ++k) {
                const std::uint32_t s = entry_slot_[k];
                slot_largest_[s] = std::max(slot_largest_[s], e.credits);
                lower(slot_smallest_[s], e.credits);
                if (!e.earned) lower(slot_smallest_rpl_[s], e.credits);
            }
            for (std::uint32_t k = e.parts; k < e.parts_end; ++k)
                part_largest_[entry_part_[k]] = std::max(part_largest_[entry_part_[k]], e.credits);
            // Entries are in credential order; a credential behind two entries (itself and what
            // it derives) would make the id order of sets differ from their order of entries.
            const IndexRange ids = items.ranks(e.index);
            tie_cuts_allowed_ = tie_cuts_allowed_ && ids.size() == 1 && last_credential != ids[0];
            if (ids.size() == 1) last_credential = ids[0];
        }
        layout_state();
        init_state();
        // Most awards are out of reach for a given learner: stop before the pairwise work.
        if (goal_ != Goal::partial && !can_still_meet()) {
            hopeless_from_start_ = true;
            return;
        }
        entry_of_.assign(items.items.size(), kNone);
        for (std::uint32_t i = 0; i < n; ++i) entry_of_[entries_[i].index] = i;
        for (std::uint32_t i = 0; i < n; ++i) {
            EntryInfo& e = entries_[i];
            e.conflicts = static_cast<std::uint32_t>(entry_conflict_.size());
            for (std::uint32_t j : items.conflicts(e.index))
                if (entry_of_[j] != kNone) entry_conflict_.push_back(entry_of_[j]);
            e.conflicts_end = static_cast<std::uint32_t>(entry_conflict_.size());
        }
        if (goal_ != Goal::partial) set_twins_aside(P, L, H);
        // Interchangeable items: single credential, no conflicts, no unit-specific slot, same
        // credits, eligibility and flags. `class_last_` holds the latest entry of each class.
        class_last_.clear();
        for (std::uint32_t i = 0; i < n; ++i) {
            EntryInfo& e = entries_[i];
            const Item& item = items.items[e.index];
            if (e.conflicts != e.conflicts_end || item.sources.size() != 1 || item.kind == Item::Kind::held) continue;
            bool unit_specific = false;
            for (std::uint32_t k = e.slots; k < e.slots_end; ++k)
                unit_specific = unit_specific || slots_[entry_slot_[k]].kind == Slot::Kind::all;
            for (std::uint32_t h = 0; h < H; ++h)
                unit_specific = unit_specific || (entry_in_shared_[i * H + h] && shared_[h].kind == Requirement::Kind::all);
            if (unit_specific) continue;
            bool placed = false;
            for (std::uint32_t& last : class_last_) {
                if (!interchangeable(last, i, P, L, H)) continue;
                e.previous = last;
                last = i;
                placed = true;
                break;
            }
            if (!placed) class_last_.push_back(i);
        }
    }

    /// The first bound the search checks, for the units `all` requirements name, before the
    /// entries are built (most awards a learner is not eligible for fail it): false when such a
    /// unit has no item its requirement can take, or when the units with no such item earned
    /// toward the award force more RPL into a part of the award's institution than its cap lets.
    bool units_possible() {
        const Tree& tree = *tree_;
        const ItemSet& items = *items_;
        const Award& root = rs_->awards[tree.parts[0].part.award];
        part_forced_.assign(parts_.size(), 0);
        for (std::uint32_t s = 0; s < slots_.size(); ++s) {
            if (slots_[s].kind != Slot::Kind::all) continue;
            for (UnitIndex u : requirement(tree.slots[s]).units) {
                bool any = false, earned = false;
                for (std::uint32_t index : items.order) {
                    const Item& item = items.items[index];
                    if (item.unit != u || !eligible(item, index, tree.slots[s])) continue;
                    any = true;
                    earned = earned || !is_rpl(item, root, *rs_);
                }
                if (!any) return false;
                if (!earned) part_forced_[slots_[s].part] += rs_->units[u].credits;
            }
        }
        for (std::size_t p = parts_.size(); p-- > 0;) {
            const PartInfo& part = parts_[p];
            if (part.capped && part.same_institution && part_forced_[p] * 10000 > part.cap_scaled) return false;
            if (part.parent != kNone) part_forced_[part.parent] += part_forced_[p];
        }
        return true;
    }

    /// The only item of a unit that an `all` requirement names goes to that requirement in every
    /// allocation that meets it, so it is offered nowhere else; other requirements' potentials
    /// then no longer count it, and their bounds see sooner what they lack. (Not for the largest
    /// partial allocation, which need not meet the `all`.)
    void keep_sole_providers_in_place() {
        providers_.assign(cover_credits_.size(), 0);
        for (const EntryInfo& e : entries_)
            for (std::uint32_t k = e.slots; k < e.slots_end; ++k)
                if (entry_slot_pos_[k] != kNone) ++providers_[entry_slot_pos_[k]];
        for (EntryInfo& e : entries_) {
            if (e.slots_end - e.slots < 2) continue;
            std::uint32_t k = e.slots;
            while (k < e.slots_end && (entry_slot_pos_[k] == kNone || providers_[entry_slot_pos_[k]] != 1)) ++k;
            if (k == e.slots_end) continue;
            // Its one slot moves to the front of its range, and its parts become that slot's chain.
            std::swap(entry_slot_[e.slots], entry_slot_[k]);
            std::swap(entry_slot_pos_[e.slots], entry_slot_pos_[k]);
            e.slots_end = e.slots + 1;
            const SlotInfo& slot = slots_[entry_slot_[e.slots]];
            e.parts_end = e.parts;
            for (std::uint32_t c = slot.chain; c < slot.chain_end; ++c) entry_part_[e.parts_end++] = chain_[c];
        }
    }

    /// An item of the same unit as an earlier one, alike to it in everything the search sees
    /// and in what else it conflicts with, and of one credential as the earlier one is: any
    /// allocation with it has one with the earlier item instead (they exclude each other), the
    /// same key and smaller credential ids. So it never counts (a retaken unit's later result,
    /// alike in grade for the award); it starts blocked, its potential not counted, and the
    /// searches for an allocation find what they would with it. (Not for the largest partial
    /// allocation, where an item joins a requirement only while it is unmet, so that the order
    /// of the items matters.)
    void set_twins_aside(std::size_t P, std::size_t L, std::size_t H) {
        const std::uint32_t n = static_cast<std::uint32_t>(entries_.size());
        bool any = false;
        for (std::uint32_t b = 1; b < n; ++b) {
            const std::uint32_t key = items_->key_index[entries_[b].index];
            // Items of one unit conflict: the earlier ones are among b's conflicts (ascending).
            for (std::uint32_t k = entries_[b].conflicts; k < entries_[b].conflicts_end; ++k) {
                const std::uint32_t a = entry_conflict_[k];
                if (a >= b) break;
                if (initial_blocked_[a] || items_->key_index[entries_[a].index] != key || !twins(a, b, P, L, H)) continue;
                initial_blocked_[b] = 1;
                potential(b, -1);
                any = true;
                break;
            }
        }
        if (!any) return;
        initial_state_ = state_;
        blocked_.assign(initial_blocked_.begin(), initial_blocked_.end());
    }

    bool twins(std::uint32_t a, std::uint32_t b, std::size_t P, std::size_t L, std::size_t H) const {
        const EntryInfo& x = entries_[a];
        const EntryInfo& y = entries_[b];
        const IndexRange ra = items_->ranks(x.index), rb = items_->ranks(y.index);
        if (ra.size() != 1 || rb.size() != 1 || ra[0] >= rb[0] || x.earned != y.earned) return false;
        if (!interchangeable(a, b, P, L, H)) return false;
        if (!std::equal(entry_slot_pos_.begin() + x.slots, entry_slot_pos_.begin() + x.slots_end,
                        entry_slot_pos_.begin() + y.slots) ||
            !std::equal(entry_shared_pos_.begin() + a * H, entry_shared_pos_.begin() + (a + 1) * H,
                        entry_shared_pos_.begin() + b * H))
            return false;
        // The same conflicts besides each other (both lists ascend).
        std::uint32_t i = x.conflicts, j = y.conflicts;
        for (;;) {
            while (i < x.conflicts_end && entry_conflict_[i] == b) ++i;
            while (j < y.conflicts_end && entry_conflict_[j] == a) ++j;
            if (i == x.conflicts_end || j == y.conflicts_end) return i == x.conflicts_end && j == y.conflicts_end;
            if (entry_conflict_[i++] != entry_conflict_[j++]) return false;
        }
    }

    /// Same credits, eligible slots, RPL flags, limits and shared requirements.
    bool interchangeable(std::uint32_t a, std::uint32_t b, std::size_t P, std::size_t L, std::size_t H) const {
        const EntryInfo& x = entries_[a];
        const EntryInfo& y = entries_[b];
        if (x.credits != y.credits || x.slots_end - x.slots != y.slots_end - y.slots) return false;
        if (!std::equal(entry_slot_.begin() + x.slots, entry_slot_.begin() + x.slots_end, entry_slot_.begin() + y.slots))
            return false;
        return std::equal(entry_rpl_.begin() + a * P, entry_rpl_.begin() + (a + 1) * P, entry_rpl_.begin() + b * P) &&
               std::equal(entry_in_limit_.begin() + a * L, entry_in_limit_.begin() + (a + 1) * L,
                          entry_in_limit_.begin() + b * L) &&
               std::equal(entry_in_shared_.begin() + a * H, entry_in_shared_.begin() + (a + 1) * H,
                          entry_in_shared_.begin() + b * H);
    }

    /// Lays the state block out for the tree and the entries, and counts every item's potential
    /// into initial_state_, which init_state() then copies.
    void layout_state() {
        const std::size_t S = slots_.size(), P = parts_.size(), H = shared_.size();
        const std::size_t C = cover_credits_.size(), HC = shared_units_.size(), L = tree_->limits.size();
        state_.assign(6 * S + 3 * C + 4 * P + L + 4 * H + 2 * HC, 0);
        Centi* next = state_.data();
        auto take = [&next](std::size_t size) {
            Centi* first = next;
            next += size;
            return first;
        };
        slot_count_ = take(S), slot_credits_ = take(S), pot_count_ = take(S), pot_credits_ = take(S);
        pot_earned_count_ = take(S), pot_earned_credits_ = take(S);
        cover_ = take(C), pot_cover_ = take(C), pot_earned_cover_ = take(C);
        part_credits_ = take(P), part_rpl_ = take(P), pot_part_ = take(P), pot_part_rpl_ = take(P);
        limit_use_ = take(L);
        shared_count_ = take(H), shared_credits_ = take(H), pot_shared_count_ = take(H), pot_shared_credits_ = take(H);
        shared_cover_ = take(HC), pot_shared_cover_ = take(HC);
        part_forced_.assign(P, 0);
        part_lb_credits_.assign(P, 0);
        part_lb_items_.assign(P, 0);
        for (std::uint32_t i = 0; i < entries_.size(); ++i) potential(i, +1);
        initial_state_ = state_;
        initial_blocked_.assign(entries_.size(), 0);
    }

    /// Zero state, with every item's potential counted.
    void init_state() {
        std::copy(initial_state_.begin(), initial_state_.end(), state_.begin());
        assigned_.assign(entries_.size(), kNone);
        blocked_.assign(initial_blocked_.begin(), initial_blocked_.end());
        count_ = 0;
    }

    // ---- state -------------------------------------------------------------------------

    void potential(std::uint32_t i, int sign) {
        const EntryInfo& e = entries_[i];
        const Centi c = e.credits * sign;
        const std::size_t P = parts_.size(), H = shared_.size();
        for (std::uint32_t k = e.slots; k < e.slots_end; ++k) {
            const std::uint32_t s = entry_slot_[k];
            const std::uint32_t pos = entry_slot_pos_[k];
            pot_count_[s] += sign;
            pot_credits_[s] += c;
            if (pos != kNone) pot_cover_[pos] += sign;
            if (e.earned) {
                pot_earned_count_[s] += sign;
                pot_earned_credits_[s] += c;
                if (pos != kNone) pot_earned_cover_[pos] += sign;
            }
        }
        const std::uint8_t* rpl = &entry_rpl_[i * P];
        for (std::uint32_t k = e.parts; k < e.parts_end; ++k) {
            const std::uint32_t q = entry_part_[k];
            pot_part_[q] += c;
            if (rpl[q]) pot_part_rpl_[q] += c;
        }
        for (std::size_t h = 0; h < H; ++h) {
            if (!entry_in_shared_[i * H + h]) continue;
            pot_shared_count_[h] += sign;
            pot_shared_credits_[h] += c;
            const std::uint32_t pos = entry_shared_pos_[i * H + h];
            if (pos != kNone) pot_shared_cover_[pos] += sign;
        }
    }

    bool slot_met(std::uint32_t s) const {
        const SlotInfo& slot = slots_[s];
        switch (slot.kind) {
            case Slot::Kind::all:
                for (std::uint32_t k = slot.cover; k < slot.cover_end; ++k)
                    if (!cover_[k]) return false;
                return true;
            case Slot::Kind::count_of:
            case Slot::Kind::held: return slot_count_[s] >= slot.count;
            case Slot::Kind::credits_from: return slot_credits_[s] >= slot.credits;
        }
        return false;
    }

    bool shared_met(std::size_t h) const {
        const SharedInfo& info = shared_[h];
        switch (info.kind) {
            case Requirement::Kind::all:
                for (std::uint32_t k = info.cover; k < info.cover_end; ++k)
                    if (!shared_cover_[k]) return false;
                return true;
            case Requirement::Kind::count_of: return shared_count_[h] >= info.count;
            case Requirement::Kind::credits_from: return shared_credits_[h] >= info.credits;
            case Requirement::Kind::award: return true;
        }
        return false;
    }

    bool all_met() const {
        for (std::uint32_t s = 0; s < slots_.size(); ++s)
            if (!slot_met(s)) return false;
        for (std::size_t p = 0; p < parts_.size(); ++p)
            if (part_credits_[p] < parts_[p].need) return false;
        for (std::size_t h = 0; h < shared_.size(); ++h)
            if (!shared_met(h)) return false;
        return true;
    }

    /// False when the undecided items cannot complete some requirement, total, RPL cap or shared
    /// requirement. In the same pass, when the search has an allocation to beat (or a key to
    /// match), it finds this node's lower bounds for hopeless(): the RPL the requirements are
    /// forced to take (what each still needs beyond the available items earned toward the award,
    /// summed, since every item goes to one requirement), and the credits any completion needs
    /// (each part its total, and at least what its own requirements still need plus its nested
    /// parts' bounds). The items it needs, wanted only on a tie, are items_lower_bound()'s.
    bool can_still_meet() {
        const bool bounds = found_ || has_target_ || any_capped_ || staged_;
        if (bounds) {
            std::fill(part_forced_.begin(), part_forced_.end(), 0);
            std::fill(part_lb_credits_.begin(), part_lb_credits_.end(), 0);
        }
        for (std::uint32_t s = 0; s < slots_.size(); ++s) {
            const SlotInfo& slot = slots_[s];
            Centi rpl = 0, more = 0;
            switch (slot.kind) {
                case Slot::Kind::all:
                    for (std::uint32_t k = slot.cover; k < slot.cover_end; ++k) {
                        if (cover_[k]) continue;
                        if (pot_cover_[k] == 0) return false;
                        if (pot_earned_cover_[k] == 0) rpl += cover_credits_[k];
                        more += cover_credits_[k];
                    }
                    break;
                case Slot::Kind::count_of: {
                    if (slot_count_[s] + pot_count_[s] < slot.count) return false;
                    const Centi forced_items = slot.count - slot_count_[s] - pot_earned_count_[s];
                    if (forced_items > 0) rpl = forced_items * slot_smallest_rpl_[s];
                    more = std::max<Centi>(0, slot.count - slot_count_[s]) * slot_smallest_[s];
                    break;
                }
                case Slot::Kind::credits_from:
                    if (slot_credits_[s] + pot_credits_[s] < slot.credits) return false;
                    rpl = std::max<Centi>(0, slot.credits - slot_credits_[s] - pot_earned_credits_[s]);
                    if (rpl > 0) rpl = std::max(rpl, slot_smallest_rpl_[s]);  // RPL comes in whole items
                    more = std::max<Centi>(0, slot.credits - slot_credits_[s]);
                    break;
                case Slot::Kind::held:
                    if (slot_count_[s] + pot_count_[s] < 1) return false;
                    if (slot_count_[s] == 0) {
                        more = items_->items[tree_->slots[s].held_item].credits;
                        if (pot_earned_count_[s] == 0) rpl = more;
                    }
                    break;
            }
            if (bounds) {
                part_forced_[slot.part] += rpl;
                part_lb_credits_[slot.part] += slot_credits_[s] + more;
            }
        }
        for (std::size_t p = parts_.size(); p-- > 0;) {
            const PartInfo& part = parts_[p];
            if (reachable_credits(p) < part.need) return false;
            if (!bounds) continue;
            // A part's RPL cap cannot hold when the RPL its slots are forced to take exceeds what
            // the cap leaves (parts of the award's own institution, whose RPL is the award's).
            if (part.capped && part.same_institution && (part_rpl_[p] + part_forced_[p]) * 10000 > part.cap_scaled)
                return false;
            part_lb_credits_[p] = std::max(part_lb_credits_[p], part.need);
            if (part.parent != kNone) {
                part_forced_[part.parent] += part_forced_[p];
                part_lb_credits_[part.parent] += part_lb_credits_[p];
            }
        }
        if (staged_) {
            const Centi rpl = rpl_lower_bound();
            if (rpl > rpl_cap_) {
                next_cap_ = std::min(next_cap_, rpl);
                return false;
            }
        }
        for (std::size_t h = 0; h < shared_.size(); ++h) {
            const SharedInfo& info = shared_[h];
            switch (info.kind) {
                case Requirement::Kind::all:
                    for (std::uint32_t k = info.cover; k < info.cover_end; ++k)
                        if (!shared_cover_[k] && pot_shared_cover_[k] == 0) return false;
                    break;
                case Requirement::Kind::count_of:
                    if (shared_count_[h] + pot_shared_count_[h] < info.count) return false;
                    break;
                case Requirement::Kind::credits_from:
                    if (shared_credits_[h] + pot_shared_credits_[h] < info.credits) return false;
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
        const SlotInfo& slot = slots_[s];
        for (std::uint32_t c = slot.chain; c < slot.chain_end; ++c)
            if (part_credits_[chain_[c]] < parts_[chain_[c]].need) return true;
        for (std::uint32_t k = slot.shared; k < slot.shared_end; ++k)
            if (!shared_met(slot_shared_[k])) return true;
        return false;
    }

    /// The most credits a part could still reach: every available earned item, and RPL items up
    /// to what its cap leaves.
    Centi reachable_credits(std::size_t p) const {
        const PartInfo& part = parts_[p];
        Centi rpl = pot_part_rpl_[p];
        if (part.capped) rpl = std::min(rpl, std::max<Centi>(0, part.cap_scaled / 10000 - part_rpl_[p]));
        return part_credits_[p] + (pot_part_[p] - pot_part_rpl_[p]) + rpl;
    }

    /// At least this many RPL credits toward the award in any completion: what the root total
    /// still lacks beyond the available earned items, or what the requirements are forced to take
    /// (summed: every item goes to one requirement), whichever is more. Called after
    /// can_still_meet() has found the forced RPL of this node.
    Centi rpl_lower_bound() const {
        Centi deficit = parts_[0].need - part_credits_[0];
        Centi earned = pot_part_[0] - pot_part_rpl_[0];
        return part_rpl_[0] + std::max<Centi>(part_forced_[0], std::max<Centi>(0, deficit - earned));
    }

    /// The items any completion adds at least: each part enough of its largest items for its
    /// total, and at least what its own requirements still need plus its nested parts' bounds.
    std::size_t items_lower_bound() {
        std::fill(part_lb_items_.begin(), part_lb_items_.end(), 0);
        for (std::uint32_t s = 0; s < slots_.size(); ++s) {
            const SlotInfo& slot = slots_[s];
            std::size_t items = 0;
            switch (slot.kind) {
                case Slot::Kind::all:
                    for (std::uint32_t k = slot.cover; k < slot.cover_end; ++k) items += cover_[k] ? 0 : 1;
                    break;
                case Slot::Kind::count_of:
                case Slot::Kind::held:
                    items = static_cast<std::size_t>(std::max<Centi>(0, slot.count - slot_count_[s]));
                    break;
                case Slot::Kind::credits_from:
                    items = items_for(slot.credits - slot_credits_[s], slot_largest_[s]);
                    break;
            }
            part_lb_items_[slot.part] += items;
        }
        for (std::size_t p = parts_.size(); p-- > 0;) {
            const PartInfo& part = parts_[p];
            part_lb_items_[p] = std::max(part_lb_items_[p], items_for(part.need - part_credits_[p], part_largest_[p]));
            if (part.parent != kNone) part_lb_items_[part.parent] += part_lb_items_[p];
        }
        return part_lb_items_[0];
    }

    /// At least this many items of at most `largest` credits give `credits` more (none when
    /// nothing more is needed).
    static std::size_t items_for(Centi credits, Centi largest) {
        if (credits <= 0 || largest <= 0) return 0;
        return static_cast<std::size_t>((credits + largest - 1) / largest);
    }

    /// Limits and RPL caps of every part enclosing the slot still hold with the item added.
    bool fits(std::uint32_t i, std::uint32_t s) {
        const EntryInfo& e = entries_[i];
        const SlotInfo& slot = slots_[s];
        if (!e.earned && part_rpl_[0] + e.credits > rpl_cap_) {
            next_cap_ = std::min(next_cap_, part_rpl_[0] + e.credits);
            return false;
        }
        const std::uint8_t* rpl = &entry_rpl_[i * parts_.size()];
        for (std::uint32_t c = slot.chain; c < slot.chain_end; ++c) {
            const std::uint32_t q = chain_[c];
            const PartInfo& part = parts_[q];
            if (part.capped && rpl[q] && (part_rpl_[q] + e.credits) * 10000 > part.cap_scaled) return false;
        }
        const std::size_t L = tree_->limits.size();
        for (std::uint32_t k = slot.limits; k < slot.limits_end; ++k) {
            const std::uint32_t l = slot_limit_[k];
            if (entry_in_limit_[i * L + l] && limit_use_[l] + e.credits > tree_->limits[l].limit->credits) return false;
        }
        return true;
    }

    void assign(std::uint32_t i, std::uint32_t k, int sign) {
        const EntryInfo& e = entries_[i];
        const std::uint32_t s = entry_slot_[k];
        const std::uint32_t pos = entry_slot_pos_[k];
        const SlotInfo& slot = slots_[s];
        const Centi c = e.credits * sign;
        assigned_[i] = sign > 0 ? s : kNone;
        slot_count_[s] += sign;
        slot_credits_[s] += c;
        if (pos != kNone) cover_[pos] += sign;
        const std::uint8_t* rpl = &entry_rpl_[i * parts_.size()];
        for (std::uint32_t ch = slot.chain; ch < slot.chain_end; ++ch) {
            const std::uint32_t q = chain_[ch];
            part_credits_[q] += c;
            if (rpl[q]) part_rpl_[q] += c;
        }
        const std::size_t L = tree_->limits.size(), H = shared_.size();
        for (std::uint32_t x = slot.limits; x < slot.limits_end; ++x) {
            const std::uint32_t l = slot_limit_[x];
            if (entry_in_limit_[i * L + l]) limit_use_[l] += c;
        }
        for (std::uint32_t x = slot.shared; x < slot.shared_end; ++x) {
            const std::uint32_t h = slot_shared_[x];
            if (!entry_in_shared_[i * H + h]) continue;
            shared_count_[h] += sign;
            shared_credits_[h] += c;
            const std::uint32_t spos = entry_shared_pos_[i * H + h];
            if (spos != kNone) shared_cover_[spos] += sign;
        }
        count_ += sign;
        for (std::uint32_t x = e.conflicts; x < e.conflicts_end; ++x) {
            const std::uint32_t j = entry_conflict_[x];
            if (j <= i) continue;  // decided already
            if (sign > 0 && blocked_[j]++ == 0) potential(j, -1);
            if (sign < 0 && --blocked_[j] == 0) potential(j, +1);
        }
    }

    // ---- search ------------------------------------------------------------------------

    /// The current allocation's key, in `key`, without its credential ids (see with_ids).
    void current_key(Key& key) const {
        key.ids.clear();
        key.met = 0;
        key.rpl = part_rpl_[0];
        key.excess = goal_ == Goal::partial ? -part_credits_[0] : part_credits_[0] - parts_[0].need;
        key.count = static_cast<std::size_t>(count_);
        if (goal_ == Goal::partial)
            for (std::uint32_t s = 0; s < slots_.size(); ++s) key.met += slot_met(s) ? 1 : 0;
    }

    /// Fills the key's sorted credential ids from the current allocation.
    void with_ids(Key& key) const {
        key.ids.clear();
        for (std::size_t i = 0; i < entries_.size(); ++i)
            if (assigned_[i] != kNone)
                for (std::uint32_t id : items_->ranks(entries_[i].index)) key.ids.push_back(id);
        std::sort(key.ids.begin(), key.ids.end());
    }

    void record() {
        Key& key = candidate_;
        current_key(key);
        if (rpl_only_ && found_ && key.rpl >= best_key_.rpl) return;
        bool with_ids_done = false;
        if (has_target_) {
            if (key.rpl != target_.rpl || key.excess != target_.excess || key.count != target_.count) return;
        } else if (found_) {
            // Credential ids decide only between allocations alike in everything else.
            const int order = order_before_ids(goal_, key, best_key_);
            if (order > 0) return;
            with_ids(key);
            with_ids_done = true;
            if (order == 0 && !ids_less(key.ids, best_key_.ids)) return;
        }
        if (!with_ids_done) with_ids(key);
        found_ = true;
        std::swap(best_key_, candidate_);
        best_lines_.clear();
        for (std::size_t i = 0; i < entries_.size(); ++i)
            if (assigned_[i] != kNone) best_lines_.push_back(AllocationLine{entries_[i].index, assigned_[i]});
    }

    /// Marks the entries of the allocation's items.
    void mark_lines(const std::vector<AllocationLine>& lines, std::vector<std::uint8_t>& in) const {
        for (const AllocationLine& line : lines) in[entry_of_[line.item]] = 1;
    }

    /// For the largest partial allocation: the most credits the undecided items could still add.
    /// An item joins a requirement only while it is unmet, so a requirement takes at most what it
    /// lacks less a hundredth plus its largest item (credits from), its missing count of its
    /// largest items (N of) or its missing units (all), and never more than its potential.
    Centi partial_room() const {
        Centi room = 0;
        for (std::uint32_t s = 0; s < slots_.size(); ++s) {
            const SlotInfo& slot = slots_[s];
            Centi most = 0;
            switch (slot.kind) {
                case Slot::Kind::all:
                    for (std::uint32_t k = slot.cover; k < slot.cover_end; ++k)
                        if (!cover_[k]) most += cover_credits_[k];
                    break;
                case Slot::Kind::count_of:
                case Slot::Kind::held:
                    most = std::max<Centi>(0, slot.count - slot_count_[s]) * slot_largest_[s];
                    break;
                case Slot::Kind::credits_from:
                    if (slot_credits_[s] < slot.credits) most = slot.credits - 1 - slot_credits_[s] + slot_largest_[s];
                    break;
            }
            room += std::min(most, pot_credits_[s]);
        }
        return std::min(room, pot_part_[0]);
    }

    /// True when this branch cannot beat the best allocation found.
    bool hopeless(std::uint32_t i) {
        const bool outside = has_outside_ && !has_target_ && goal_ == Goal::best;
        if (has_target_) {
            if (found_) return true;  // settling a tie: the first allocation with the key will do
        } else if (!found_ && !outside) {
            return false;
        }
        if (goal_ == Goal::any) return true;
        if (goal_ == Goal::partial) {
            return -(part_credits_[0] + partial_room()) > best_key_.excess;
        }
        if (rpl_only_) {  // only fewer RPL credits than the best (or another tree's) would do
            const Centi rpl = rpl_lower_bound();
            return (found_ && rpl >= best_key_.rpl) || (outside && rpl >= outside_.rpl);
        }
        // Every completion has at least rpl_lower_bound() RPL credits: more than the best is worse;
        // equal to it, the excess and item count decide.
        // Items forced in (settling a tie) that are still to come add theirs too.
        const ForcedIn ahead = forced_after_.empty() ? ForcedIn{} : forced_after_[i];
        const Centi rpl = std::max(rpl_lower_bound(), part_rpl_[0] + ahead.rpl);
        const Centi credits = std::max(part_lb_credits_[0], part_credits_[0] + ahead.credits);
        const Centi excess = std::max<Centi>(0, credits - parts_[0].need);
        // The items, wanted only when RPL credits and excess tie (something is unmet: one more at least).
        auto items = [&] {
            const std::size_t more = std::max({std::size_t{1}, items_lower_bound(), ahead.items});
            return static_cast<std::size_t>(count_) + more;
        };
        // Worse than another tree's best in all but ids: cut (a tie may still win on ids).
        if (outside && std::make_pair(rpl, excess) >= std::make_pair(outside_.rpl, outside_.excess) &&
            (std::make_pair(rpl, excess) > std::make_pair(outside_.rpl, outside_.excess) || items() > outside_.count))
            return true;
        if (!found_ && !has_target_) return false;
        const Key& bound = has_target_ ? target_ : best_key_;
        if (rpl != bound.rpl) return rpl > bound.rpl;
        if (excess != bound.excess) return excess > bound.excess;
        const std::size_t least = items();
        if (least > bound.count) return true;
        // A branch that can only tie the best is cut when items stand for distinct single
        // credentials: settle_ties() then finds the tie with the smallest ids. Otherwise it runs.
        if (!has_target_ && least == bound.count && tie_cuts_allowed_) {
            ties_cut_ = true;
            return true;
        }
        return false;
    }

    bool done() const {
        return found_ && (goal_ == Goal::any || has_target_ || (rpl_only_ && best_key_.rpl <= rpl_floor_));
    }

    /// Symmetry breaking for the largest partial allocation, where an item is added only while
    /// its requirement is unmet, so that the order of items matters. Item i may go to slot s
    /// unless its interchangeable predecessor p is left out, or is in a later slot t, and no item
    /// between them is in s (or t): then swapping p and i gives an allocation as possible, with
    /// smaller ids or the same ones placed first in search order.
    bool partial_order_kept(std::uint32_t p, std::uint32_t i, std::uint32_t s) const {
        const std::uint32_t t = assigned_[p];
        if (t != kNone && s >= t) return true;
        for (std::uint32_t q = p + 1; q < i; ++q)
            if (assigned_[q] == s || (t != kNone && assigned_[q] == t)) return true;
        return false;
    }

    void dfs(std::uint32_t i) {
        if (++*steps_ > budget_) throw BudgetExceeded{};
        if (goal_ != Goal::partial && all_met() && (!has_target_ || last_forced_in_ == kNone || i > last_forced_in_)) {
            record();
            return;
        }
        if (goal_ != Goal::partial && !can_still_meet()) return;
        if (hopeless(i)) return;
        if (i == entries_.size()) {
            if (goal_ == Goal::partial) record();
            return;
        }
        const EntryInfo& e = entries_[i];
        const int forced = forced_.empty() ? -1 : forced_[i];
        if (blocked_[i] > 0) {
            if (forced != 1) dfs(i + 1);
            return;
        }
        potential(i, -1);
        std::uint32_t min_slot = 0;
        bool may_assign = forced != 0;
        const std::uint32_t previous = symmetric_ ? e.previous : kNone;
        if (may_assign && previous != kNone && goal_ != Goal::partial) {
            may_assign = assigned_[previous] != kNone;
            if (may_assign) min_slot = assigned_[previous];
            symmetry_used_ = symmetry_used_ || !may_assign || min_slot > entry_slot_[e.slots];
        }
        if (may_assign) {
            // First the requirements the item helps meet, in declaration order; then, as surplus
            // toward a part's total or shared requirement, the first met requirement of each part
            // (met requirements of one part are alike for a surplus item).
            for (int pass = 0; pass < 2 && !done(); ++pass) {
                std::uint32_t surplus_parts_tried = 0;
                for (std::uint32_t k = e.slots; k < e.slots_end; ++k) {
                    const std::uint32_t s = entry_slot_[k];
                    if (s < min_slot) continue;
                    if (goal_ == Goal::partial && previous != kNone && !partial_order_kept(previous, i, s)) continue;
                    const bool met = slot_met(s);
                    if (met != (pass == 1)) continue;
                    if (met) {
                        if (goal_ == Goal::partial || !surplus_helps(s)) continue;
                        const std::uint32_t part = slots_[s].part;
                        if (part < 32) {
                            if (surplus_parts_tried & (1u << part)) continue;
                            surplus_parts_tried |= 1u << part;
                        }
                    }
                    if (!fits(i, s)) continue;
                    assign(i, k, +1);
                    dfs(i + 1);
                    assign(i, k, -1);
                    if (done()) break;
                }
            }
        }
        if (forced != 1 && !done()) dfs(i + 1);
        potential(i, +1);
    }

    const Ruleset* rs_ = nullptr;
    const ItemSet* items_ = nullptr;
    const Tree* tree_ = nullptr;
    Goal goal_ = Goal::best;
    bool entry_ = false;
    std::uint64_t* steps_ = nullptr;
    std::uint64_t budget_ = 0;

    // The tree as the search reads it.
    std::vector<SlotInfo> slots_;
    std::vector<PartInfo> parts_;
    std::vector<SharedInfo> shared_;
    std::vector<std::uint32_t> chain_, slot_limit_, slot_shared_;
    std::vector<Centi> cover_credits_;       ///< per `all` unit of a slot: its credits
    std::vector<UnitIndex> shared_units_;    ///< per `all` unit of a shared requirement
    bool any_capped_ = false;

    // The items: entries and their flat lists (per-part, per-limit and per-shared flags are
    // P, L and H bytes per entry).
    std::vector<EntryInfo> entries_;
    std::vector<std::uint32_t> entry_slot_, entry_slot_pos_, entry_part_, entry_conflict_, entry_shared_pos_;
    std::vector<std::uint8_t> entry_rpl_, entry_in_limit_, entry_in_shared_;
    std::vector<std::uint32_t> entry_of_, class_last_;
    std::vector<std::uint8_t> touched_, in_best_;
    std::vector<std::uint32_t> providers_;  ///< per `all` unit of a slot: the items that could give it
    std::vector<std::uint8_t> item_rpl_, item_in_limit_;  ///< the item being prepared: per part, per limit
    std::vector<Centi> slot_largest_, part_largest_;    ///< the largest item a slot, or a part, can take
    std::vector<Centi> slot_smallest_, slot_smallest_rpl_;  ///< the smallest item, and RPL item, a slot can take (0: none)

    // The state of the search: counts and credits per slot, `all` unit, part, limit and shared
    // requirement, views of one block (layout_state()), so that a fresh state is one copy.
    std::vector<Centi> state_, initial_state_;
    Centi *slot_count_ = nullptr, *slot_credits_ = nullptr, *pot_count_ = nullptr, *pot_credits_ = nullptr;
    Centi *pot_earned_count_ = nullptr, *pot_earned_credits_ = nullptr;
    Centi *cover_ = nullptr, *pot_cover_ = nullptr, *pot_earned_cover_ = nullptr;
    Centi *part_credits_ = nullptr, *part_rpl_ = nullptr, *pot_part_ = nullptr, *pot_part_rpl_ = nullptr;
    Centi* limit_use_ = nullptr;
    Centi *shared_count_ = nullptr, *shared_credits_ = nullptr, *pot_shared_count_ = nullptr, *pot_shared_credits_ = nullptr;
    Centi *shared_cover_ = nullptr, *pot_shared_cover_ = nullptr;
    // This node's bounds per part (can_still_meet()): forced RPL, least credits and items.
    std::vector<Centi> part_forced_, part_lb_credits_;
    std::vector<std::size_t> part_lb_items_;
    std::vector<std::uint32_t> assigned_;
    std::vector<int> blocked_;
    std::vector<int> initial_blocked_;  ///< per entry: 1 when set aside (set_twins_aside())
    int count_ = 0;

    bool hopeless_from_start_ = false;
    static constexpr Centi kNoCap = std::numeric_limits<Centi>::max();
    static constexpr int kCappedStages = 3;  ///< stages under an RPL cap, before one without
    bool staged_ = false;      ///< run_staged() has begun: the RPL cap applies
    Centi rpl_cap_ = kNoCap;   ///< this stage's cap on RPL credits toward the award
    Centi next_cap_ = kNoCap;  ///< the least amount above the cap this stage turned down
    Centi rpl_floor_ = 0;      ///< every allocation has at least this many RPL credits (the stages so far show)
    bool rpl_only_ = false;    ///< only the fewest RPL credits are wanted (AllocateOptions::rpl_only)
    bool symmetric_ = true;          ///< interchangeable items are used in order (not when placing)
    bool symmetry_used_ = false;     ///< the order of interchangeable items kept an item from a requirement
    bool tie_cuts_allowed_ = true;   ///< items stand for distinct single credentials
    bool ties_cut_ = false;          ///< a branch that could only tie the best was cut
    bool has_target_ = false;        ///< settling a tie or placing: only allocations with target_'s key count
    Key target_;                     ///< (its ids aside)
    bool has_outside_ = false;       ///< another tree's best, outside_, bounds this search
    Key outside_;                    ///< (its ids aside)
    std::vector<int> forced_;        ///< settling a tie: per entry, -1 free, 0 left out, 1 used
    std::uint32_t last_forced_in_ = kNone;
    /// What the entries forced in from one on add up to: items, credits, RPL credits.
    struct ForcedIn {
        std::size_t items = 0;
        Centi credits = 0;
        Centi rpl = 0;
    };
    std::vector<ForcedIn> forced_after_;  ///< settling a tie: per entry, the forced-in entries from it on
    bool found_ = false;
    Key best_key_;
    Key candidate_;  ///< the key record() judges (kept for its room)
    std::vector<AllocationLine> best_lines_, previous_lines_;
};

}  // namespace

struct SearchScratch::State {
    Search search;
    Tree tree;                              ///< the award tree being searched
    Tree best_tree;                         ///< the tree of the best allocation found
    Key best_key;
    std::vector<AllocationLine> best_lines;
};

SearchScratch::SearchScratch() : state_(std::make_unique<State>()) {}
SearchScratch::~SearchScratch() = default;

namespace {


/// Fills the reported allocation's bookkeeping (credits, what is met) from its lines.
void summarise(const Ruleset& rs, const ItemSet& items, const Tree& tree, Allocation& out) {
    out.parts.clear();
    for (const PartSpec& p : tree.parts) out.parts.push_back(p.part);
    out.slots = tree.slots;
    out.waived = tree.waived;
    out.credits = 0;
    out.rpl_credits = 0;
    const Award& root = rs.awards[tree.parts[0].part.award];
    for (const AllocationLine& line : out.lines) {
        const Item& item = items.items[line.item];
        out.credits += item.credits;
        if (is_rpl(item, root, rs)) out.rpl_credits += item.credits;
    }
    // Whether a line counts in part `p`: its slot lies in p or in a part nested in it.
    auto in_part = [&](const AllocationLine& line, std::uint32_t p) {
        bool in = false;
        for_each_enclosing(tree, tree.slots[line.slot].part, [&](std::uint32_t q) { in = in || q == p; });
        return in;
    };
    out.slot_met.assign(tree.slots.size(), false);
    for (std::uint32_t s = 0; s < tree.slots.size(); ++s) {
        const Requirement& req = requirement_of(rs, tree.slots[s]);
        int count = 0;
        Centi credits = 0;
        for (const AllocationLine& line : out.lines)
            if (line.slot == s) ++count, credits += items.items[line.item].credits;
        switch (tree.slots[s].kind) {
            case Slot::Kind::all: {
                bool met = true;
                for (UnitIndex u : req.units)
                    met = met && std::any_of(out.lines.begin(), out.lines.end(), [&](const AllocationLine& line) {
                              return line.slot == s && items.items[line.item].unit == u;
                          });
                out.slot_met[s] = met;
                break;
            }
            case Slot::Kind::count_of: out.slot_met[s] = count >= static_cast<int>(req.count); break;
            case Slot::Kind::credits_from: out.slot_met[s] = credits >= req.credits; break;
            case Slot::Kind::held: out.slot_met[s] = count >= 1; break;
        }
    }
    out.part_total_met.assign(tree.parts.size(), false);
    for (std::uint32_t p = 0; p < tree.parts.size(); ++p) {
        Centi credits = 0;
        for (const AllocationLine& line : out.lines)
            if (in_part(line, p)) credits += items.items[line.item].credits;
        out.part_total_met[p] = credits >= tree.parts[p].need;
    }
    out.shared_unmet.clear();
    for (const SharedSpec& h : tree.shared) {
        const Requirement& req = *h.req;
        SharedUnmet unmet{h.part, h.requirement, 0, 0, {}};
        for (const AllocationLine& line : out.lines) {
            if (!in_part(line, h.part)) continue;
            const Item& item = items.items[line.item];
            bool in = takes(req, item);
            if (in && req.min_grade && item.grade && *item.grade < *req.min_grade) in = false;
            if (!in) continue;
            ++unmet.count;
            unmet.credits += item.credits;
            unmet.units.push_back(item.unit);
        }
        bool met = true;
        if (req.kind == Requirement::Kind::all)
            for (UnitIndex u : req.units)
                met = met && std::find(unmet.units.begin(), unmet.units.end(), u) != unmet.units.end();
        else if (req.kind == Requirement::Kind::count_of) met = unmet.count >= req.count;
        else if (req.kind == Requirement::Kind::credits_from) met = unmet.credits >= req.credits;
        if (!met) out.shared_unmet.push_back(std::move(unmet));
    }
}

}  // namespace

Centi reachable_credits(const Ruleset& rs, const ItemSet& items, AwardIndex award) {
    return reachable_credits(rs, items, items.present, award);
}

Centi reachable_credits(const Ruleset& rs, const ItemSet& items, const Bitset& present, AwardIndex award) {
    const Reach& reach = rs.awards[award].reach;
    Centi total = 0;
    reach.units.for_each_common(present, [&](std::size_t u) { total += rs.units[u].credits; });
    // Items outside the catalogue count once per unit key, at their largest.
    for (std::size_t k = 0; k < items.outside.size(); ++k) {
        const Item& item = items.items[items.outside[k]];
        if (!in_reach(reach, item)) continue;
        bool largest = true;
        for (std::size_t j = 0; j < items.outside.size() && largest; ++j) {
            const Item& other = items.items[items.outside[j]];
            if (j == k || other.key != item.key || !in_reach(reach, other))
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

/// Whether an `N of` or `credits from` requirement has enough matching items, each unit once:
/// catalogue units in `present`, and the `outside` items.
bool enough_matching(const Ruleset& rs, const Bitset& present, const std::vector<std::uint32_t>& outside,
                     const ItemSet& items, const Requirement& req) {
    std::uint32_t count = 0;
    Centi credits = 0;
    req.selector.units.for_each_common(present, [&](std::size_t u) { ++count, credits += rs.units[u].credits; });
    for (std::uint32_t i : outside)
        if (matches(req.selector, items.items[i])) ++count, credits += items.items[i].credits;
    return req.kind == Requirement::Kind::count_of ? count >= req.count : credits >= req.credits;
}

}  // namespace

bool may_be_eligible(const Ruleset& rs, const Learner& learner, const ItemSet& items, const Bitset& present,
                     AwardIndex award) {
    const Reach& reach = rs.awards[award].reach;
    if (reachable_credits(rs, items, present, award) < rs.awards[award].credits) return false;
    if (!learner.exceptions.empty()) return true;
    for (AwardIndex a : reach.awards)
        if (items.held_item[a] != kNone) return true;
    if (!reach.required.subset_of(present)) return false;
    for (auto [a, r] : reach.demands)
        if (!enough_matching(rs, present, items.outside, items, rs.awards[a].requirements[r])) return false;
    return true;
}

namespace {

/// The same for an award's entry block, over every item (entry blocks see them all); an entry
/// block that stacks an award is left to the search.
bool may_meet_entry(const Ruleset& rs, const Learner& learner, const ItemSet& items, AwardIndex award) {
    if (!learner.exceptions.empty()) return true;
    for (const Requirement& req : rs.awards[award].entry->requirements) {
        switch (req.kind) {
            case Requirement::Kind::award: break;  // a nested award or a held one: the search decides
            case Requirement::Kind::all:
                for (UnitIndex u : req.units)
                    if (!items.entry_present.test(u)) return false;
                break;
            case Requirement::Kind::count_of:
            case Requirement::Kind::credits_from:
                if (!enough_matching(rs, items.entry_present, items.entry_outside, items, req)) return false;
                break;
        }
    }
    return true;
}

}  // namespace

bool needs_search(const Ruleset& rs, const Learner& learner, const ItemSet& items, AwardIndex award, bool entry,
                  const AllocateOptions& options) {
    if (entry) return may_meet_entry(rs, learner, items, award);
    return options.explain || may_be_eligible(rs, learner, items, items.present, award);
}

namespace {

Allocation decide(const Ruleset& rs, const Learner& learner, const ItemSet& items, AwardIndex award,
                  const AllocateOptions& options, bool entry) {
    Allocation out;
    // Most awards are out of reach for a given learner: no search needed to say so.
    if (!needs_search(rs, learner, items, award, entry, options)) {
        out.status = Allocation::Status::not_eligible;
        return out;
    }
    if (!items.ordered) throw std::logic_error("allocate: the award needs a search and the items are not ordered");
    // Out of reach, yet searched for the explanation: only the largest partial allocation.
    const bool out_of_reach =
        !entry && options.explain && (options.partial_only || !may_be_eligible(rs, learner, items, items.present, award));
    std::optional<SearchScratch> own;
    SearchScratch::State& st = (options.scratch ? *options.scratch : own.emplace()).state();
    // One search per choice of held award or nested part at each stacked requirement the
    // learner holds; the best allocation over them goes to st.best_*. With `keep_on_budget`, a
    // search that runs out of budget keeps what it found.
    auto search_trees = [&](Goal goal, std::uint64_t& steps, std::uint64_t budget, bool keep_on_budget) {
        bool found = false;
        TreeBuilder probe(rs, learner, items, entry, 0, st.tree);  // every stacked award nested: the most choices
        probe.build(award);
        const std::uint32_t decisions = std::min<std::uint32_t>(probe.decisions(), 16);
        bool probe_built = true;  // st.tree holds choice 0's tree
        // For the preferred allocation, held awards first (the last choice uses every one): they
        // mostly give the best allocation, which then bounds the searches of the other trees. A
        // tie in everything, ids too, still goes to the lowest choice, as in choice order.
        const std::uint32_t last = (1u << decisions) - 1;
        for (std::uint32_t k = 0; k <= last; ++k) {
            const std::uint32_t choice = goal == Goal::best ? last - k : k;
            if (choice != 0) {
                TreeBuilder builder(rs, learner, items, entry, choice, st.tree);
                builder.build(award);
                probe_built = false;
                if (builder.decisions() < decisions && (choice >> builder.decisions()) != 0)
                    continue;  // the same tree as another choice
            } else if (!probe_built) {
                probe.build(award);
            }
            st.search.reset(rs, items, st.tree, goal, entry, steps, budget);
            st.search.set_rpl_only(options.rpl_only && goal == Goal::best);
            if (found && goal == Goal::best) st.search.set_outside_bound(st.best_key);
            try {
                st.search.run();
            } catch (const BudgetExceeded&) {
                if (!keep_on_budget) throw;
            }
            if (!st.search.found()) continue;
            if (goal == Goal::best && !options.rpl_only) {
                if (found && order_before_ids(goal, st.search.best_key(), st.best_key) > 0) continue;
                st.search.settle_ties();
                st.search.place();
            }
            const bool replaces = goal != Goal::best  ? better(goal, st.search.best_key(), st.best_key)
                                  : options.rpl_only ? st.search.best_key().rpl < st.best_key.rpl
                                                     : !better(goal, st.best_key, st.search.best_key());
            if (!found || replaces) {
                found = true;
                st.best_key = st.search.best_key();
                st.best_tree = st.tree;
                st.best_lines = st.search.best_lines();
            }
            if (goal == Goal::any) break;
        }
        return found;
    };
    if (!out_of_reach) {
        try {
            if (search_trees(entry || options.any ? Goal::any : Goal::best, out.steps, options.budget, false)) {
                out.status = Allocation::Status::eligible;
                out.lines = st.best_lines;
                summarise(rs, items, st.best_tree, out);
                return out;
            }
        } catch (const BudgetExceeded&) {
            out.status = Allocation::Status::budget_exceeded;
            return out;
        }
    }
    out.status = Allocation::Status::not_eligible;
    if (entry || !options.explain) return out;
    // The largest partial allocation; its search has a budget of its own (a tenth of the
    // decision's) and keeps the largest found when that runs out: it explains, it does not decide.
    std::uint64_t partial_steps = 0;
    const std::uint64_t partial_budget = std::max<std::uint64_t>(1, options.budget / 10);
    if (!search_trees(Goal::partial, partial_steps, partial_budget, true)) {
        TreeBuilder(rs, learner, items, entry, 0, st.best_tree).build(award);
        st.best_lines.clear();
    }
    out.lines = st.best_lines;
    summarise(rs, items, st.best_tree, out);
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

std::optional<Slot> first_requirement_never_met(const Ruleset& rs, const Learner& learner, const ItemSet& items,
                                                AwardIndex award, const AllocateOptions& options) {
    std::optional<SearchScratch> own;
    SearchScratch::State& st = (options.scratch ? *options.scratch : own.emplace()).state();
    if (!items.ordered) throw std::logic_error("first_requirement_never_met: the items are not ordered");
    TreeBuilder builder(rs, learner, items, false, 0, st.tree);
    builder.build(award);
    if (builder.decisions() != 0 || st.tree.slots.empty()) return std::nullopt;
    std::uint64_t steps = 0;
    st.search.reset(rs, items, st.tree, Goal::partial, false, steps, options.budget);
    if (!st.search.never_met(0)) return std::nullopt;
    return st.tree.slots[0];
}

std::optional<Slot> first_unmet_requirement(const Ruleset& rs, const Learner& learner, const ItemSet& items,
                                            AwardIndex award, const AllocateOptions& options) {
    std::optional<SearchScratch> own;
    SearchScratch& scratch = options.scratch ? *options.scratch : own.emplace();
    AllocateOptions o = options;
    o.scratch = &scratch;
    // With no held award to choose, the partial search has one tree: a first slot no allocation
    // meets is the one any allocation, the largest partial one too, leaves unmet.
    if (std::optional<Slot> never = first_requirement_never_met(rs, learner, items, award, o)) return never;
    o.explain = o.partial_only = true;
    const Allocation al = allocate(rs, learner, items, award, o);
    for (std::size_t s = 0; s < al.slots.size(); ++s)
        if (!al.slot_met[s] && al.slots[s].kind != Slot::Kind::held) return al.slots[s];
    return std::nullopt;
}

}  // namespace credo::engine
