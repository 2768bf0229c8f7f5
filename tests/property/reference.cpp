// The brute-force allocation reference: every tree shape, every assignment, each rule of
// LANGUAGE.md "Decisions" checked literally.
#include "tests/property/reference.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace credo::reference {

namespace {

using engine::AwardIndex;
using engine::Item;
using engine::ItemSet;
using engine::kNone;
using engine::Learner;
using engine::Requirement;
using engine::Ruleset;

/// True when the learner's exceptions waive requirement `r` of `award` (not its entry block).
/// RPL toward the award, from LANGUAGE.md's words: basis transfer or experiential, or a source
/// earned at an institution other than the award's; a held award is earned at its own.
bool rpl_toward(const Item& item, const engine::Award& award, const Ruleset& rs, const Learner& learner) {
    const std::string& home = rs.institutions[award.institution].code;
    if (item.kind == Item::Kind::held) return item.institution != home;
    if (item.basis != engine::Basis::earned) return true;
    for (std::uint32_t c : item.sources)
        if (learner.credentials[c].institution != home) return true;
    return false;
}

bool is_waived(const Learner& learner, AwardIndex award, std::uint32_t r) {
    for (const engine::RuleException& e : learner.exceptions)
        if (e.kind == engine::RuleException::Kind::waive && e.award == award && e.requirement == r && !e.entry)
            return true;
    return false;
}

/// The learner's held award item for `award`, or kNone.
std::uint32_t held_item_of(const ItemSet& items, AwardIndex award) {
    for (std::uint32_t i = 0; i < items.items.size(); ++i)
        if (items.items[i].kind == Item::Kind::held && items.items[i].award == award) return i;
    return kNone;
}

const Requirement& requirement_of(const Ruleset& rs, const RefTree& tree, const RefSlot& slot) {
    return rs.awards[tree.parts[slot.part].award].requirements[slot.requirement];
}

/// Part `p` and every part enclosing it, innermost first.
std::vector<std::uint32_t> enclosing(const RefTree& tree, std::uint32_t p) {
    std::vector<std::uint32_t> out;
    for (; p != kNone; p = tree.parts[p].parent) out.push_back(p);
    return out;
}

/// True when part `inner` is `outer` or nested (at any depth) inside it.
/// Collects the distinct `rpl never` units named by `all` in the award and the awards it nests.
void collect_untaught(const Ruleset& rs, engine::AwardIndex a, std::set<engine::UnitIndex>& units) {
    for (const Requirement& req : rs.awards[a].requirements) {
        if (req.kind == Requirement::Kind::award) collect_untaught(rs, req.award, units);
        if (req.kind != Requirement::Kind::all) continue;
        for (engine::UnitIndex u : req.units)
            if (rs.units[u].rpl_never) units.insert(u);
    }
}

Centi reference_untaught(const Ruleset& rs, engine::AwardIndex a) {
    std::set<engine::UnitIndex> units;
    collect_untaught(rs, a, units);
    Centi credits = 0;
    for (engine::UnitIndex u : units) credits += rs.units[u].credits;
    return credits;
}

bool within_part(const RefTree& tree, std::uint32_t inner, std::uint32_t outer) {
    for (std::uint32_t p = inner; p != kNone; p = tree.parts[p].parent)
        if (p == outer) return true;
    return false;
}

/// True when the item is of the requirement's units (`all`) or matches its selector, and meets
/// its `min grade` (ungraded items pass).
bool in_requirement(const Requirement& req, const Item& item) {
    bool in = false;
    if (req.kind == Requirement::Kind::all)
        in = item.unit != kNone && std::find(req.units.begin(), req.units.end(), item.unit) != req.units.end();
    else if (req.kind == Requirement::Kind::count_of || req.kind == Requirement::Kind::credits_from)
        in = engine::matches(req.selector, item);
    if (in && req.min_grade && item.grade && *item.grade < *req.min_grade) in = false;
    return in;
}

/// True when the items meet an `all`, `N of` or `N credits from` requirement.
bool requirement_met(const Requirement& req, const std::vector<const Item*>& taken) {
    switch (req.kind) {
        case Requirement::Kind::all:
            for (engine::UnitIndex u : req.units) {
                int n = 0;
                for (const Item* item : taken) n += item->unit == u ? 1 : 0;
                if (n < 1) return false;
            }
            return true;
        case Requirement::Kind::count_of: {
            std::vector<std::string> keys;
            for (const Item* item : taken)
                if (std::find(keys.begin(), keys.end(), item->key) == keys.end()) keys.push_back(item->key);
            return keys.size() >= req.count;
        }
        case Requirement::Kind::credits_from: {
            Centi total = 0;
            for (const Item* item : taken) total += item->credits;
            return total >= req.credits;
        }
        case Requirement::Kind::award: return false;
    }
    return false;
}

/// Whether the item may count toward the slot at all: held, locked, source-only and substitute
/// items; the requirement's selector and `min grade`; `within`, `min grade` and `rpl never` of
/// every award enclosing the requirement.
std::string may_take(const Ruleset& rs, const Learner& learner, const ItemSet& items, const RefTree& tree, std::uint32_t item_index,
                     std::uint32_t slot_index) {
    const Item& item = items.items[item_index];
    const RefSlot& slot = tree.slots[slot_index];
    const Requirement& req = requirement_of(rs, tree, slot);
    if (item.source_only) return "is only an equivalence source";
    if (item.locked) return "counts only through its held award";
    if (slot.held) {
        if (item.kind != Item::Kind::held || item.award != req.award) return "is not the held award the slot names";
    } else {
        if (item.kind == Item::Kind::held) return "is a held award outside a `require award` naming it";
        if (item.kind == Item::Kind::substitute && (item.only_entry || item.only_award != tree.parts[slot.part].award ||
                                                    item.only_requirement != slot.requirement))
            return "is a substitute for another requirement";
        if (!in_requirement(req, item)) return "does not match the requirement (or its min grade)";
    }
    for (std::uint32_t p : enclosing(tree, slot.part)) {
        const engine::Award& award = rs.awards[tree.parts[p].award];
        if (award.within && item.date < subtract_period(items.as_of, award.within->years, award.within->months) &&
            (!award.within->rpl_only || rpl_toward(item, award, rs, learner)))
            return "is older than `within` of " + award.id;
        if (award.min_grade && item.grade && *item.grade < award.min_grade->grade)
            return "is below `min grade` of " + award.id;
        if (item.kind != Item::Kind::substitute && item.unit != kNone && rs.units[item.unit].rpl_never &&
            rpl_toward(item, award, rs, learner))
            return "is rpl-never and RPL toward " + award.id;
    }
    return "";
}

/// "MTU:A1 (c1, c2)" for messages.
std::string describe(const Ruleset& rs, const Learner& learner, const Item& item) {
    std::string out = item.key + " (";
    if (item.kind == Item::Kind::held) return out + rs.awards[item.award].id + ")";
    for (std::size_t k = 0; k < item.sources.size(); ++k)
        out += (k ? ", " : "") + learner.credentials[item.sources[k]].id;
    return out + ")";
}

std::string slot_name(const Ruleset& rs, const RefTree& tree, std::uint32_t s) {
    const RefSlot& slot = tree.slots[s];
    std::string path;
    for (std::uint32_t r : tree.parts[slot.part].path) path += std::to_string(r) + "/";
    return rs.awards[tree.parts[slot.part].award].id + " requirement \"" + requirement_of(rs, tree, slot).name +
           "\" (part " + path + ")";
}

bool share_source(const Item& a, const Item& b) {
    for (std::uint32_t c : a.sources)
        if (std::find(b.sources.begin(), b.sources.end(), c) != b.sources.end()) return true;
    return false;
}

/// True when two units are both in one exclusive set.
bool exclusive_pair(const Ruleset& rs, engine::UnitIndex a, engine::UnitIndex b) {
    if (a == kNone || b == kNone || a == b) return false;
    for (const engine::ExclusiveSet& x : rs.exclusives) {
        bool has_a = std::find(x.units.begin(), x.units.end(), a) != x.units.end();
        bool has_b = std::find(x.units.begin(), x.units.end(), b) != x.units.end();
        if (has_a && has_b) return true;
    }
    return false;
}

/// Grows every tree shape: parts are expanded in index order, requirements in declaration order.
void grow(const Ruleset& rs, const Learner& learner, const ItemSet& items, RefTree tree, std::uint32_t part,
          std::uint32_t r, std::vector<RefTree>& out) {
    if (part == tree.parts.size()) {
        out.push_back(std::move(tree));
        return;
    }
    const engine::Award& award = rs.awards[tree.parts[part].award];
    if (r == award.requirements.size()) {
        grow(rs, learner, items, std::move(tree), part + 1, 0, out);
        return;
    }
    const Requirement& req = award.requirements[r];
    if (is_waived(learner, tree.parts[part].award, r) || req.shared) {
        grow(rs, learner, items, std::move(tree), part, r + 1, out);
        return;
    }
    if (req.kind != Requirement::Kind::award) {
        tree.slots.push_back(RefSlot{part, r, false});
        grow(rs, learner, items, std::move(tree), part, r + 1, out);
        return;
    }
    if (held_item_of(items, req.award) != kNone) {
        RefTree with_held = tree;
        with_held.slots.push_back(RefSlot{part, r, true});
        grow(rs, learner, items, std::move(with_held), part, r + 1, out);
    }
    RefPart nested;
    nested.award = req.award;
    nested.parent = part;
    nested.path = tree.parts[part].path;
    nested.path.push_back(r);
    tree.parts.push_back(std::move(nested));
    grow(rs, learner, items, std::move(tree), part, r + 1, out);
}

/// The exhaustive enumeration over one tree.
class Enumeration {
public:
    Enumeration(const Ruleset& rs, const Learner& learner, const ItemSet& items, const RefTree& tree, RefResult& result,
                std::uint64_t max_nodes)
        : rs_(rs), learner_(learner), items_(items), tree_(tree), result_(result), max_nodes_(max_nodes) {
        options_.resize(items.items.size());
        for (std::uint32_t i = 0; i < items.items.size(); ++i)
            for (std::uint32_t s = 0; s < tree.slots.size(); ++s)
                if (may_take(rs, learner, items, tree, i, s).empty()) options_[i].push_back(s);
        assignment_.assign(items.items.size(), kNone);
    }

