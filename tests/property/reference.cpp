// The brute-force allocation reference: every tree shape, every assignment, each rule of
// LANGUAGE.md "Decisions" checked literally.
#include "tests/property/reference.hpp"

#include <algorithm>
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
bool rpl_toward(const Item& item, const engine::Award& award, const Ruleset& rs) {
    const std::string& home = rs.institutions[award.institution].code;
    if (item.kind == Item::Kind::held) return item.institution != home;
    if (item.basis != engine::Basis::earned) return true;
    for (const std::string& inst : item.source_institutions)
        if (inst != home) return true;
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
std::string may_take(const Ruleset& rs, const ItemSet& items, const RefTree& tree, std::uint32_t item_index,
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
            (!award.within->rpl_only || rpl_toward(item, award, rs)))
            return "is older than `within` of " + award.id;
        if (award.min_grade && item.grade && *item.grade < award.min_grade->grade)
            return "is below `min grade` of " + award.id;
        if (item.kind != Item::Kind::substitute && item.unit != kNone && rs.units[item.unit].rpl_never &&
            rpl_toward(item, award, rs))
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
                if (may_take(rs, items, tree, i, s).empty()) options_[i].push_back(s);
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

std::string check_allocation(const Ruleset& rs, const Learner& learner, const ItemSet& items, const RefTree& tree,
                             const std::vector<std::uint32_t>& assignment) {
    if (assignment.size() != items.items.size()) return "the assignment does not cover the item list";
    std::vector<std::uint32_t> chosen;
    for (std::uint32_t i = 0; i < assignment.size(); ++i) {
        if (assignment[i] == kNone) continue;
        if (assignment[i] >= tree.slots.size())
            return "item " + std::to_string(i) + " is assigned to no slot of the tree";
        std::string why = may_take(rs, items, tree, i, assignment[i]);
        if (!why.empty())
            return describe(rs, learner, items.items[i]) + " " + why + " but is assigned to " +
                   slot_name(rs, tree, assignment[i]);
        chosen.push_back(i);
    }

    // Rule 1: one item per unit, no credential behind two items; exclusive sets (rule 4).
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

    // Rule 2: every slot met by its own items.
    for (std::uint32_t s = 0; s < tree.slots.size(); ++s) {
        std::vector<const Item*> taken;
        for (std::uint32_t i : chosen)
            if (assignment[i] == s) taken.push_back(&items.items[i]);
        bool met =
            tree.slots[s].held ? taken.size() == 1 : requirement_met(requirement_of(rs, tree, tree.slots[s]), taken);
        if (!met) return slot_name(rs, tree, s) + " is not met";
    }

    // Rules 2 and 4 per part: shared requirements, limits, the RPL cap and the total.
    for (std::uint32_t p = 0; p < tree.parts.size(); ++p) {
        const engine::Award& award = rs.awards[tree.parts[p].award];
        std::vector<const Item*> part_items;
        for (std::uint32_t i : chosen)
            if (within_part(tree, tree.slots[assignment[i]].part, p)) part_items.push_back(&items.items[i]);
        for (std::uint32_t r = 0; r < award.requirements.size(); ++r) {
            const Requirement& req = award.requirements[r];
            if (!req.shared || is_waived(learner, tree.parts[p].award, r)) continue;
            std::vector<const Item*> matching;
            for (const Item* item : part_items)
                if (in_requirement(req, *item)) matching.push_back(item);
            if (!requirement_met(req, matching))
                return award.id + " shared requirement \"" + req.name + "\" is not met";
        }
        for (const engine::CreditLimit& limit : award.limits) {
            Centi used = 0;
            for (const Item* item : part_items)
                if (engine::matches(limit.selector, *item) && (!limit.rpl || rpl_toward(*item, award, rs)))
                    used += item->credits;
            if (used > limit.credits)
                return award.id + " limit at line " + std::to_string(limit.where.line) +
                       " exceeded: " + format_centi(used);
        }
        Centi total = 0, rpl = 0;
        for (const Item* item : part_items) {
            total += item->credits;
            if (rpl_toward(*item, award, rs)) rpl += item->credits;
        }
        if (award.rpl_limit) {
            // The percent is taken of the award's credits, or of its taught credits (its credits
            // less the rpl-never units named by `all` in its tree), computed here from the rules.
            Centi base = award.credits;
            if (award.rpl_limit->of_taught) base -= reference_untaught(rs, tree.parts[p].award);
            bool ok = award.rpl_limit->percent ? rpl * 10000 <= award.rpl_limit->value * base
                                               : rpl <= award.rpl_limit->value;
            if (!ok) return award.id + " RPL cap exceeded: " + format_centi(rpl) + " RPL credits";
        }
        if (total < award.credits)
            return award.id + " part has " + format_centi(total) + " of " + format_centi(award.credits) + " credits";
    }
    return "";
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
        if (rpl_toward(item, root, rs)) score.rpl += item.credits;
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
