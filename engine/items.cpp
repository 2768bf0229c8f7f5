// Normalisation of a learner record into items: catalogue facts, equivalences (transitively),
// held awards and substitutes.
#include "engine/items.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace credo::engine {

namespace {

int rpl_rank(Basis b) { return b == Basis::earned ? 0 : b == Basis::transfer ? 1 : 2; }

bool has_prefix(const std::string& s, const std::string& prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool in_window(const Equivalence& e, const Item& item) {
    if (e.since && item.date < *e.since) return false;
    if (e.until && item.date > *e.until) return false;
    return !(e.min_grade && item.grade && *item.grade < *e.min_grade);
}

bool filter_passes(const Filter& f, const Item& item) {
    switch (f.field) {
        case Filter::Field::level: return item.sized && compare(item.level, f.cmp, f.value);
        case Filter::Field::credits: return item.sized && compare(item.credits, f.cmp, f.value);
        case Filter::Field::institution: return item.institution == f.institution;
        case Filter::Field::basis: return item.basis == f.basis;
    }
    return false;
}

/// True when two sorted lists share no value.
template <class A, class B>
bool disjoint(const A& a, const B& b) {
    auto i = a.begin(), j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (*i == *j) return false;
        if (*i < *j) ++i; else ++j;
    }
    return true;
}

/// An item of a catalogue unit, with the catalogue's credits and level.
Item unit_item(const Ruleset& rs, Item::Kind kind, UnitIndex u) {
    const Unit& unit = rs.units[u];
    Item item;
    item.kind = kind;
    item.unit = u;
    item.key = unit.id;
    item.institution = rs.institutions[unit.institution].code;
    item.credits = unit.credits;
    item.level = unit.level;
    item.sized = true;
    return item;
}

/// Derives items through equivalences to a fixed point. Rules are applied in rounds, each in
/// rule order, exactly as a loop over every rule until nothing changes would; but a rule is only
/// visited while an item it could take has appeared since its last visit (the rules are indexed
/// by source), and then only with combinations that include such an item.
class Deriver {
public:
    Deriver(const Ruleset& rs, const Learner& learner, ItemSet& set, std::size_t max_derived)
        : rs_(rs), learner_(learner), set_(set), max_(max_derived), tried_(rs.equivalences.size(), 0),
          dirty_(rs.equivalences.size()), dirty_next_(rs.equivalences.size()) {
        unit_of_.reserve(2 * set_.items.size());
        for (std::uint32_t i = 0; i < set_.items.size(); ++i) {
            unit_of_.push_back(set_.items[i].unit);
            added(i, 0);
        }
    }

    void run() {
        const std::size_t E = rs_.equivalences.size();
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t e = dirty_.next(0); e < E; e = dirty_.next(e + 1)) {
                cursor_ = static_cast<std::uint32_t>(e);
                dirty_.reset(e);
                changed = apply(cursor_) || changed;
            }
            dirty_.swap(dirty_next_);
            changed = changed || dirty_.any();
        }
    }