    /// False when the node limit was reached.
    bool run() { return visit(0); }

private:
    bool visit(std::uint32_t i) {
        if (++result_.nodes > max_nodes_) return false;
        if (i == items_.items.size()) {
            if (check_allocation(rs_, learner_, items_, tree_, assignment_).empty()) {
                RefScore score = score_of(rs_, learner_, items_, tree_, assignment_);
                if (!result_.eligible || score_less(score, result_.best)) result_.best = std::move(score);
                result_.eligible = true;
                ++result_.allocations;
            }
            if (check_partial(rs_, learner_, items_, tree_, assignment_).empty()) {
                RefPartialScore score = partial_score_of(rs_, learner_, items_, tree_, assignment_);
                if (!result_.partial_found || partial_less(score, result_.best_partial))
                    result_.best_partial = std::move(score);
                result_.partial_found = true;
            }
            return true;
        }
        if (!visit(i + 1)) return false;
        if (options_[i].empty() || conflicts(i)) return true;
        for (std::uint32_t s : options_[i]) {
            assignment_[i] = s;
            bool go_on = visit(i + 1);
            assignment_[i] = kNone;
            if (!go_on) return false;
        }
        return true;
    }

    /// Rule 1 and exclusive sets against the items already chosen (these only get worse as items
    /// are added, so skipping the branch loses no allocation).
    bool conflicts(std::uint32_t i) const {
        const Item& item = items_.items[i];
        for (std::uint32_t j = 0; j < i; ++j) {
            if (assignment_[j] == kNone) continue;
            const Item& other = items_.items[j];
            if (other.key == item.key || share_source(other, item) || exclusive_pair(rs_, other.unit, item.unit))
                return true;
        }
        return false;
    }

