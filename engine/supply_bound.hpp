// A necessary condition for eligibility that the pathway search can test cheaply for many unit
// sets: every counted item goes to exactly one non-shared requirement, and no learner credential
// is behind two counted items, so the requirements of an award's tree, taken together in any
// combination, need that many credits from distinct credentials and added units that one of them
// can take, within the RPL caps and credit limits of the parts enclosing them. The allocation's
// own screen looks at each requirement alone and at units, not credentials.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/bitset.hpp"
#include "engine/items.hpp"
#include "engine/learner.hpp"
#include "engine/model.hpp"

namespace credo::engine {

class SupplyBound {
public:
    /// For `award` and a learner whose own items are `base`.
    SupplyBound(const Ruleset& ruleset, const Learner& learner, const ItemSet& base, AwardIndex award);

    /// False for a learner with exceptions or holding the award or one of its tree: the bound
    /// then rules nothing out.
    bool active() const { return active_; }

    /// What a set of added units supplies, summed per group of requirements (and per cap over
    /// them): the units' own sums, so that a search adds and takes away one unit at a time.
    using Supply = std::vector<Centi>;
    Supply supply_of(const Bitset& units) const;
    /// Adds unit `u`'s supply (`sign` 1), or takes it away (-1).
    void add(Supply& supply, UnitIndex u, int sign) const;

    /// The most credits some combination of requirements still lacks with the learner's items and
    /// each unit of two disjoint sets (their supplies `a` and `b`) as a new credential (earned at
    /// its institution, dated as_of), or 0 when none lacks. Positive: not eligible. Always 0 for
    /// a learner with exceptions or holding the award or one of its tree (the bound does not
    /// model them). With `any`, what the first combination found lacking lacks (positive all the
    /// same, sooner).
    Centi lacking(const Supply& a, const Supply& b, bool any = false) const;
    Centi lacking(const Bitset& added) const;

    /// The same counting each unit once instead of each credential once (one item per unit),
    /// without the caps, for `added_items`: the units of the items the added units give (their
    /// own and by equivalence). The two bounds miss different things; both hold. Not for two
    /// threads at once (it works in room of its own). `any` as for lacking().
    Centi lacking_by_unit(const Bitset& added_items, bool any = false) const;

private:
    struct Cap {
        Centi credits = 0;
        const CreditLimit* limit = nullptr;  ///< a credit limit, or none for the RPL cap
        AwardIndex award = kNone;            ///< whose (RPL is measured toward it)
        std::uint32_t part = 0;              ///< the part of the tree it holds over
    };
    /// A set of requirements (a combination, or those inside one part of the tree) with the
    /// credits they need together and what the learner's credentials can give them: at most
    /// `total`, and under its j-th cap (caps_[caps[j]]) at most `free[j]` outside the cap plus the
    /// cap's share of `capped[j]`.
    struct Group {
        Centi need = 0;
        Centi total = 0;
        Centi outside = 0;  ///< of the learner's items outside the catalogue, those it can take
        std::vector<std::uint32_t> caps;
        std::vector<Centi> free, capped;
    };

    bool active_ = false;
    std::vector<Cap> caps_;
    std::vector<Group> groups_;
    /// Per unit, its regions (see the constructor): the units that the same requirements can take
    /// form one (kNone: those no requirement can take).
    std::vector<std::uint32_t> region_, unit_region_, base_region_;
    std::size_t regions_ = 0;
    Bitset base_present_;
    std::vector<Centi> credits_;  ///< per unit
    /// Per unit, as an added unit: the most credits its items give, then per cap k the most
    /// outside it and the most under it (1 + 2K entries).
    std::vector<Centi> supply_;
    /// Per group, the regions one of its requirements can take (group g's: region_list_ from
    /// region_start_[g] to region_start_[g + 1]); per region, the groups (likewise).
    std::vector<std::uint32_t> region_start_, region_list_, region_group_start_, region_group_list_;
    /// Per group, where its columns start in a Supply: what the added units give it, then per
    /// cap of its, what they give outside the cap and under it.
    std::vector<std::uint32_t> column_start_;
    /// Per region, the credits of the learner's units whose base region it is (base_present_).
    std::vector<Centi> base_sums_;
    /// Room for lacking_by_unit(): its sums per region.
    mutable std::vector<Centi> unit_sums_;
};

}  // namespace credo::engine
