// The compiled ruleset: interned ids, compiled selectors, awards with defaults applied. Immutable
// once built and shared read-only by any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dsl/values.hpp"
#include "engine/bitset.hpp"

namespace credo::engine {

class PolicyGraph;

using UnitIndex = std::uint32_t;   ///< index into Ruleset::units
using AwardIndex = std::uint32_t;  ///< index into Ruleset::awards
using InstIndex = std::uint32_t;   ///< index into Ruleset::institutions

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

enum class Basis : std::uint8_t { earned, transfer, experiential };
enum class Cmp : std::uint8_t { ge, le, gt, lt, eq };
enum class AwardClass : std::uint8_t { major, minor, special_purpose, supplemental };

const char* basis_name(Basis b);
const char* cmp_name(Cmp c);
const char* award_class_name(AwardClass c);
bool compare(Centi left, Cmp cmp, Centi right);

/// Where a rule was written: file index (into Ruleset::files) and 1-based line.
struct SourceRef {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
};

struct Institution {
    std::string code;
    std::string title;
    SourceRef where;
};

/// A prerequisite expression over catalogue units.
struct Prereq {
    enum class Op : std::uint8_t { unit, all_of, any_of };
    Op op = Op::unit;
    UnitIndex unit = kNone;
    std::vector<Prereq> terms;
};

/// A module or micro-credential of the catalogue.
struct Unit {
    std::string id;
    std::string title;
    Centi credits = 0;
    int level = 0;
    InstIndex institution = kNone;
    bool rpl_never = false;
    std::optional<Prereq> prereq;
    SourceRef where;
};

/// One `where` filter. Levels are held as plain integers in `value`, credits as hundredths.
struct Filter {
    enum class Field : std::uint8_t { level, credits, institution, basis };
    Field field = Field::level;
    Cmp cmp = Cmp::eq;
    Centi value = 0;
    std::string institution;  ///< institution code (field == institution)
    Basis basis = Basis::earned;
};

/// A compiled selector. Catalogue units are decided by `units` (ids, pools, patterns and static
/// filters already applied); items outside the catalogue (uncatalogued credentials, held awards)
/// match through `any` or `patterns`, then `filters`. A basis filter is checked per item.
///
/// When a selector joins a pool that has its own `where` (and that pool can match items outside
/// the catalogue or filters on basis) with other items, one set of filters cannot describe it:
/// then `parts` holds one selector per differently filtered part (never nested), an item matches
/// when it matches any part, and the fields above hold the union (`units`, `any`, `patterns`) and
/// the selector's own filters (already applied within each part).
struct Selector {
    Bitset units;
    bool any = false;
    std::vector<std::string> patterns;  ///< id prefixes ("MTU:DATA9" for MTU:DATA9*)
    std::vector<Filter> filters;        ///< every filter, for items outside the catalogue
    std::vector<Basis> basis;           ///< basis filters (all must hold)
    std::vector<Selector> parts;        ///< differently filtered parts (usually empty)
    std::string text;                   ///< as written, for explanations
};

struct Requirement {
    enum class Kind : std::uint8_t { all, count_of, credits_from, award };
    Kind kind = Kind::all;
    std::string name;         ///< the label, or the statement text when unlabelled
    bool labelled = false;
    std::string description;  ///< what it asks for, e.g. "10 credits from da_electives"
    std::vector<UnitIndex> units;  ///< all: the listed units, in order
    std::uint32_t count = 0;       ///< count_of
    Centi credits = 0;             ///< credits_from
    Selector selector;             ///< count_of, credits_from
    AwardIndex award = kNone;      ///< award
    bool shared = false;
    std::optional<Centi> min_grade;
    SourceRef where;
};

/// `limit N credits from SELECTOR`, or (`rpl`) Credo's `limit rpl N credits from SELECTOR`,
/// which counts only the matching items that are RPL toward the award (a cap per stage).
struct CreditLimit {
    Centi credits = 0;
    Selector selector;
    bool rpl = false;
    SourceRef where;
};

/// `limit rpl PERCENT` (percent in hundredths of a percent), Credo's `limit rpl PERCENT of
/// taught`, or `limit rpl N credits`.
struct RplLimit {
    bool percent = true;
    bool of_taught = false;
    Centi value = 0;
    /// percent: the credits the percent is taken of, set per award (its stated credits, or its
    /// taught credits: those less the `rpl never` units its `all` requirements name).
    Centi base = 0;
    SourceRef where;

