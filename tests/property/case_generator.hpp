// The random cases of the property tests: small rule files (1 or 2 institutions, 3 to 7 units,
// some with prerequisites, up to 3 awards) and learner records, built from rapidcheck picks.
#pragma once

#include <initializer_list>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "dsl/values.hpp"

namespace credo::property {

const char* const kAsOf = "2026-06-01";

// ---- picks (uniform whatever rapidcheck's size; each shrinks toward its first, simplest option) ---

/// A number in [min, max), uniformly.
inline int pick_in(int min, int max) { return *rc::gen::resize(100, rc::gen::inRange(min, max)); }

/// An index in [0, n).
inline std::size_t pick_index(std::size_t n) { return static_cast<std::size_t>(pick_in(0, static_cast<int>(n))); }

/// An index chosen with the given weights (zero weights are never chosen).
inline std::size_t pick_weighted(std::initializer_list<int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int roll = pick_in(0, total);
    std::size_t index = 0;
    for (int w : weights) {
        if (roll < w) return index;
        roll -= w;
        ++index;
    }
    return index - 1;
}

/// True with the given probability in percent.
inline bool chance(int percent) { return pick_in(0, 100) >= 100 - percent; }

template <typename T>
inline const T& pick_of(const std::vector<T>& options) {
    return options[pick_index(options.size())];
}

inline std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
    return out;
}

// ---- the random case ------------------------------------------------------------------------

struct UnitSpec {
    std::string id;
    bool tus = false;
    Centi credits = 0;
    int level = 0;
};

/// A selector as written, and what the checker will know of it: open (it can match items outside
/// the catalogue) or the catalogue units it matches.
struct SelectorSpec {
    std::string text;
    bool open = false;
    std::vector<std::size_t> units;  ///< indices into the generator's units
};

/// What an award's non-shared requirements can hold at most (the checker's supply bound).
struct Supply {
    Centi credits = 0;
    bool unbounded = false;
};

struct AwardSpec {
    std::string id;
    Centi credits = 0;
    Supply supply;
    std::vector<std::string> labels;
    std::vector<bool> stacking;                   ///< per requirement: a `require award`
    std::vector<std::vector<std::size_t>> units;  ///< per requirement: the catalogue units it can take
};

/// One random case: rule text for engine::compile_text and a learner record.
struct Case {
    std::string rules;
    std::string learner;
};

/// How rapidcheck shows a (shrunk) failing case.
inline std::ostream& operator<<(std::ostream& os, const Case& c) {
    return os << "\n--- rules ---\n" << c.rules << "--- learner ---\n" << c.learner << "\n";
}

/// Builds a case from rapidcheck picks: 1 or 2 institutions, 3 to 7 units, up to 3 awards
/// (later ones may stack earlier ones), and a learner of up to 7 credentials. Requirements are
/// sized to what their selectors can supply, so that nearly every rule text compiles.
class CaseGenerator {
public:
    Case generate() {
        Case out;
        out.rules = rules();
        out.learner = learner();
        return out;
    }

private:
    std::string rules() {
        tus_ = chance(60);
        source_only_ = tus_ ? "TUS:OLD1" : "MTU:OLD1";
        uncatalogued_ = tus_ ? "TUS:EXT1" : "MTU:EXT1";
        std::ostringstream text;
        text << "ruleset \"property\" version \"1\"\n";
        text << "institution MTU \"Munster Technological University\"\n";
        if (tus_) text << "institution TUS \"Technological University of the Shannon\"\n";

        const std::size_t unit_count = 3 + pick_index(5);
        int next_code[2][2] = {{1, 1}, {1, 1}};
        for (std::size_t u = 0; u < unit_count; ++u) {
            UnitSpec unit;
            unit.tus = tus_ && chance(30);
            const bool b = chance(40);
            unit.id =
                std::string(unit.tus ? "TUS:" : "MTU:") + (b ? "B" : "A") + std::to_string(next_code[unit.tus][b]++);
            unit.credits = std::vector<Centi>{500, 1000, 750}[pick_index(3)];
            unit.level = 7 + static_cast<int>(pick_index(3));
            text << "unit " << unit.id << " \"Unit\" credits " << format_centi(unit.credits) << " level " << unit.level
                 << prerequisite() << (chance(20) ? " rpl never" : "") << "\n";
            units_.push_back(unit);
        }

        if (chance(30)) {
            pool_ = selector();
            text << "pool p1 = " << pool_->text << "\n";
        }
        const std::size_t equivalences = pick_weighted({4, 3, 2});
        for (std::size_t e = 0; e < equivalences; ++e) text << equivalence() << "\n";
        const std::size_t exclusives = pick_weighted({6, 3, 1});
        for (std::size_t x = 0; x < exclusives; ++x) text << exclusive() << "\n";
        if (chance(15)) text << defaults() << "\n";

        const std::size_t award_count = 1 + pick_weighted({3, 4, 3});
        for (std::size_t a = 0; a < award_count; ++a) text << award(a);
        return text.str();
    }

