// What the pathway search screens candidate unit sets with: SupplyBound's exact shortfalls
// (requirements competing for the same units, one item per credential and per unit, a nested
// award's own RPL cap), and extend_items(), which adds plain new credentials to a learner's items
// without collecting them again.
#include <algorithm>
#include <tuple>

#include <catch2/catch.hpp>

#include "engine/compile.hpp"
#include "engine/items.hpp"
#include "engine/supply_bound.hpp"
#include "tests/engine/learner_case.hpp"

using namespace credo::engine;

namespace {

const char* const kRules = R"(ruleset "supply" version "1"
institution MTU "Munster Technological University"
institution TUS "Technological University of the Shannon"
unit MTU:A1 "A1" credits 5 level 9
unit MTU:A2 "A2" credits 5 level 9
unit MTU:A3 "A3" credits 5 level 9
unit MTU:B1 "B1" credits 10 level 9
unit MTU:B2 "B2" credits 5 level 9
unit TUS:C1 "C1" credits 5 level 9
unit TUS:C2 "C2" credits 5 level 9
unit MTU:D1 "D1" credits 5 level 9
equivalence MTU:B1 <=> MTU:B2
equivalence UCC:OLD => MTU:D1
award MTU:POOLS "Two pools" class minor level 9 credits 20 {
  require "first" 10 credits from MTU:A*
  require "second" 10 credits from MTU:A*
}
award MTU:PAIR "Pair" class minor level 9 credits 15 {
  require "both" all MTU:B1, MTU:B2
}
award MTU:CERT "Certificate" class minor level 9 credits 10 {
  require "any" 10 credits from TUS:*, MTU:A*
  limit rpl 5 credits
}
award MTU:DIP "Diploma" class minor level 9 credits 10 {
  require "cert" award MTU:CERT
}
)";

struct Fixture : credo::test::LearnerCase {
    explicit Fixture(const char* record) : LearnerCase(kRules, "supply.credo", record) {}

    Bitset units(std::initializer_list<const char*> ids) const {
        Bitset out(rs->units.size());
        for (const char* id : ids) out.set(rs->find_unit(id));
        return out;
    }
    /// The units of the items the added units give: their own and by equivalence.
    Bitset items_of(std::initializer_list<const char*> ids) const {
        Bitset out = units(ids);
        for (const char* id : ids)
            for (UnitIndex t : rs->equivalence_gives[rs->find_unit(id)]) out.set(t);
        return out;
    }
    SupplyBound bound(const char* award) const { return SupplyBound(*rs, learner, items, rs->find_award(award)); }
};

const char* const kNobody = R"({"learner": "L", "as_of": "2026-06-01", "credentials": []})";

}  // namespace

TEST_CASE("the supply bound counts requirements that compete for the same units together", "[pathway]") {
    const Fixture f(kNobody);
    const SupplyBound b = f.bound("MTU:POOLS");
    // Each requirement alone is met by 10 credits of the three units; both need 20 of their 15.
    CHECK(b.lacking(f.units({"MTU:A1", "MTU:A2", "MTU:A3"})) == 500);
    CHECK(b.lacking(f.units({"MTU:A1", "MTU:A2"})) == 1000);
    CHECK(b.lacking(f.units({})) == 2000);
}

TEST_CASE("asked only whether something lacks, the supply bound stops at the first shortfall", "[pathway]") {
    const Fixture f(kNobody);
    const SupplyBound pools = f.bound("MTU:POOLS");
    const SupplyBound::Supply none = pools.supply_of(f.units({}));
    // A1 and A2 meet either requirement alone, not both (10 credits short); the first shortfall
    // found is positive, and no more than the largest.
    const SupplyBound::Supply two = pools.supply_of(f.units({"MTU:A1", "MTU:A2"}));
    CHECK(pools.lacking(two, none) == 1000);
    CHECK(pools.lacking(two, none, true) > 0);
    CHECK(pools.lacking(two, none, true) <= 1000);
    const SupplyBound pair = f.bound("MTU:PAIR");
    const SupplyBound::Supply both = pair.supply_of(f.units({"MTU:B1", "MTU:B2"}));
    CHECK(pair.lacking(both, pair.supply_of(f.units({})), true) == 0);
    CHECK(pools.lacking_by_unit(f.items_of({"MTU:A1", "MTU:A2"}), true) > 0);
    CHECK(pair.lacking_by_unit(f.items_of({"MTU:B1", "MTU:B2"}), true) == 0);
}