private:
    /// Item `i` is new: the rules that could take it are visited, in this round when they come
    /// after the rule being applied, in the next round otherwise.
    void added(std::uint32_t i, std::uint32_t cursor) {
        const Item& item = set_.items[i];
        if (!usable_source(item)) return;
        auto mark = [&](std::uint32_t e) { (e >= cursor ? dirty_ : dirty_next_).set(e); };
        if (item.unit != kNone) {
            for (std::uint32_t e : rs_.equivalences_by_source_unit[item.unit]) mark(e);
        } else if (auto by_source = rs_.equivalences_by_source.find(item.key);
                   by_source != rs_.equivalences_by_source.end()) {
            for (std::uint32_t e : by_source->second) mark(e);
        }
        if (item.unit != kNone) {
            for (std::uint32_t e : rs_.pattern_equivalences_by_institution_index[rs_.units[item.unit].institution]) mark(e);
        } else if (auto by_pattern = rs_.pattern_equivalences_by_institution.find(item.institution);
                   by_pattern != rs_.pattern_equivalences_by_institution.end()) {
            for (std::uint32_t e : by_pattern->second) mark(e);
        }
    }

    bool usable_source(const Item& item) const {
        return item.kind == Item::Kind::credential || item.kind == Item::Kind::derived;
    }

    bool apply(std::uint32_t e) {
        const Equivalence& eq = rs_.equivalences[e];
        const std::string& target = rs_.units[eq.target].id;
        const std::uint32_t snapshot = static_cast<std::uint32_t>(set_.items.size());
        const std::uint32_t fresh = tried_[e];  // items before this one were tried with this rule
        tried_[e] = snapshot;
        bool added = false;
        if (eq.pattern) {
            for (std::uint32_t i = fresh; i < snapshot; ++i) {
                const Item& item = set_.items[i];
                if (!usable_source(item) || item.key == target || !has_prefix(item.key, *eq.pattern)) continue;
                if (!in_window(eq, item)) continue;
                bool pass = true;
                for (const Filter& f : eq.filters) pass = pass && filter_passes(f, item);
                if (!pass) continue;
                combo_.assign(1, i);
                added = derive(e, combo_) || added;
            }
            return added;
        }
        choices_.resize(eq.sources.size());
        for (std::size_t k = 0; k < eq.sources.size(); ++k) {
            choices_[k].clear();
            const UnitIndex unit = eq.source_units[k];
            for (std::uint32_t i = 0; i < snapshot; ++i) {
                if (unit_of_[i] != unit) continue;
                const Item& item = set_.items[i];
                if ((unit != kNone || item.key == eq.sources[k]) && usable_source(item) && in_window(eq, item))
                    choices_[k].push_back(i);
            }
            if (choices_[k].empty()) return false;
        }
        combo_.clear();
        return combine(e, fresh, combo_, false);
    }

    /// Every choice of one item per source with pairwise disjoint sources, at least one of them
    /// new to the rule.
    bool combine(std::uint32_t e, std::uint32_t fresh, std::vector<std::uint32_t>& combo, bool has_fresh) {
        if (combo.size() == choices_.size()) return has_fresh && derive(e, combo);
        bool added = false;
        for (std::uint32_t i : choices_[combo.size()]) {
            bool ok = true;
            for (std::uint32_t j : combo) ok = ok && disjoint(set_.items[i].sources, set_.items[j].sources);
            if (!ok) continue;
            combo.push_back(i);
            added = combine(e, fresh, combo, has_fresh || i >= fresh) || added;
            combo.pop_back();
        }
        return added;
    }

    bool derive(std::uint32_t e, const std::vector<std::uint32_t>& from) {
        const Equivalence& eq = rs_.equivalences[e];
        // At most one derived item per unit and set of source credentials.
        sources_.clear();
        for (std::uint32_t i : from) {
            const auto& more = set_.items[i].sources;
            const std::size_t had = sources_.size();
            sources_.insert(sources_.end(), more.begin(), more.end());
            std::inplace_merge(sources_.begin(), sources_.begin() + static_cast<std::ptrdiff_t>(had), sources_.end());
        }
        sources_.erase(std::unique(sources_.begin(), sources_.end()), sources_.end());
        for (std::uint32_t i = 0; i < set_.items.size(); ++i) {
            const auto& other = set_.items[i].sources;
            if (unit_of_[i] == eq.target && std::equal(other.begin(), other.end(), sources_.begin(), sources_.end()))
                return false;
        }
        Item d = unit_item(rs_, Item::Kind::derived, eq.target);
        d.equivalence = e;
        d.sources = sources_;
        const std::string& home = learner_.credentials[set_.items[from[0]].sources[0]].institution;
        int rank = 0;
        for (std::uint32_t i : from) {
            const Item& s = set_.items[i];
            d.one_institution = d.one_institution && s.one_institution &&
                                learner_.credentials[s.sources[0]].institution == home;
            d.date = std::max(d.date, s.date);
            if (s.grade) d.grade = d.grade ? std::min(*d.grade, *s.grade) : *s.grade;
            rank = std::max(rank, rpl_rank(s.basis));
            if (s.institution != d.institution) rank = std::max(rank, 1);
        }
        d.basis = rank == 0 ? Basis::earned : rank == 1 ? Basis::transfer : Basis::experiential;
        if (++derived_ > max_) throw DerivationLimit{max_};
        set_.items.push_back(std::move(d));
        unit_of_.push_back(eq.target);
        added(static_cast<std::uint32_t>(set_.items.size() - 1), cursor_ + 1);
        return true;
    }

    const Ruleset& rs_;
    const Learner& learner_;
    ItemSet& set_;
    std::size_t max_;
    std::size_t derived_ = 0;
    std::vector<std::uint32_t> tried_;
    Bitset dirty_, dirty_next_;  ///< rules to visit in this round, and in the next
    std::uint32_t cursor_ = 0;
    std::vector<std::vector<std::uint32_t>> choices_;
    std::vector<UnitIndex> unit_of_;  ///< per item: its unit, for scans that look for one
    std::vector<std::uint32_t> combo_;    ///< the items a rule is being applied to
    std::vector<std::uint32_t> sources_;  ///< the sources of the item being derived
};