    std::size_t unit_index() { return pick_index(units_.size()); }
    std::string unit_id() { return units_[unit_index()].id; }

    std::string pattern() {
        std::vector<std::string> options{"MTU:*", "MTU:A*", "MTU:B*"};
        if (tus_) options.push_back("TUS:*");
        return pick_of(options);
    }

    /// A `where` filter: its text, and whether a catalogue unit passes it (basis filters are
    /// decided per item, so every unit passes them here).
    std::pair<std::string, std::function<bool(const UnitSpec&)>> filter() {
        using Test = std::function<bool(const UnitSpec&)>;
        std::vector<std::pair<std::string, Test>> options{
            {"level >= 8", [](const UnitSpec& u) { return u.level >= 8; }},
            {"level = 9", [](const UnitSpec& u) { return u.level == 9; }},
            {"credits <= 5", [](const UnitSpec& u) { return u.credits <= 500; }},
            {"credits > 5", [](const UnitSpec& u) { return u.credits > 500; }},
            {"basis earned", [](const UnitSpec&) { return true; }},
            {"basis transfer", [](const UnitSpec&) { return true; }},
            {"institution MTU", [](const UnitSpec& u) { return !u.tus; }}};
        if (tus_) options.push_back({"institution TUS", [](const UnitSpec& u) { return u.tus; }});
        return pick_of(options);
    }

    SelectorSpec selector() {
        SelectorSpec out;
        std::vector<std::string> items;
        std::vector<bool> in(units_.size(), false);
        const int n = chance(20) ? 2 : 1;
        for (int k = 0; k < n; ++k) {
            std::string item;
            switch (pick_weighted({5, 2, pool_ ? 1 : 0, 1})) {
                case 0: {
                    const std::size_t u = unit_index();
                    item = units_[u].id;
                    in[u] = true;
                    break;
                }
                case 1: {
                    item = pattern();
                    const std::string prefix = item.substr(0, item.size() - 1);
                    for (std::size_t u = 0; u < units_.size(); ++u)
                        if (units_[u].id.compare(0, prefix.size(), prefix) == 0) in[u] = true;
                    out.open = true;
                    break;
                }
                case 2:
                    item = "p1";
                    for (std::size_t u : pool_->units) in[u] = true;
                    out.open = out.open || pool_->open;
                    break;
                default:
                    item = "any";
                    in.assign(units_.size(), true);
                    out.open = true;
                    break;
            }
            if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
        }
        out.text = join(items, ", ");
        if (chance(25)) {
            std::vector<std::function<bool(const UnitSpec&)>> tests;
            auto [first, test] = filter();
            out.text += " where " + first;
            tests.push_back(test);
            if (chance(20)) {
                auto [second, test2] = filter();
                out.text += " and " + second;
                tests.push_back(test2);
            }
            for (std::size_t u = 0; u < units_.size(); ++u)
                for (const auto& t : tests) in[u] = in[u] && t(units_[u]);
        }
        for (std::size_t u = 0; u < units_.size(); ++u)
            if (in[u]) out.units.push_back(u);
        return out;
    }