    const Ruleset& rs_;
    const Learner& learner_;
    const ItemSet& items_;
    const RefTree& tree_;
    RefResult& result_;
    std::uint64_t max_nodes_;
    std::vector<std::vector<std::uint32_t>> options_;
    std::vector<std::uint32_t> assignment_;
};

}  // namespace

bool score_less(const RefScore& a, const RefScore& b) {
    if (a.rpl != b.rpl) return a.rpl < b.rpl;
    if (a.excess != b.excess) return a.excess < b.excess;
    if (a.count != b.count) return a.count < b.count;
    return std::lexicographical_compare(a.ids.begin(), a.ids.end(), b.ids.begin(), b.ids.end());
}

std::vector<RefTree> award_trees(const Ruleset& rs, const Learner& learner, const ItemSet& items, AwardIndex award) {
    RefTree root;
    root.parts.push_back(RefPart{award, kNone, {}});
    std::vector<RefTree> out;
    grow(rs, learner, items, std::move(root), 0, 0, out);
    return out;
}

namespace {

/// The items an assignment chooses, each checked against its slot (may_take), rule 1 (one item
/// per unit, no credential behind two items) and exclusive sets (rule 4); "" when they hold.
std::string check_items(const Ruleset& rs, const Learner& learner, const ItemSet& items, const RefTree& tree,
                        const std::vector<std::uint32_t>& assignment, std::vector<std::uint32_t>& chosen) {
    if (assignment.size() != items.items.size()) return "the assignment does not cover the item list";
    chosen.clear();
    for (std::uint32_t i = 0; i < assignment.size(); ++i) {
        if (assignment[i] == kNone) continue;
        if (assignment[i] >= tree.slots.size())
            return "item " + std::to_string(i) + " is assigned to no slot of the tree";
        std::string why = may_take(rs, learner, items, tree, i, assignment[i]);
        if (!why.empty())
            return describe(rs, learner, items.items[i]) + " " + why + " but is assigned to " +
                   slot_name(rs, tree, assignment[i]);
        chosen.push_back(i);
    }
    for (std::size_t x = 0; x < chosen.size(); ++x)
        for (std::size_t y = x + 1; y < chosen.size(); ++y) {
            const Item& a = items.items[chosen[x]];
            const Item& b = items.items[chosen[y]];
            if (a.key == b.key)
                return "two items of " + a.key + ": " + describe(rs, learner, a) + " and " + describe(rs, learner, b);
            if (share_source(a, b))
                return describe(rs, learner, a) + " and " + describe(rs, learner, b) + " share a credential";
        }
    for (const engine::ExclusiveSet& x : rs.exclusives) {
        std::vector<engine::UnitIndex> present;
        for (std::uint32_t i : chosen) {
            engine::UnitIndex u = items.items[i].unit;
            if (u != kNone && std::find(x.units.begin(), x.units.end(), u) != x.units.end() &&
                std::find(present.begin(), present.end(), u) == present.end())
                present.push_back(u);
        }
        if (present.size() > 1)
            return "exclusive set at line " + std::to_string(x.where.line) + " has " + rs.units[present[0]].id +
                   " and " + rs.units[present[1]].id;
    }
    return "";
}

/// The items assigned to slot `s`.
std::vector<const Item*> slot_items(const ItemSet& items, const std::vector<std::uint32_t>& assignment,
                                    std::uint32_t s) {
    std::vector<const Item*> taken;
    for (std::uint32_t i = 0; i < assignment.size(); ++i)
        if (assignment[i] == s) taken.push_back(&items.items[i]);
    return taken;
}

bool slot_met(const Ruleset& rs, const ItemSet& items, const RefTree& tree, const std::vector<std::uint32_t>& assignment,
              std::uint32_t s) {
    const std::vector<const Item*> taken = slot_items(items, assignment, s);
    return tree.slots[s].held ? taken.size() == 1 : requirement_met(requirement_of(rs, tree, tree.slots[s]), taken);
}

/// The items assigned anywhere in part `p` (its own slots and those of parts nested in it).
std::vector<const Item*> part_items(const ItemSet& items, const RefTree& tree,
                                    const std::vector<std::uint32_t>& assignment, std::uint32_t p) {
    std::vector<const Item*> out;
    for (std::uint32_t i = 0; i < assignment.size(); ++i)
        if (assignment[i] != kNone && within_part(tree, tree.slots[assignment[i]].part, p))
            out.push_back(&items.items[i]);
    return out;
}

/// The first shared requirement of part `p` its items do not meet, or null.
const Requirement* shared_unmet(const Ruleset& rs, const Learner& learner, const RefTree& tree, std::uint32_t p,
                                const std::vector<const Item*>& in_part) {
    const engine::Award& award = rs.awards[tree.parts[p].award];
    for (std::uint32_t r = 0; r < award.requirements.size(); ++r) {
        const Requirement& req = award.requirements[r];
        if (!req.shared || is_waived(learner, tree.parts[p].award, r)) continue;
        std::vector<const Item*> matching;
        for (const Item* item : in_part)
            if (in_requirement(req, *item)) matching.push_back(item);
        if (!requirement_met(req, matching)) return &req;
    }
    return nullptr;
}

Centi credits_of(const std::vector<const Item*>& in_part) {
    Centi total = 0;
    for (const Item* item : in_part) total += item->credits;
    return total;
}

/// Rule 4 for part `p`: its limits and its RPL cap.
std::string check_limits(const Ruleset& rs, const Learner& learner, const RefTree& tree, std::uint32_t p,
                         const std::vector<const Item*>& in_part) {
    const engine::Award& award = rs.awards[tree.parts[p].award];
    for (const engine::CreditLimit& limit : award.limits) {
        Centi used = 0;
        for (const Item* item : in_part)
            if (engine::matches(limit.selector, *item) && (!limit.rpl || rpl_toward(*item, award, rs, learner)))
                used += item->credits;
        if (used > limit.credits)
            return award.id + " limit at line " + std::to_string(limit.where.line) + " exceeded: " + format_centi(used);
    }
    Centi rpl = 0;
    for (const Item* item : in_part)
        if (rpl_toward(*item, award, rs, learner)) rpl += item->credits;
    if (award.rpl_limit) {
        // The percent is taken of the award's credits, or of its taught credits (its credits
        // less the rpl-never units named by `all` in its tree), computed here from the rules.
        Centi base = award.credits;
        if (award.rpl_limit->of_taught) base -= reference_untaught(rs, tree.parts[p].award);
        bool ok = award.rpl_limit->percent ? rpl * 10000 <= award.rpl_limit->value * base
                                           : rpl <= award.rpl_limit->value;
        if (!ok) return award.id + " RPL cap exceeded: " + format_centi(rpl) + " RPL credits";
    }
    return "";
}

/// The chosen items in the order the search takes them: by their sorted credential ids (a
/// held award by its award id).
std::vector<std::uint32_t> in_id_order(const Learner& learner, const ItemSet& items, const Ruleset& rs,
                                       std::vector<std::uint32_t> chosen) {
    auto ids = [&](std::uint32_t i) {
        const Item& item = items.items[i];
        std::vector<std::string> out;
        if (item.kind == Item::Kind::held) return std::vector<std::string>{rs.awards[item.award].id};
        for (std::uint32_t c : item.sources) out.push_back(learner.credentials[c].id);
        std::sort(out.begin(), out.end());
        return out;
    };
    std::stable_sort(chosen.begin(), chosen.end(), [&](std::uint32_t a, std::uint32_t b) { return ids(a) < ids(b); });
    return chosen;
}

}  // namespace