/// Unit keys numbered (items of one unit share a number): catalogue units compare by index,
/// the rest by id; a catalogue unit's id is never another item's key.
void number_keys(ItemSet& set) {
    const std::uint32_t n = static_cast<std::uint32_t>(set.items.size());
    std::vector<std::uint32_t> by_key(n);
    for (std::uint32_t i = 0; i < n; ++i) by_key[i] = i;
    auto key_less = [&](std::uint32_t a, std::uint32_t b) {
        const Item &x = set.items[a], &y = set.items[b];
        if ((x.unit == kNone) != (y.unit == kNone)) return x.unit != kNone;
        return x.unit != kNone ? x.unit < y.unit : x.key < y.key;
    };
    std::sort(by_key.begin(), by_key.end(), key_less);
    set.key_index.assign(n, 0);
    set.key_count = 0;
    for (std::uint32_t k = 0; k < n; ++k) {
        if (k > 0 && key_less(by_key[k - 1], by_key[k])) ++set.key_count;
        set.key_index[by_key[k]] = set.key_count;
    }
    if (n > 0) ++set.key_count;
}

}  // namespace

void order_items(const Ruleset& rs, const Learner& learner, ItemSet& set) {
    if (set.ordered) return;
    set.ordered = true;
    number_keys(set);
    const std::uint32_t n = static_cast<std::uint32_t>(set.items.size());
    const std::uint32_t credentials = static_cast<std::uint32_t>(learner.credentials.size());
    // Ranks of every id an item can name, in byte order (equal ids, equal ranks): the learner's
    // credential ids, then held awards' ids (owner: credentials + item index).
    std::vector<std::pair<const std::string*, std::uint32_t>> names;
    names.reserve(credentials + learner.awards_held.size());
    for (std::uint32_t c = 0; c < credentials; ++c) names.emplace_back(&learner.credentials[c].id, c);
    for (std::uint32_t i = 0; i < n; ++i)
        if (set.items[i].kind == Item::Kind::held) names.emplace_back(&rs.awards[set.items[i].award].id, credentials + i);
    // Ids are short: a byte loop, in the order std::string compares them, without memcmp calls.
    std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) {
        const std::string &x = *a.first, &y = *b.first;
        const std::size_t common = std::min(x.size(), y.size());
        for (std::size_t k = 0; k < common; ++k)
            if (x[k] != y[k]) return static_cast<unsigned char>(x[k]) < static_cast<unsigned char>(y[k]);
        return x.size() < y.size();
    });
    std::vector<std::uint32_t> rank_of(credentials + n, 0);
    set.id_names.clear();
    for (std::uint32_t k = 0; k < names.size(); ++k) {
        if (k == 0 || *names[k].first != *names[k - 1].first) set.id_names.push_back(*names[k].first);
        rank_of[names[k].second] = static_cast<std::uint32_t>(set.id_names.size() - 1);
    }
    set.rank_start.assign(1, 0);
    set.rank_list.clear();
    set.rank_start.reserve(n + 1);
    set.rank_list.reserve(2 * n);
    for (std::uint32_t i = 0; i < n; ++i) {
        const Item& item = set.items[i];
        const std::size_t first = set.rank_list.size();
        if (item.kind == Item::Kind::held) set.rank_list.push_back(rank_of[credentials + i]);
        else
            for (std::uint32_t c : item.sources) set.rank_list.push_back(rank_of[c]);
        std::sort(set.rank_list.begin() + static_cast<std::ptrdiff_t>(first), set.rank_list.end());
        set.rank_start.push_back(static_cast<std::uint32_t>(set.rank_list.size()));
    }
    set.order.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i)
        if (!set.items[i].source_only) set.order.push_back(i);
    // Most items name one id, so the ranks are compared in a plain loop.
    auto ranks_less = [&](IndexRange x, IndexRange y) {
        const std::size_t common = std::min(x.size(), y.size());
        for (std::size_t k = 0; k < common; ++k)
            if (x[k] != y[k]) return x[k] < y[k];
        return x.size() < y.size();
    };
    std::sort(set.order.begin(), set.order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const IndexRange x = set.ranks(a), y = set.ranks(b);  // never empty
        if (x[0] != y[0]) return x[0] < y[0];
        if (ranks_less(x, y)) return true;
        if (ranks_less(y, x)) return false;
        const Item &p = set.items[a], &q = set.items[b];
        if (p.kind != q.kind) return p.kind < q.kind;
        if (p.unit != kNone && q.unit != kNone) {  // catalogue ids compare by their rank
            if (p.unit != q.unit) return rs.unit_id_rank[p.unit] < rs.unit_id_rank[q.unit];
        } else if (p.key != q.key) {
            return p.key < q.key;
        }
        return a < b;
    });
    // Two items that can count conflict when they share a unit key, a credential, or an
    // exclusive set (a unit may be in several). Each is a group; every two members of a group
    // conflict. Groups are numbered: unit keys, then credentials, then the exclusive sets the
    // items name (in the ruleset's order).
    const std::uint32_t counted = static_cast<std::uint32_t>(set.order.size());
    std::vector<std::uint32_t> exclusives;
    for (std::uint32_t i : set.order)
        if (set.items[i].unit != kNone)
            for (std::uint32_t e : rs.exclusives_of_unit[set.items[i].unit]) exclusives.push_back(e);
    std::sort(exclusives.begin(), exclusives.end());
    exclusives.erase(std::unique(exclusives.begin(), exclusives.end()), exclusives.end());
    const std::uint32_t credential_groups = set.key_count, exclusive_groups = credential_groups + credentials;
    const std::uint32_t groups = exclusive_groups + static_cast<std::uint32_t>(exclusives.size());
    auto for_each_group = [&](std::uint32_t x, auto&& f) {  // the groups of the item at `x` in order
        const Item& item = set.items[set.order[x]];
        f(set.key_index[set.order[x]]);
        for (std::uint32_t c : item.sources) f(credential_groups + c);
        if (item.unit != kNone)
            for (std::uint32_t e : rs.exclusives_of_unit[item.unit])
                f(exclusive_groups + static_cast<std::uint32_t>(
                                         std::lower_bound(exclusives.begin(), exclusives.end(), e) - exclusives.begin()));
    };
    // Each group's members, as positions in order, ascending.
    std::vector<std::uint32_t> group_start(groups + 1, 0);
    for (std::uint32_t x = 0; x < counted; ++x) for_each_group(x, [&](std::uint32_t g) { ++group_start[g + 1]; });
    for (std::uint32_t g = 0; g < groups; ++g) group_start[g + 1] += group_start[g];
    std::vector<std::uint32_t> members(group_start.back());
    std::vector<std::uint32_t> fill(group_start.begin(), group_start.end() - 1);
    for (std::uint32_t x = 0; x < counted; ++x) for_each_group(x, [&](std::uint32_t g) { members[fill[g]++] = x; });
    // Each item's conflicts: the other members of its groups, once each, in tie-break order.
    std::vector<std::uint32_t> position(n, kNone);
    for (std::uint32_t x = 0; x < counted; ++x) position[set.order[x]] = x;
    std::vector<std::uint32_t> seen(counted, kNone), others;
    set.conflict_start.assign(1, 0);
    set.conflict_start.reserve(n + 1);
    set.conflict_list.clear();
    set.conflict_list.reserve(members.size() * 2);
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t x = position[i];
        if (x != kNone) {
            others.clear();
            for_each_group(x, [&](std::uint32_t g) {
                for (std::uint32_t k = group_start[g]; k < group_start[g + 1]; ++k)
                    if (const std::uint32_t y = members[k]; y != x && seen[y] != x) seen[y] = x, others.push_back(y);
            });
            std::sort(others.begin(), others.end());
            for (std::uint32_t y : others) set.conflict_list.push_back(set.order[y]);
        }
        set.conflict_start.push_back(static_cast<std::uint32_t>(set.conflict_list.size()));
    }
}