    /// A selector that can supply something: open, or matching at least one catalogue unit.
    SelectorSpec supplying_selector() {
        for (int attempt = 0; attempt < 3; ++attempt) {
            SelectorSpec s = selector();
            if (s.open || !s.units.empty()) return s;
        }
        SelectorSpec any;
        any.text = "any";
        any.open = true;
        for (std::size_t u = 0; u < units_.size(); ++u) any.units.push_back(u);
        return any;
    }

    /// A source of an equivalence: a catalogue unit, an undeclared source-only unit, or an
    /// uncatalogued unit the learner may state credits and level for.
    std::string source_id(const std::string& other_than) {
        std::string id;
        switch (pick_weighted({4, 2, 1})) {
            case 0: id = unit_id(); break;
            case 1: id = source_only_; break;
            default: id = uncatalogued_; break;
        }
        return id == other_than ? source_only_ : id;
    }

    std::string equivalence() {
        const std::string target = unit_id();
        std::string text = "equivalence ";
        switch (pick_weighted({4, 2, 2, 1})) {
            case 0: text += source_id(target) + " => " + target; break;
            case 1: {
                std::string a = source_id(target), b = source_id(target);
                if (a == b) b = a == source_only_ ? uncatalogued_ : source_only_;
                text += a + " + " + b + " => " + target;
                break;
            }
            case 2: {
                std::string other = unit_id();
                if (other == target) return "equivalence " + source_only_ + " => " + target;
                text += other + " <=> " + target;
                break;
            }
            default:
                text +=
                    (tus_ ? "TUS:*" : "MTU:B*") + std::string(chance(40) ? " where level >= 8" : "") + " => " + target;
                break;
        }
        if (chance(20)) text += " min grade 50";
        if (chance(15)) text += " since 2022-01-01";
        if (chance(15)) text += " until 2025-12-31";
        return text;
    }