std::string check_allocation(const Ruleset& rs, const Learner& learner, const ItemSet& items, const RefTree& tree,
                             const std::vector<std::uint32_t>& assignment) {
    std::vector<std::uint32_t> chosen;
    std::string problem = check_items(rs, learner, items, tree, assignment, chosen);
    if (!problem.empty()) return problem;
    // Rule 2: every slot met by its own items.
    for (std::uint32_t s = 0; s < tree.slots.size(); ++s)
        if (!slot_met(rs, items, tree, assignment, s)) return slot_name(rs, tree, s) + " is not met";
    // Rules 2 and 4 per part: shared requirements, limits, the RPL cap and the total.
    for (std::uint32_t p = 0; p < tree.parts.size(); ++p) {
        const engine::Award& award = rs.awards[tree.parts[p].award];
        const std::vector<const Item*> in_part = part_items(items, tree, assignment, p);
        if (const Requirement* req = shared_unmet(rs, learner, tree, p, in_part))
            return award.id + " shared requirement \"" + req->name + "\" is not met";
        problem = check_limits(rs, learner, tree, p, in_part);
        if (!problem.empty()) return problem;
        const Centi total = credits_of(in_part);
        if (total < award.credits)
            return award.id + " part has " + format_centi(total) + " of " + format_centi(award.credits) + " credits";
    }
    return "";
}

