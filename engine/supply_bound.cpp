// See supply_bound.hpp. The groups: every combination of up to eight of the tree's non-shared
// requirements (beyond that, each alone and all together), each with the credits its
// requirements need; each part of the tree (an award stacked twice is two parts) with the
// requirements inside it against the award's stated credits; and each shared requirement with
// what it takes that a requirement of its part takes too. A group's supply: per learner
// credential, the largest of its items one of the group's requirements can take (the
// allocation's own test of an item), and each added unit that one of them can take; under each
// cap (an RPL cap or credit limit) of a part enclosing all its requirements, what the cap counts
// is held to it.
#include "engine/supply_bound.hpp"

#include <algorithm>
#include <map>

namespace credo::engine {

namespace {

struct Demand {
    Centi need = 0;
    Bitset units;                      ///< catalogue units an added unit can count for
    Bitset base_units;                 ///< catalogue units a learner's item can count for
    std::vector<bool> takes;           ///< per learner item: it can count here
    /// A shared requirement: met by the items its part counts (no item goes to it), and these
    /// are the demands inside that part.
    bool shared = false;
    std::vector<std::size_t> inside;
    std::vector<std::uint32_t> parts;  ///< the parts of the tree enclosing it (their caps hold here)
};

constexpr std::size_t kAllCombinations = 8;

}  // namespace

SupplyBound::SupplyBound(const Ruleset& rs, const Learner& learner, const ItemSet& base, AwardIndex award) {
    const std::size_t n = rs.units.size();
    const Award& root = rs.awards[award];
    active_ = learner.exceptions.empty() && base.held_item[award] == kNone &&
              std::none_of(root.reach.awards.begin(), root.reach.awards.end(),
                           [&](AwardIndex a) { return base.held_item[a] != kNone; });
    if (!active_) return;

    // The demands, one per requirement of each part of the tree, and per part its stated credits
    // and the non-shared demands inside it.
    std::vector<Demand> demands;
    std::vector<std::pair<Centi, std::vector<std::size_t>>> parts;
    std::vector<AwardIndex> path;  // the awards enclosing the requirement
    std::uint32_t next_part = 0;
    std::vector<UnitIndex> rpl_never;
    for (UnitIndex u = 0; u < n; ++u)
        if (rs.units[u].rpl_never) rpl_never.push_back(u);
    auto usable = [&](const Item& item, const Requirement& r) {
        if (item.source_only || item.locked || item.kind == Item::Kind::held || !takes(r, item)) return false;
        if (r.min_grade && item.grade && *item.grade < *r.min_grade) return false;
        return std::all_of(path.begin(), path.end(), [&](AwardIndex y) {
            return admits(rs, rs.awards[y], recency_cutoff(rs.awards[y], base.as_of), item);
        });
    };
    std::vector<std::uint32_t> enclosing;  // the parts enclosing the requirement
    auto collect = [&](auto&& self, AwardIndex a) -> std::vector<std::size_t> {
        path.push_back(a);
        // Each award of the tree is a part; its RPL cap and credit limits hold over its part.
        const std::uint32_t part = next_part++;
        enclosing.push_back(part);
        const Award& award = rs.awards[a];
        if (award.rpl_limit) caps_.push_back(Cap{award.rpl_limit->scaled_cap() / 10000, nullptr, a, part});
        for (const CreditLimit& limit : award.limits) caps_.push_back(Cap{limit.credits, &limit, a, part});
        std::vector<std::size_t> mine, shared;
        for (const Requirement& r : rs.awards[a].requirements) {
            if (r.kind == Requirement::Kind::award) {
                if (r.award == kNone) continue;
                for (std::size_t d : self(self, r.award)) mine.push_back(d);
                continue;
            }
            Demand d;
            d.shared = r.shared;
            d.parts = enclosing;
            d.units = Bitset(n);
            d.takes.assign(base.items.size(), false);
            Centi smallest = -1;
            auto smaller = [&](Centi c) {
                if (smallest < 0 || c < smallest) smallest = c;
            };
            if (r.kind == Requirement::Kind::all) {
                for (UnitIndex u : r.units) d.units.set(u), d.need += rs.units[u].credits;
            } else {
                d.units = r.selector.units;
                d.units.for_each([&](std::size_t u) { smaller(rs.units[u].credits); });
            }
            // An added unit of an `rpl never` unit is RPL toward the awards of other institutions.
            for (UnitIndex u : rpl_never)
                if (std::any_of(path.begin(), path.end(), [&](AwardIndex y) { return rs.awards[y].institution != rs.units[u].institution; }))
                    d.units.reset(u);
            d.base_units = Bitset(n);
            for (std::size_t i = 0; i < base.items.size(); ++i)
                if (usable(base.items[i], r)) {
                    d.takes[i] = true;
                    smaller(base.items[i].credits);
                    if (base.items[i].unit != kNone) d.base_units.set(base.items[i].unit);
                }
            if (r.kind == Requirement::Kind::credits_from) d.need = r.credits;
            // `N of`: N items, each at least the smallest that could ever match.
            if (r.kind == Requirement::Kind::count_of) d.need = static_cast<Centi>(r.count) * std::max<Centi>(smallest, 1);
            (d.shared ? shared : mine).push_back(demands.size());
            demands.push_back(std::move(d));
        }
        for (std::size_t h : shared) demands[h].inside = mine;
        path.pop_back();
        enclosing.pop_back();
        parts.emplace_back(rs.awards[a].credits, mine);
        return mine;
    };
    collect(collect, award);

    // Regions: units with the same demands that can take them. Per unit, three of them: as an
    // added credential (region_: its own item and those it gives by equivalence), as a unit some
    // added unit gives (unit_region_: the learner's items of it may count where a new one cannot,
    // an `rpl never` unit of another institution), and through the learner's items alone
    // (base_region_).
    region_.assign(n, kNone);
    unit_region_.assign(n, kNone);
    base_region_.assign(n, kNone);
    std::vector<std::vector<std::uint32_t>> region_demands;  // per region, its demands
    {
        std::map<std::vector<std::uint32_t>, std::uint32_t> index;
        std::vector<std::uint32_t> signature;
        auto region_of = [&](auto&& in) {
            signature.clear();
            for (std::size_t d = 0; d < demands.size(); ++d)
                if (in(demands[d])) signature.push_back(static_cast<std::uint32_t>(d));
            if (signature.empty()) return kNone;
            auto [it, fresh] = index.try_emplace(signature, static_cast<std::uint32_t>(index.size()));
            if (fresh) region_demands.push_back(signature);
            return it->second;
        };
        // Only units some demand takes, or that give one by equivalence, have a region.
        Bitset wanted(n), taken_somewhere(n);
        for (const Demand& d : demands) taken_somewhere |= d.units, wanted |= d.base_units;
        wanted |= taken_somewhere;
        for (UnitIndex u = 0; u < n; ++u) {
            const std::vector<UnitIndex>& gives = rs.equivalence_gives[u];
            if (std::any_of(gives.begin(), gives.end(), [&](UnitIndex t) { return taken_somewhere.test(t); })) wanted.set(u);
        }
        wanted.for_each([&](std::size_t unit) {
            const UnitIndex u = static_cast<UnitIndex>(unit);
            const std::vector<UnitIndex>& gives = rs.equivalence_gives[u];
            region_[u] = region_of([&](const Demand& d) {
                return d.units.test(u) || std::any_of(gives.begin(), gives.end(), [&](UnitIndex t) { return d.units.test(t); });
            });
            unit_region_[u] = region_of([&](const Demand& d) { return d.units.test(u) || d.base_units.test(u); });
            base_region_[u] = region_of([&](const Demand& d) { return d.base_units.test(u); });
        });
        regions_ = index.size();
    }
    base_present_ = base.present;

    const std::size_t K = caps_.size();
    auto counts = [&](const Cap& cap, const Item& item) {
        const Award& award = rs.awards[cap.award];
        return cap.limit ? in_limit(rs, award, *cap.limit, item) : is_rpl(item, award, rs);
    };
    std::vector<std::vector<bool>> under(K, std::vector<bool>(base.items.size(), false));  // per cap, per learner item
    for (std::size_t k = 0; k < K; ++k)
        for (std::size_t i = 0; i < base.items.size(); ++i) under[k][i] = counts(caps_[k], base.items[i]);
    credits_.resize(n);
    for (UnitIndex u = 0; u < n; ++u) credits_[u] = rs.units[u].credits;
    base_sums_.assign(regions_, 0);
    base_present_.for_each([&](std::size_t u) {
        if (base_region_[u] != kNone) base_sums_[base_region_[u]] += credits_[u];
    });

    // Per added unit, what its items (its own and those it gives by equivalence, all behind one
    // credential: basis earned, earned at its institution) can give: the most credits, and per
    // cap the most outside it and the most under it. Only items a non-shared requirement takes
    // count anywhere, so no more than what the unit adds to the award's reach (the pathway
    // search's price of what is lacking relies on it).
    Bitset taken(n);
    for (const Demand& d : demands)
        if (!d.shared) taken |= d.units;
    supply_.assign(n * (1 + 2 * K), 0);
    Item item;
    for (UnitIndex u = 0; u < n; ++u) {
        if (region_[u] == kNone) continue;
        Centi* mine = &supply_[u * (1 + 2 * K)];
        item.earned_at = rs.units[u].institution;
        auto give = [&](UnitIndex v) {
            if (!taken.test(v)) return;
            item.unit = v;
            const Centi credits = rs.units[v].credits;
            mine[0] = std::max(mine[0], credits);
            for (std::size_t k = 0; k < K; ++k) {
                Centi& slot = mine[1 + 2 * k + (counts(caps_[k], item) ? 1 : 0)];
                slot = std::max(slot, credits);
            }
        };
        give(u);
        for (UnitIndex v : rs.equivalence_gives[u]) give(v);
    }

    // Per credential, what its items can give a group: the most credits, and per cap the most
    // outside it and the most under it (an allocation takes at most one item behind a credential).
    std::vector<Centi> most(learner.credentials.size()), most_free, most_capped;
    std::vector<bool> member;  // per group, per region: one of its requirements takes the region's units
    // A group of `need` credits that the added units of the regions and the learner's items for
    // which `counts` holds (given a region's demands, or a learner item) can supply.
    auto add_group = [&](Centi need, const std::vector<std::size_t>& scope, auto&& counts) {
        Group g;
        g.need = need;
        // The caps of the parts enclosing every requirement of the group hold over its items.
        for (std::uint32_t k = 0; k < K; ++k)
            if (std::all_of(scope.begin(), scope.end(), [&](std::size_t d) {
                    const std::vector<std::uint32_t>& parts = demands[d].parts;
                    return std::find(parts.begin(), parts.end(), caps_[k].part) != parts.end();
                }))
                g.caps.push_back(k);
        for (std::uint32_t r = 0; r < regions_; ++r)
            member.push_back(counts([&](std::size_t d) {
                return std::binary_search(region_demands[r].begin(), region_demands[r].end(), static_cast<std::uint32_t>(d));
            }));
        std::fill(most.begin(), most.end(), 0);
        most_free.assign(most.size() * K, 0);
        most_capped.assign(most.size() * K, 0);
        for (std::size_t i = 0; i < base.items.size(); ++i) {
            if (!counts([&](std::size_t d) { return bool(demands[d].takes[i]); })) continue;
            const Item& item = base.items[i];
            for (std::uint32_t c : item.sources) {
                most[c] = std::max(most[c], item.credits);
                for (std::size_t k = 0; k < K; ++k) {
                    Centi& slot = under[k][i] ? most_capped[c * K + k] : most_free[c * K + k];
                    slot = std::max(slot, item.credits);
                }
            }
        }
        for (Centi c : most) g.total += c;
        for (std::uint32_t i : base.outside)
            if (counts([&](std::size_t d) { return bool(demands[d].takes[i]); })) g.outside += base.items[i].credits;
        g.free.assign(g.caps.size(), 0);
        g.capped.assign(g.caps.size(), 0);
        for (std::size_t c = 0; c < most.size(); ++c)
            for (std::size_t j = 0; j < g.caps.size(); ++j)
                g.free[j] += most_free[c * K + g.caps[j]], g.capped[j] += most_capped[c * K + g.caps[j]];
        groups_.push_back(std::move(g));
    };
    // Taken by one of `members`.
    auto any_of = [&](Centi need, const std::vector<std::size_t>& members) {
        add_group(need, members, [&](auto&& takes) { return std::any_of(members.begin(), members.end(), takes); });
    };
    std::vector<std::size_t> real;  // the non-shared demands
    for (std::size_t d = 0; d < demands.size(); ++d)
        if (!demands[d].shared) real.push_back(d);
    std::vector<std::size_t> members;
    if (real.size() <= kAllCombinations) {
        for (std::uint32_t mask = 1; mask < (1u << real.size()); ++mask) {
            members.clear();
            Centi need = 0;
            for (std::size_t k = 0; k < real.size(); ++k)
                if (mask >> k & 1u) members.push_back(real[k]), need += demands[real[k]].need;
            any_of(need, members);
        }
    } else {
        Centi need = 0;
        for (std::size_t d : real) {
            any_of(demands[d].need, {d});
            need += demands[d].need;
        }
        any_of(need, real);
    }
    for (const auto& [credits, inside] : parts) any_of(credits, inside);
    // A shared requirement: what it takes that a demand of its part takes too.
    for (std::size_t h = 0; h < demands.size(); ++h) {
        const Demand& d = demands[h];
        if (!d.shared) continue;
        add_group(d.need, {h}, [&](auto&& takes) { return takes(h) && std::any_of(d.inside.begin(), d.inside.end(), takes); });
    }

    // A group another dominates never lacks more: one that needs no more, from a supply that holds
    // the other's (every region and at least its learner's credits). Nor does one that needs nothing.
    const std::size_t G = groups_.size(), R = regions_;
    auto supplies_more = [&](std::size_t a, std::size_t b) {
        const Group& x = groups_[a];
        const Group& y = groups_[b];
        if (x.total < y.total || x.outside < y.outside) return false;
        for (std::size_t j = 0; j < x.caps.size(); ++j) {  // x's caps are y's too, x supplies no less under each
            auto at = std::find(y.caps.begin(), y.caps.end(), x.caps[j]);
            if (at == y.caps.end()) return false;
            const std::size_t i = static_cast<std::size_t>(at - y.caps.begin());
            if (x.free[j] < y.free[i] || x.capped[j] < y.capped[i]) return false;
        }
        for (std::size_t r = 0; r < R; ++r)
            if (member[b * R + r] && !member[a * R + r]) return false;
        return true;
    };
    auto dominates = [&](std::size_t b, std::size_t a) {  // b never lacks less than a
        if (groups_[b].need < groups_[a].need || !supplies_more(a, b)) return false;
        const bool same = groups_[b].need == groups_[a].need && supplies_more(b, a);
        return !same || b < a;  // of identical groups, the first stays
    };
    std::vector<bool> keep(G, false);
    for (std::size_t a = 0; a < G; ++a) {
        keep[a] = groups_[a].need > 0;
        for (std::size_t b = 0; b < G && keep[a]; ++b)
            if (b != a && dominates(b, a)) keep[a] = false;
    }
    std::vector<Group> kept;
    std::vector<bool> kept_member;
    for (std::size_t a = 0; a < G; ++a) {
        if (!keep[a]) continue;
        kept.push_back(std::move(groups_[a]));
        kept_member.insert(kept_member.end(), member.begin() + static_cast<std::ptrdiff_t>(a * R),
                           member.begin() + static_cast<std::ptrdiff_t>((a + 1) * R));
    }
    groups_ = std::move(kept);
    region_start_.assign(1, 0);
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        for (std::uint32_t r = 0; r < R; ++r)
            if (kept_member[g * R + r]) region_list_.push_back(r);
        region_start_.push_back(static_cast<std::uint32_t>(region_list_.size()));
    }
    // Each group's columns in a Supply, and each region's groups.
    column_start_.assign(1, 0);
    for (const Group& g : groups_) column_start_.push_back(column_start_.back() + 1 + 2 * static_cast<std::uint32_t>(g.caps.size()));
    std::vector<std::vector<std::uint32_t>> groups_of(R);
    for (std::uint32_t g = 0; g < groups_.size(); ++g)
        for (std::uint32_t k = region_start_[g]; k < region_start_[g + 1]; ++k) groups_of[region_list_[k]].push_back(g);
    region_group_start_.assign(1, 0);
    for (const auto& list : groups_of) {
        region_group_list_.insert(region_group_list_.end(), list.begin(), list.end());
        region_group_start_.push_back(static_cast<std::uint32_t>(region_group_list_.size()));
    }
}