    std::string exclusive() {
        std::vector<std::string> ids;
        const std::size_t n = 2 + (chance(30) ? 1 : 0);
        for (std::size_t k = 0; k < n; ++k) {
            std::string id = unit_id();
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
        if (ids.size() < 2) ids.push_back(ids[0] == units_[0].id ? units_[1].id : units_[0].id);
        return "exclusive " + join(ids, ", ");
    }

    std::string award_class() {
        return pick_of(std::vector<std::string>{"major", "minor", "special-purpose", "supplemental"});
    }

    std::string defaults() {
        std::string text = "defaults for class " + award_class() + (chance(30) ? " level >= 9" : "") +
                           (chance(20) ? " and credits > 10" : "") + " { ";
        text += pick_of(std::vector<std::string>{"limit rpl 50%", "within 3 years", "min grade 50",
                                                 "limit 10 credits from MTU:*", "limit rpl 50% of taught",
                                                 "within 2 years for rpl", "limit rpl 5 credits from MTU:*"});
        return text + " }";
    }

    std::string award(std::size_t a) {
        AwardSpec spec;
        spec.id = std::string(tus_ && chance(25) ? "TUS:W" : "MTU:W") + std::to_string(a + 1);
        std::ostringstream body;
        Centi expected = 0;  // credits a learner who meets each requirement minimally has
        bool stacked = false;
        bool holding = false;  // some requirement so far is not shared
        const std::size_t requirement_count = 1 + pick_weighted({3, 4, 2});
        for (std::size_t r = 0; r < requirement_count; ++r) {
            const std::string label = "r" + std::to_string(r + 1);
            std::string statement;
            bool stacking = false;
            std::vector<std::size_t> takes;
            Centi minimum = 0;
            Supply supply;
            switch (pick_weighted({3, 3, 3, a > 0 && !stacked ? 4 : 0})) {
                case 0: {
                    std::vector<std::size_t> picked{unit_index()};
                    if (chance(35)) {
                        std::size_t second = unit_index();
                        if (second != picked[0]) picked.push_back(second);
                    }
                    std::vector<std::string> ids;
                    for (std::size_t u : picked) {
                        ids.push_back(units_[u].id);
                        minimum += units_[u].credits;
                        takes.push_back(u);
                    }
                    supply.credits = minimum;
                    statement = "all " + join(ids, ", ");
                    break;
                }
                case 1: {
                    const SelectorSpec sel = supplying_selector();
                    std::size_t n = 1 + (chance(30) ? 1 : 0);
                    if (!sel.open) n = std::min(n, sel.units.size());
                    statement = std::to_string(n) + " of " + sel.text;
                    takes = sel.units;
                    minimum = static_cast<Centi>(n) * 500;
                    supply = supply_of(sel);
                    break;
                }
                case 2: {
                    const SelectorSpec sel = supplying_selector();
                    const Supply most = supply_of(sel);
                    std::vector<Centi> amounts;
                    for (Centi c : {500, 1000, 750, 1500})
                        if (most.unbounded || c <= most.credits) amounts.push_back(c);
                    const Centi n = amounts[pick_weighted({4, 3, 1, 1}) % amounts.size()];
                    statement = format_centi(n) + " credits from " + sel.text;
                    takes = sel.units;
                    minimum = n;
                    supply = most;
                    break;
                }
                default: {
                    const std::size_t n = pick_index(a);
                    const AwardSpec& nested = awards_[n];
                    stacked_.push_back(n);
                    statement = "award " + nested.id;
                    minimum = nested.credits;
                    supply = nested.supply;
                    supply.credits = std::max(supply.credits, nested.credits);
                    stacking = true;
                    stacked = true;
                    break;
                }
            }
            bool shared = false;
            if (!stacking) {
                // Shared requirements hold no items: some requirement must.
                shared = chance(10) && (holding || r + 1 < requirement_count);
                if (shared) statement += " shared";
                if (chance(12)) statement += chance(50) ? " min grade 50" : " min grade 60";
            }
            if (!shared) {
                holding = true;
                expected += minimum;
                spec.supply.credits += supply.credits;
                spec.supply.unbounded = spec.supply.unbounded || supply.unbounded;
            }
            body << "  require \"" << label << "\" " << statement << "\n";
            spec.labels.push_back(label);
            spec.stacking.push_back(stacking);
            spec.units.push_back(takes);
            wanted_.insert(wanted_.end(), takes.begin(), takes.end());
        }
        if (chance(12)) body << "  limit " << (chance(50) ? "5" : "10") << " credits from " << selector().text << "\n";
        if (chance(10)) body << "  limit rpl " << (chance(50) ? "5" : "2.5") << " credits from " << selector().text << "\n";
        if (chance(20))
            body << "  limit rpl "
                 << pick_of(std::vector<std::string>{"50%", "25%", "33.33%", "10 credits", "5 credits", "50% of taught"})
                 << "\n";
        if (chance(15))
            body << "  within " << pick_of(std::vector<std::string>{"3 years", "1 year", "18 months"})
                 << (chance(40) ? " for rpl" : "") << "\n";
        if (chance(12)) body << "  min grade " << (chance(50) ? "45" : "60") << "\n";

        const Centi delta = std::vector<Centi>{0, 500, -500, 250}[pick_weighted({6, 2, 2, 1})];
        spec.credits = std::max<Centi>(500, expected + delta);
        if (!spec.supply.unbounded) spec.credits = std::min(spec.credits, std::max<Centi>(500, spec.supply.credits));
        std::ostringstream text;
        text << "award " << spec.id << " \"Award\" class " << award_class() << " level " << 8 + pick_index(2)
             << " credits " << format_centi(spec.credits) << " {\n"
             << body.str() << "}\n";
        awards_.push_back(spec);
        return text.str();
    }

    /// ` requires ...` over earlier units (so never a cycle), or nothing.
    std::string prerequisite() {
        if (units_.empty() || !chance(30)) return "";
        std::string out = " requires " + pick_of(units_).id;
        if (units_.size() > 1 && chance(30)) out += (chance(50) ? " and " : " or ") + pick_of(units_).id;
        return out;
    }

    Supply supply_of(const SelectorSpec& sel) const {
        Supply out;
        out.unbounded = sel.open;
        for (std::size_t u : sel.units) out.credits += units_[u].credits;
        return out;
    }

    std::string learner() {
        nlohmann::ordered_json record;
        record["learner"] = "L-1";
        record["as_of"] = kAsOf;
        nlohmann::ordered_json credentials = nlohmann::ordered_json::array();
        const std::size_t count = pick_weighted({1, 1, 2, 2, 3, 3, 4, 4});
        for (std::size_t c = 0; c < count; ++c) {
            nlohmann::ordered_json cred;
            cred["id"] = "c" + std::to_string(c + 1);
            switch (pick_weighted({wanted_.empty() ? 0 : 7, 3, 1, 1})) {
                case 0: cred["unit"] = units_[pick_of(wanted_)].id; break;
                case 1: cred["unit"] = unit_id(); break;
                case 2: cred["unit"] = source_only_; break;
                default:
                    cred["unit"] = uncatalogued_;
                    cred["credits"] = chance(50) ? 5 : 10;
                    cred["level"] = chance(50) ? 8 : 9;
                    break;
            }
            cred["date"] = std::vector<std::string>{"2025-09-01", "2023-03-01", "2019-05-01",
                                                    "2026-08-01"}[pick_weighted({8, 3, 2, 1})];
            switch (pick_weighted({5, 1, 1, 1})) {
                case 0: break;
                case 1: cred["grade"] = 45; break;
                case 2: cred["grade"] = 60; break;
                default: cred["grade"] = 75; break;
            }
            switch (pick_weighted({8, 1, 1})) {
                case 0: break;
                case 1: cred["basis"] = "transfer"; break;
                default: cred["basis"] = "experiential"; break;
            }
            credentials.push_back(cred);
        }
        record["credentials"] = credentials;

        nlohmann::ordered_json held = nlohmann::ordered_json::array();
        if (chance(25)) {
            nlohmann::ordered_json h;
            h["award"] = (stacked_.empty() || chance(25) ? pick_of(awards_) : awards_[pick_of(stacked_)]).id;
            h["date"] = std::vector<std::string>{"2024-06-01", "2018-01-01", "2026-08-01"}[pick_weighted({5, 2, 1})];
            nlohmann::ordered_json ids = nlohmann::ordered_json::array();
            for (std::size_t c = 0; c < count; ++c)
                if (chance(35)) ids.push_back("c" + std::to_string(c + 1));
            h["credentials"] = ids;
            held.push_back(h);
        }
        record["awards_held"] = held;

        nlohmann::ordered_json exceptions = nlohmann::ordered_json::array();
        if (chance(30)) {
            const AwardSpec& award = pick_of(awards_);
            const std::size_t r = pick_index(award.labels.size());
            nlohmann::ordered_json e;
            e["award"] = award.id;
            e["requirement"] = award.labels[r];
            if (count > 0 && !award.stacking[r] && chance(60)) {
                e["kind"] = "substitute";
                e["unit"] = award.units[r].empty() || chance(25) ? unit_id() : units_[pick_of(award.units[r])].id;
                e["credential"] = "c" + std::to_string(1 + pick_index(count));
            } else {
                e["kind"] = "waive";
            }
            exceptions.push_back(e);
        }
        record["exceptions"] = exceptions;
        return record.dump(1);
    }

    bool tus_ = false;
    std::optional<SelectorSpec> pool_;
    std::string source_only_, uncatalogued_;
    std::vector<UnitSpec> units_;
    std::vector<std::size_t> wanted_;   ///< units the awards ask for (repeats weigh more)
    std::vector<std::size_t> stacked_;  ///< awards another award stacks
    std::vector<AwardSpec> awards_;
};

}  // namespace credo::property