    /// The cap on RPL credits times 10000 (exact: 50% of 15 is 7.5).
    Centi scaled_cap() const { return percent ? value * base : value * 10000; }
};

/// `within N years|months`; with Credo's `for rpl`, only items that are RPL toward the award
/// must be that recent.
struct Recency {
    int years = 0;
    int months = 0;
    bool rpl_only = false;
    SourceRef where;
};

struct GradeFloor {
    Centi grade = 0;
    SourceRef where;
};

/// Entry requirements (admission), judged apart from the award's own allocation.
struct Entry {
    std::vector<Requirement> requirements;
    std::vector<CreditLimit> limits;
    SourceRef where;
};

/// What could ever count toward an award (nested awards included): a quick upper bound that
/// rules most awards out for a learner before any search.
struct Reach {
    Bitset units;                     ///< catalogue units some requirement in the tree can take
    bool any = false;                 ///< some requirement takes items outside the catalogue (any)
    std::vector<std::string> patterns;  ///< ...or by these id prefixes
    std::vector<AwardIndex> awards;   ///< awards a held award item can stand for (`require award`)
    /// Necessary conditions, for a learner without exceptions who holds none of `awards`: every
    /// unit some `all` requirement in the tree names needs an item...
    Bitset required;
    /// ...and every `N of` and `credits from` requirement in the tree (shared ones too) enough
    /// matching items: (award, requirement index) pairs.
    std::vector<std::pair<AwardIndex, std::uint32_t>> demands;
};

/// An award with its class defaults already applied.
struct Award {
    std::string id;
    std::string title;
    AwardClass award_class = AwardClass::major;
    int level = 0;
    Centi credits = 0;
    InstIndex institution = kNone;
    std::vector<Requirement> requirements;
    std::vector<CreditLimit> limits;
    std::optional<RplLimit> rpl_limit;
    std::optional<Recency> within;
    std::optional<GradeFloor> min_grade;
    std::optional<Entry> entry;
    /// The first award whose entry block decides alike for every learner without exceptions for
    /// either award: the same institution (toward which items are RPL), requirements (labels
    /// aside) and limits, and no `require award` (itself when none before it; kNone without an
    /// entry block). Compiled once, so that a decision searches each such block once.
    AwardIndex entry_like = kNone;
    Reach reach;
    SourceRef where;
};

/// `SOURCES => TARGET` (a `<=>` is compiled into two of these).
struct Equivalence {
    std::vector<std::string> sources;  ///< ids, all needed (empty for a pattern source)
    std::vector<UnitIndex> source_units;  ///< per source: its catalogue unit, or kNone (outside the catalogue)
    /// The catalogue units it takes: the listed sources in the catalogue, or the units with the
    /// pattern's id prefix (its `where` aside).
    std::vector<UnitIndex> catalogue_sources;
    std::optional<std::string> pattern;
    std::vector<Filter> filters;  ///< the pattern's `where`
    UnitIndex target = kNone;
    std::optional<Centi> min_grade;
    std::optional<Date> since;
    std::optional<Date> until;
    SourceRef where;
};

/// `exclusive A, B, ...`: at most one of these units counts toward any one award.
struct ExclusiveSet {
    std::vector<UnitIndex> units;
    SourceRef where;
};

/// The immutable result of compiling a program.
struct Ruleset {
    std::string name;
    std::string version;
    std::optional<Date> effective;
    std::string digest;               ///< "sha256:" and 64 lower-case hex digits
    std::vector<std::string> files;   ///< file paths, in digest order

    std::vector<Institution> institutions;
    std::vector<Unit> units;
    std::vector<Award> awards;
    std::vector<Equivalence> equivalences;
    std::vector<ExclusiveSet> exclusives;

    std::unordered_map<std::string, InstIndex> institution_index;
    std::unordered_map<std::string, UnitIndex> unit_index;
    std::unordered_map<std::string, AwardIndex> award_index;

    /// Equivalences by what they take: each id source, and each pattern's institution code.
    std::unordered_map<std::string, std::vector<std::uint32_t>> equivalences_by_source;
    /// The same per catalogue unit (the id sources that name one), without hashing its id.
    std::vector<std::vector<std::uint32_t>> equivalences_by_source_unit;
    std::unordered_map<std::string, std::vector<std::uint32_t>> pattern_equivalences_by_institution;
    /// The same per declared institution (by index), for catalogue items, without hashing its code.
    std::vector<std::vector<std::uint32_t>> pattern_equivalences_by_institution_index;
    /// Per unit: the rank of its id in the byte order of every unit id (ids compared as integers).
    std::vector<std::uint32_t> unit_id_rank;
    /// Per unit: the exclusive sets that name it.
    std::vector<std::vector<std::uint32_t>> exclusives_of_unit;
    /// Per unit: the other catalogue units it gives by equivalence as a source (listed, or by a
    /// pattern's id prefix, `where` aside), transitively; sorted. What a new credential of the
    /// unit could also be counted as.
    std::vector<std::vector<UnitIndex>> equivalence_gives;

    /// Units, awards and what leads to what; built when the ruleset compiles.
    std::shared_ptr<const PolicyGraph> graph;

    /// Index of a catalogue unit by id, or kNone.
    UnitIndex find_unit(const std::string& id) const;
    /// Index of an award by id, or kNone.
    AwardIndex find_award(const std::string& id) const;
};

}  // namespace credo::engine