std::string check_partial(const Ruleset& rs, const Learner& learner, const ItemSet& items, const RefTree& tree,
                          const std::vector<std::uint32_t>& assignment) {
    std::vector<std::uint32_t> chosen;
    std::string problem = check_items(rs, learner, items, tree, assignment, chosen);
    if (!problem.empty()) return problem;
    std::vector<std::uint32_t> so_far(assignment.size(), kNone);
    for (std::uint32_t i : in_id_order(learner, items, rs, chosen)) {
        if (slot_met(rs, items, tree, so_far, assignment[i]))
            return describe(rs, learner, items.items[i]) + " is added to " + slot_name(rs, tree, assignment[i]) +
                   ", already met by the items before it";
        so_far[i] = assignment[i];
    }
    for (std::uint32_t p = 0; p < tree.parts.size(); ++p) {
        problem = check_limits(rs, learner, tree, p, part_items(items, tree, assignment, p));
        if (!problem.empty()) return problem;
    }
    return "";
}

RefPartialScore partial_score_of(const Ruleset& rs, const Learner& learner, const ItemSet& items, const RefTree& tree,
                                 const std::vector<std::uint32_t>& assignment) {
    RefPartialScore score;
    const RefScore full = score_of(rs, learner, items, tree, assignment);
    score.credits = full.excess + rs.awards[tree.parts[0].award].credits;
    for (std::uint32_t s = 0; s < tree.slots.size(); ++s) score.met += slot_met(rs, items, tree, assignment, s) ? 1 : 0;
    score.rpl = full.rpl;
    score.count = full.count;
    score.ids = full.ids;
    return score;
}