TEST_CASE("the supply bound counts each credential once and each unit once", "[pathway]") {
    const Fixture f(kNobody);
    const SupplyBound b = f.bound("MTU:PAIR");
    // A new MTU:B2 can also count as MTU:B1 (10 credits), but as one item only: 5 short of 15.
    CHECK(b.lacking(f.units({"MTU:B2"})) == 500);
    CHECK(b.lacking_by_unit(f.items_of({"MTU:B2"})) == 0);  // the units B1 and B2 are both there
    // Both added: two credentials of 10 credits at most; the units give exactly 15.
    CHECK(b.lacking(f.units({"MTU:B1", "MTU:B2"})) == 0);
    CHECK(b.lacking_by_unit(f.items_of({"MTU:B1", "MTU:B2"})) == 0);
}

TEST_CASE("the supply bound holds a nested award's RPL cap over its part", "[pathway]") {
    const Fixture f(kNobody);
    const SupplyBound dip = f.bound("MTU:DIP");
    // TUS units are RPL toward the MTU certificate, whose cap of 5 credits keeps half of them.
    CHECK(dip.lacking(f.units({"TUS:C1", "TUS:C2"})) == 500);
    CHECK(dip.lacking(f.units({"TUS:C1", "MTU:A1"})) == 0);
    CHECK(f.bound("MTU:CERT").lacking(f.units({"TUS:C1", "TUS:C2"})) == 500);
}

TEST_CASE("the supply bound counts the learner's usable items, not every unit they hold", "[pathway]") {
    const Fixture f(R"({"learner": "L", "as_of": "2026-06-01", "credentials": [
      {"id": "c1", "unit": "MTU:A1", "date": "2025-01-01"},
      {"id": "c2", "unit": "TUS:C1", "date": "2025-01-01"},
      {"id": "c3", "unit": "TUS:C2", "date": "2025-01-01"},
      {"id": "c4", "unit": "MTU:A3", "date": "2027-01-01"}]})");
    // c4 is dated after as_of: it counts nowhere.
    CHECK(f.bound("MTU:POOLS").lacking(f.units({"MTU:A2"})) == 1000);
    CHECK(f.bound("MTU:POOLS").lacking(f.units({"MTU:A2", "MTU:A3"})) == 500);
    // The learner's two TUS items are RPL: the certificate's cap keeps 5 of their 10 credits,
    // and A1 gives the other 5.
    CHECK(f.bound("MTU:CERT").lacking(f.units({})) == 0);
    const Fixture g(R"({"learner": "L", "as_of": "2026-06-01", "credentials": [
      {"id": "c2", "unit": "TUS:C1", "date": "2025-01-01"},
      {"id": "c3", "unit": "TUS:C2", "date": "2025-01-01"}]})");
    CHECK(g.bound("MTU:CERT").lacking(g.units({})) == 500);
    CHECK(g.bound("MTU:CERT").lacking(g.units({"MTU:A2"})) == 0);
}

TEST_CASE("extend_items gives what collecting the items again gives, up to their order", "[items]") {
    const char* const record = R"({"learner": "L", "as_of": "2026-06-01", "credentials": [
      {"id": "c1", "unit": "MTU:A1", "date": "2025-01-01"},
      {"id": "c2", "unit": "UCC:OLD", "date": "2025-01-01"}]})";
    Fixture f(record);
    Learner more = f.learner;
    for (const char* id : {"MTU:A2", "TUS:C1"}) {
        Credential c;
        c.id = std::string("+") + id;
        c.unit = id;
        c.catalogue = f.rs->find_unit(id);
        c.home = f.rs->units[c.catalogue].institution;
        c.institution = f.rs->institutions[c.home].code;
        c.date = *f.learner.as_of;
        c.credits = f.rs->units[c.catalogue].credits;
        c.level = f.rs->units[c.catalogue].level;
        more.credentials.push_back(c);
    }
    const ItemSet extended = extend_items(*f.rs, more, f.items, 2);
    const ItemSet collected = collect_items(*f.rs, more, *f.learner.as_of);
    auto facts = [](const ItemSet& set) {
        std::vector<std::tuple<int, UnitIndex, std::string, long long, std::vector<std::uint32_t>, InstIndex, bool>> out;
        for (const Item& item : set.items)
            out.emplace_back(static_cast<int>(item.kind), item.unit, item.key, static_cast<long long>(item.credits),
                             std::vector<std::uint32_t>(item.sources.begin(), item.sources.end()), item.earned_at,
                             item.locked);
        std::sort(out.begin(), out.end());
        return out;
    };
    CHECK(facts(extended) == facts(collected));
    CHECK(extended.present == collected.present);
    CHECK(extended.entry_present == collected.entry_present);
    CHECK(extended.outside == collected.outside);
    CHECK_FALSE(extended.ordered);
    // A unit that gives something by equivalence could derive more: not for extend_items.
    more.credentials.back().catalogue = f.rs->find_unit("MTU:B1");
    more.credentials.back().unit = "MTU:B1";
    CHECK_THROWS_AS(extend_items(*f.rs, more, f.items, 2), std::logic_error);
}