namespace {

/// The item of credential `c` itself.
Item credential_item(const Credential& cred, std::uint32_t c) {
    Item item;
    item.kind = Item::Kind::credential;
    item.unit = cred.catalogue;
    item.credential = c;
    item.key = cred.unit;
    item.institution = cred.institution;
    item.sized = cred.credits.has_value();
    item.credits = cred.credits.value_or(0);
    item.level = cred.level.value_or(0);
    item.date = cred.date;
    item.grade = cred.grade;
    item.basis = cred.basis;
    item.sources = {c};
    item.source_only = !item.sized;
    return item;
}

}  // namespace

ItemSet collect_items(const Ruleset& rs, const Learner& learner, Date as_of, std::size_t max_derived) {
    ItemSet set;
    set.as_of = as_of;
    const std::size_t n = learner.credentials.size();
    set.future.assign(n, false);
    // Room for the credentials, about as many derived items, held awards and substitutes.
    set.items.reserve(2 * n + learner.awards_held.size() + learner.exceptions.size());
    for (std::uint32_t c = 0; c < n; ++c) {
        const Credential& cred = learner.credentials[c];
        if (cred.date > as_of) {
            set.future[c] = true;
            continue;
        }
        set.items.push_back(credential_item(cred, c));
    }

    Deriver(rs, learner, set, max_derived).run();

    std::vector<bool> is_source(n, false);
    for (const Item& item : set.items)
        if (item.kind == Item::Kind::derived)
            for (std::uint32_t c : item.sources) is_source[c] = true;
    for (const Item& item : set.items)
        if (item.kind == Item::Kind::credential && item.source_only && !is_source[item.credential])
            set.unrecognised.push_back(item.credential);

    std::vector<bool> held_credential(n, false);
    set.held_item.assign(rs.awards.size(), kNone);
    for (const HeldAward& h : learner.awards_held) {
        if (h.date > as_of) continue;
        const Award& award = rs.awards[h.award];
        Item item;
        item.kind = Item::Kind::held;
        item.award = h.award;
        item.key = award.id;
        item.institution = rs.institutions[award.institution].code;
        item.credits = award.credits;
        item.level = award.level;
        item.sized = true;
        item.date = h.date;
        item.sources = h.credentials;
        std::sort(item.sources.begin(), item.sources.end());
        for (std::uint32_t c : item.sources) held_credential[c] = true;
        set.held_item[h.award] = static_cast<std::uint32_t>(set.items.size());
        set.items.push_back(std::move(item));
    }

    for (const RuleException& ex : learner.exceptions) {
        if (ex.kind != RuleException::Kind::substitute || set.future[ex.credential]) continue;
        const Credential& cred = learner.credentials[ex.credential];
        Item item = unit_item(rs, Item::Kind::substitute, ex.unit);
        item.credential = ex.credential;
        item.date = cred.date;
        item.grade = cred.grade;
        item.basis = cred.basis;
        item.sources = {ex.credential};
        item.only_award = ex.award;
        item.only_requirement = ex.requirement;
        item.only_entry = ex.entry;
        set.items.push_back(std::move(item));
    }

    for (Item& item : set.items) {
        if (item.kind != Item::Kind::held)
            for (std::uint32_t c : item.sources) item.locked = item.locked || held_credential[c];
        const bool earned = item.kind == Item::Kind::held || (item.basis == Basis::earned && item.one_institution);
        if (earned)
            item.earned_at = item.kind == Item::Kind::held ? rs.awards[item.award].institution
                                                           : learner.credentials[item.sources[0]].home;
    }
    set.present = Bitset(rs.units.size());
    set.entry_present = Bitset(rs.units.size());
    for (std::uint32_t i = 0; i < set.items.size(); ++i) {
        const Item& item = set.items[i];
        if (item.source_only) continue;
        if (item.unit != kNone)
            set.entry_present.set(item.unit);
        else
            set.entry_outside.push_back(i);
        if (item.locked || item.kind == Item::Kind::held) continue;
        if (item.unit != kNone)
            set.present.set(item.unit);
        else
            set.outside.push_back(i);
    }
    return set;
}

