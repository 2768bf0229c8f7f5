// A learner's items: credentials, items derived through equivalences, held awards and
// substitutes, as the allocation sees them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/learner.hpp"
#include "engine/model.hpp"
#include "engine/small_vector.hpp"

namespace credo::engine {

/// Something that can count toward a requirement.
struct Item {
    enum class Kind : std::uint8_t { credential, derived, held, substitute };
    Kind kind = Kind::credential;
    UnitIndex unit = kNone;          ///< catalogue unit (kNone for held awards and uncatalogued credentials)
    AwardIndex award = kNone;        ///< held award
    std::uint32_t credential = kNone;  ///< credential and substitute: index into Learner::credentials
    std::string key;                 ///< unit identity: the unit or award id ("one item per unit")
    std::string institution;         ///< the key's prefix
    Centi credits = 0;
    int level = 0;
    bool sized = false;              ///< credits and level are known
    Date date = 0;
    std::optional<Centi> grade;
    Basis basis = Basis::earned;
    SmallVector<std::uint32_t, 2> sources;      ///< learner credentials behind it, sorted
    bool one_institution = true;  ///< every source was earned at one institution (sources[0]'s)
    std::uint32_t equivalence = kNone;          ///< derived: the rule (index into Ruleset::equivalences)
    AwardIndex only_award = kNone;              ///< substitute: counts only in this award's...
    std::uint32_t only_requirement = kNone;     ///< ...requirement
    bool only_entry = false;                    ///< ...of its entry block
    bool source_only = false;  ///< an uncatalogued credential without credits and level: a source only
    bool locked = false;  ///< a source belongs to a held award: counts only through it (entry blocks aside)
    /// The one institution toward whose awards the item is not RPL (earned there, every source
    /// earned there; a held award: its own institution), or kNone when it is RPL toward every award.
    InstIndex earned_at = kNone;
};

/// A run of indices in one of ItemSet's flat lists.
struct IndexRange {
    const std::uint32_t* first;
    const std::uint32_t* last;
    const std::uint32_t* begin() const { return first; }
    const std::uint32_t* end() const { return last; }
    std::size_t size() const { return static_cast<std::size_t>(last - first); }
    std::uint32_t operator[](std::size_t k) const { return first[k]; }
};

/// The learner's items for one `as_of`. Until `ordered`, the id ranks, order, key numbers and
/// conflicts are empty (collect_items).
struct ItemSet {
    Date as_of = 0;
    bool ordered = false;
    std::vector<Item> items;
    std::vector<bool> future;          ///< per credential: dated after as_of (counts nowhere)
    std::vector<std::uint32_t> unrecognised;  ///< credentials that are no item and derive nothing
    std::vector<std::uint32_t> held_item;     ///< per award: index of the held award's item, or kNone
    /// Every id the items name (credential ids, held awards' ids), each once, in byte order: an
    /// id's rank is its index here, and comparing two sorted lists of ranks is comparing the
    /// lists of ids.
    std::vector<std::string> id_names;
    std::vector<std::uint32_t> rank_start, rank_list;  ///< per item: its ids' ranks, sorted (see ranks())
    std::vector<std::uint32_t> order;  ///< items that can count, in tie-break order (by ids, then kind, then unit)
    std::vector<std::uint32_t> key_index;  ///< per item: its unit key numbered (items of one unit share it)
    std::uint32_t key_count = 0;
    /// Per item that can count: the items it cannot stand beside (same unit, a shared credential,
    /// one exclusive set), in tie-break order (see conflicts()).
    std::vector<std::uint32_t> conflict_start, conflict_list;

    /// Item `i`'s ids as ranks into id_names, sorted.
    IndexRange ranks(std::uint32_t i) const {
        return {rank_list.data() + rank_start[i], rank_list.data() + rank_start[i + 1]};
    }
    /// Item `i`'s ids, sorted (a credential's, those of the credentials it derives from, a held award's).
    std::vector<std::string> ids(std::uint32_t i) const {
        std::vector<std::string> out;
        for (std::uint32_t r : ranks(i)) out.push_back(id_names[r]);
        return out;
    }
    /// The items item `i` conflicts with.
    IndexRange conflicts(std::uint32_t i) const {
        return {conflict_list.data() + conflict_start[i], conflict_list.data() + conflict_start[i + 1]};
    }
    Bitset present;  ///< catalogue units with an item that can count (not a source only, not locked)
    std::vector<std::uint32_t> outside;  ///< items outside the catalogue that can count (not held awards)
    /// The same for entry blocks, which see every item: locked ones, and held awards (outside).
    Bitset entry_present;
    std::vector<std::uint32_t> entry_outside;
};

/// Why normalisation stopped: equivalence derivation grew past its limit.
struct DerivationLimit {
    std::size_t limit;
};

/// Builds the items: catalogue facts filled in, equivalences derived transitively, future-dated
/// credentials set aside, held awards and substitutes added, then ordered (order_items). Throws
/// DerivationLimit when equivalences would derive more than `max_derived` items.
ItemSet build_items(const Ruleset& ruleset, const Learner& learner, Date as_of, std::size_t max_derived = 100000);

/// The same without the order: enough for the screens that rule awards out before any search
/// (may_be_eligible), which is all most awards need; order_items() adds the rest when an award
/// has to be searched.
ItemSet collect_items(const Ruleset& ruleset, const Learner& learner, Date as_of, std::size_t max_derived = 100000);

/// `items` (the learner's first `first` credentials' items, from collect_items() or
/// build_items()) with the items of credentials `first` on: each earned, not dated after
/// `items.as_of`, of a catalogue unit that gives nothing by equivalence
/// (Ruleset::equivalence_gives), so they derive nothing and change no other item. Unordered;
/// what collect_items() would give up to the order of the items. std::logic_error otherwise.
ItemSet extend_items(const Ruleset& ruleset, const Learner& learner, const ItemSet& items, std::uint32_t first);

/// Adds the id ranks, the tie-break order and the conflicts a search needs; nothing when the
/// set is already ordered.
void order_items(const Ruleset& ruleset, const Learner& learner, ItemSet& items);

/// True when `item` is RPL toward `award`: its basis is transfer or experiential, or a source
/// was earned at another institution (a held award counts as earned at its own).
bool is_rpl(const Item& item, const Award& award, const Ruleset& ruleset);

/// True when `item` matches `selector`.
bool matches(const Selector& selector, const Item& item);

/// True when the item counts against the award's credit limit: it matches the limit's selector,
/// and for `limit rpl N credits from` it is RPL toward the award.
bool in_limit(const Ruleset& ruleset, const Award& award, const CreditLimit& limit, const Item& item);

/// The first date an award's `within` lets count (as of `as_of`), or none without `within`.
std::optional<Date> recency_cutoff(const Award& award, Date as_of);

/// True when the award's `within` (its `cutoff`) rules the item out: dated before the cutoff,
/// and RPL toward the award when the `within` is `for rpl`.
bool too_old(const Ruleset& ruleset, const Award& award, std::optional<Date> cutoff, const Item& item);

/// True when an award enclosing a requirement lets the item count there: not too old for its
/// `within` (`cutoff`, see too_old), not below its `min grade`, and not an RPL item of an
/// `rpl never` unit (substitutes are exempt).
bool admits(const Ruleset& ruleset, const Award& award, std::optional<Date> cutoff, const Item& item);

/// True when the requirement can take the item: one of its `all` units, or a match for its
/// selector (grades aside; a `require award` takes no ordinary item).
bool takes(const Requirement& requirement, const Item& item);

}  // namespace credo::engine