SupplyBound::Supply SupplyBound::supply_of(const Bitset& units) const {
    if (!active_) return {};
    Supply out(column_start_.back(), 0);
    units.for_each([&](std::size_t u) { add(out, static_cast<UnitIndex>(u), 1); });
    return out;
}

void SupplyBound::add(Supply& supply, UnitIndex u, int sign) const {
    if (!active_ || region_[u] == kNone) return;
    const std::size_t J = 1 + 2 * caps_.size();
    const Centi* unit = supply_.data() + u * J;
    const std::uint32_t r = region_[u];
    for (std::uint32_t x = region_group_start_[r]; x < region_group_start_[r + 1]; ++x) {
        const std::uint32_t g = region_group_list_[x];
        Centi* column = supply.data() + column_start_[g];
        column[0] += sign * unit[0];
        const std::vector<std::uint32_t>& caps = groups_[g].caps;
        for (std::size_t j = 0; j < caps.size(); ++j) {
            column[1 + 2 * j] += sign * unit[1 + 2 * caps[j]];
            column[2 + 2 * j] += sign * unit[2 + 2 * caps[j]];
        }
    }
}

Centi SupplyBound::lacking(const Supply& a, const Supply& b, bool any) const {
    if (!active_) return 0;
    Centi worst = 0;
    for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
        const Group& g = groups_[gi];
        const Centi* x = a.data() + column_start_[gi];
        const Centi* y = b.data() + column_start_[gi];
        Centi supply = g.total + x[0] + y[0];
        for (std::size_t j = 0; j < g.caps.size(); ++j) {
            const Centi capped = g.capped[j] + x[2 + 2 * j] + y[2 + 2 * j];
            supply = std::min(supply, g.free[j] + x[1 + 2 * j] + y[1 + 2 * j] + std::min(caps_[g.caps[j]].credits, capped));
        }
        worst = std::max(worst, g.need - supply);
        if (any && worst > 0) break;
    }
    return worst;
}

Centi SupplyBound::lacking(const Bitset& added) const {
    if (!active_) return 0;
    const Supply supply = supply_of(added);
    return lacking(supply, Supply(supply.size(), 0));
}

Centi SupplyBound::lacking_by_unit(const Bitset& added, bool any) const {
    if (!active_) return 0;
    // The learner's units count in their base region, unless added: then in their unit region.
    unit_sums_ = base_sums_;
    added.for_each([&](std::size_t u) {
        if (base_present_.test(u) && base_region_[u] != kNone) unit_sums_[base_region_[u]] -= credits_[u];
        if (unit_region_[u] != kNone) unit_sums_[unit_region_[u]] += credits_[u];
    });
    Centi worst = 0;
    for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
        Centi supply = groups_[gi].outside;
        for (std::uint32_t k = region_start_[gi]; k < region_start_[gi + 1]; ++k) supply += unit_sums_[region_list_[k]];
        worst = std::max(worst, groups_[gi].need - supply);
        if (any && worst > 0) break;
    }
    return worst;
}

}  // namespace credo::engine