ItemSet extend_items(const Ruleset& rs, const Learner& learner, const ItemSet& items, std::uint32_t first) {
    ItemSet set = items;
    set.ordered = false;
    set.id_names.clear();
    set.rank_start.clear();
    set.rank_list.clear();
    set.order.clear();
    set.key_index.clear();
    set.key_count = 0;
    set.conflict_start.clear();
    set.conflict_list.clear();
    for (std::uint32_t c = first; c < learner.credentials.size(); ++c) {
        const Credential& cred = learner.credentials[c];
        if (cred.catalogue == kNone || !cred.credits || cred.date > set.as_of || cred.basis != Basis::earned ||
            !rs.equivalence_gives[cred.catalogue].empty())
            throw std::logic_error("extend_items: a credential that is not a new catalogue unit of its own");
        Item item = credential_item(cred, c);
        item.earned_at = cred.home;
        set.present.set(cred.catalogue);
        set.entry_present.set(cred.catalogue);
        set.future.push_back(false);
        set.items.push_back(std::move(item));
    }
    return set;
}

ItemSet build_items(const Ruleset& rs, const Learner& learner, Date as_of, std::size_t max_derived) {
    ItemSet set = collect_items(rs, learner, as_of, max_derived);
    order_items(rs, learner, set);
    return set;
}