bool partial_less(const RefPartialScore& a, const RefPartialScore& b) {
    if (a.credits != b.credits) return a.credits > b.credits;
    if (a.met != b.met) return a.met > b.met;
    if (a.rpl != b.rpl) return a.rpl < b.rpl;
    if (a.count != b.count) return a.count < b.count;
    return a.ids < b.ids;
}

std::vector<std::uint32_t> first_placement(const Ruleset& rs, const Learner& learner, const ItemSet& items,
                                           const RefTree& tree, const std::vector<std::uint32_t>& chosen) {
    // Slots in declaration order, depth first through nested awards: by their requirement path.
    std::vector<std::uint32_t> slots(tree.slots.size());
    for (std::uint32_t s = 0; s < slots.size(); ++s) slots[s] = s;
    auto path = [&](std::uint32_t s) {
        std::vector<std::uint32_t> out = tree.parts[tree.slots[s].part].path;
        out.push_back(tree.slots[s].requirement);
        return out;
    };
    std::sort(slots.begin(), slots.end(), [&](std::uint32_t a, std::uint32_t b) { return path(a) < path(b); });
    const std::vector<std::uint32_t> order = in_id_order(learner, items, rs, chosen);
    std::vector<std::uint32_t> assignment(items.items.size(), kNone);

    // A met slot takes an item as surplus while its part, or one enclosing it, lacks credits or
    // a shared requirement.
    auto surplus_helps = [&](std::uint32_t s) {
        for (std::uint32_t p : enclosing(tree, tree.slots[s].part)) {
            const std::vector<const Item*> in_part = part_items(items, tree, assignment, p);
            if (credits_of(in_part) < rs.awards[tree.parts[p].award].credits) return true;
            if (shared_unmet(rs, learner, tree, p, in_part)) return true;
        }
        return false;
    };
    std::function<bool(std::size_t)> place = [&](std::size_t k) {
        if (k == order.size()) return check_allocation(rs, learner, items, tree, assignment).empty();
        const std::uint32_t i = order[k];
        std::vector<std::uint32_t> options;
        for (std::uint32_t s : slots)
            if (may_take(rs, learner, items, tree, i, s).empty() && !slot_met(rs, items, tree, assignment, s))
                options.push_back(s);
        std::vector<std::uint32_t> parts_tried;
        for (std::uint32_t s : slots) {
            const std::uint32_t part = tree.slots[s].part;
            if (!may_take(rs, learner, items, tree, i, s).empty() || !slot_met(rs, items, tree, assignment, s) ||
                !surplus_helps(s) || std::find(parts_tried.begin(), parts_tried.end(), part) != parts_tried.end())
                continue;
            parts_tried.push_back(part);
            options.push_back(s);
        }
        for (std::uint32_t s : options) {
            assignment[i] = s;
            if (place(k + 1)) return true;
            assignment[i] = kNone;
        }
        return false;
    };
    if (!place(0)) assignment.clear();
    return assignment;
}