bool is_rpl(const Item& item, const Award& award, const Ruleset&) { return item.earned_at != award.institution; }

bool in_limit(const Ruleset& rs, const Award& award, const CreditLimit& limit, const Item& item) {
    return matches(limit.selector, item) && (!limit.rpl || is_rpl(item, award, rs));
}

std::optional<Date> recency_cutoff(const Award& award, Date as_of) {
    if (!award.within) return std::nullopt;
    return subtract_period(as_of, award.within->years, award.within->months);
}

bool too_old(const Ruleset& rs, const Award& award, std::optional<Date> cutoff, const Item& item) {
    return cutoff && item.date < *cutoff && (!award.within->rpl_only || is_rpl(item, award, rs));
}

bool admits(const Ruleset& rs, const Award& award, std::optional<Date> cutoff, const Item& item) {
    if (too_old(rs, award, cutoff, item)) return false;
    if (award.min_grade && item.grade && *item.grade < award.min_grade->grade) return false;
    return item.kind == Item::Kind::substitute || item.unit == kNone || !rs.units[item.unit].rpl_never ||
           !is_rpl(item, award, rs);
}

bool takes(const Requirement& requirement, const Item& item) {
    switch (requirement.kind) {
        case Requirement::Kind::all:
            return item.unit != kNone &&
                   std::find(requirement.units.begin(), requirement.units.end(), item.unit) != requirement.units.end();
        case Requirement::Kind::count_of:
        case Requirement::Kind::credits_from: return matches(requirement.selector, item);
        case Requirement::Kind::award: return false;
    }
    return false;
}

bool matches(const Selector& selector, const Item& item) {
    if (item.source_only) return false;
    if (!selector.parts.empty())
        return std::any_of(selector.parts.begin(), selector.parts.end(),
                           [&](const Selector& part) { return matches(part, item); });
    if (item.unit != kNone) {
        if (!selector.units.test(item.unit)) return false;
        for (Basis b : selector.basis)
            if (item.basis != b) return false;
        return true;
    }
    bool in = selector.any;
    for (const std::string& p : selector.patterns) in = in || has_prefix(item.key, p);
    if (!in) return false;
    for (const Filter& f : selector.filters)
        if (!filter_passes(f, item)) return false;
    return true;
}

}  // namespace credo::engine