RefScore score_of(const Ruleset& rs, const Learner& learner, const ItemSet& items, const RefTree& tree,
                  const std::vector<std::uint32_t>& assignment) {
    const engine::Award& root = rs.awards[tree.parts[0].award];
    RefScore score;
    Centi total = 0;
    for (std::uint32_t i = 0; i < assignment.size(); ++i) {
        if (assignment[i] == kNone) continue;
        const Item& item = items.items[i];
        total += item.credits;
        if (rpl_toward(item, root, rs, learner)) score.rpl += item.credits;
        ++score.count;
        if (item.kind == Item::Kind::held)
            score.ids.push_back(rs.awards[item.award].id);
        else
            for (std::uint32_t c : item.sources) score.ids.push_back(learner.credentials[c].id);
    }
    score.excess = total - root.credits;
    std::sort(score.ids.begin(), score.ids.end());
    return score;
}

RefResult decide(const Ruleset& rs, const Learner& learner, const ItemSet& items, AwardIndex award,
                 std::uint64_t max_nodes) {
    RefResult result;
    for (const RefTree& tree : award_trees(rs, learner, items, award)) {
        if (!Enumeration(rs, learner, items, tree, result, max_nodes).run()) {
            result.complete = false;
            return result;
        }
    }
    return result;
}

}  // namespace credo::reference
