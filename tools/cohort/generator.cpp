// Synthetic learner records: histories drawn around the ruleset's awards, written as compact JSON.
#include "tools/cohort/generator.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iterator>
#include <numeric>
#include <random>

namespace credo::cohort {

namespace {

using engine::AwardIndex;
using engine::Basis;
using engine::kNone;
using engine::UnitIndex;
using Rng = std::mt19937_64;

constexpr int kYear = 365;
constexpr int kMaxDepth = 8;   ///< nested awards followed at most this deep
constexpr int kPickTries = 64;  ///< random picks from a requirement's units before giving up

/// A number in [0, n): the engine's raw output modulo n, the same with every standard library
/// (unlike std::uniform_int_distribution).
std::uint64_t below(Rng& rng, std::uint64_t n) { return n ? rng() % n : 0; }

/// A whole number in [low, high].
int between(Rng& rng, int low, int high) {
    return high <= low ? low : low + static_cast<int>(below(rng, static_cast<std::uint64_t>(high - low) + 1));
}

bool chance(Rng& rng, int percent) { return static_cast<int>(below(rng, 100)) < percent; }

/// SplitMix64's finaliser: one well-spread seed per (cohort seed, learner index).
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/// A grade in [low, high] (whole points), now and then with a half point.
Centi grade_between(Rng& rng, int low, int high) {
    Centi grade = Centi{between(rng, std::max(low, 0), std::min(high, 100))} * 100;
    return grade < 10000 && chance(rng, 10) ? grade + 50 : grade;
}

/// `floor` (hundredths) rounded up to whole points.
int whole_points(Centi floor) { return static_cast<int>((floor + 99) / 100); }

/// Prior awards of universities outside the bundled rulesets: the uncatalogued degrees learners
/// bring (credits and level stated).
struct PriorDegree {
    const char* unit;
    int credits;
    int level;
};
constexpr PriorDegree kPriorDegrees[] = {
    {"UCC:BSC-CS", 240, 8},  {"UCD:BA-ECON", 240, 8}, {"UL:BENG-EE", 240, 8}, {"DCU:BSC-MATH", 240, 8},
    {"TCD:HDIP-CS", 60, 8},  {"UG:BCOMM", 180, 7},    {"NCI:BA-HRM", 180, 7}, {"UCC:MSC-MGMT", 90, 9}};

/// One credential being drawn.
struct Draw {
    std::string unit;
    Date date = 0;
    std::optional<Centi> grade;
    Basis basis = Basis::earned;
    std::optional<Centi> credits;  ///< stated (outside the catalogue only), with `level`
    int level = 0;
    int held = -1;  ///< the held award (index into Draft::held) it counts through
};

std::string institution_of(const std::string& id) { return id.substr(0, id.find(':')); }

/// Credits and level for an item outside the catalogue that pass `filters`, trying `credits` and
/// `level` first; false when no usual value does.
bool fit_filters(const std::vector<engine::Filter>& filters, const std::string& institution, Centi& credits,
                 int& level, Basis& basis) {
    for (const engine::Filter& f : filters)
        if (f.field == engine::Filter::Field::institution && f.institution != institution) return false;
    for (const engine::Filter& f : filters)
        if (f.field == engine::Filter::Field::basis) basis = f.basis;
    for (const engine::Filter& f : filters)
        if (f.field == engine::Filter::Field::basis && f.basis != basis) return false;
    const int levels[] = {level, 9, 8, 7, 10, 6, 5, 4, 3, 2, 1};
    const Centi credit_values[] = {credits, 500, 1000, 1500, 2000, 3000, 6000, 9000, 24000};
    for (int l : levels) {
        for (Centi c : credit_values) {
            bool ok = true;
            for (const engine::Filter& f : filters) {
                if (f.field == engine::Filter::Field::level) ok = ok && engine::compare(l, f.cmp, f.value);
                if (f.field == engine::Filter::Field::credits) ok = ok && engine::compare(c, f.cmp, f.value);
            }
            if (ok) {
                level = l;
                credits = c;
                return true;
            }
        }
    }
    return false;
}

/// An item from outside the catalogue under one of `prefixes` (or, for `any`, another
/// university's module), with credits and level passing `filters` (`credits` and `level` tried
/// first); false when there is none.
bool outside_item(const engine::Ruleset& rs, const std::vector<std::string>& prefixes, bool any,
                  const std::vector<engine::Filter>& filters, Rng& rng, std::string& unit, Centi& credits, int& level,
                  Basis& basis) {
    std::string prefix;
    if (!prefixes.empty()) {
        prefix = prefixes[below(rng, prefixes.size())];
    } else if (any) {
        prefix = "UCC:";
        for (const engine::Filter& f : filters)
            if (f.field == engine::Filter::Field::institution) prefix = f.institution + ":";
    } else {
        return false;
    }
    unit = prefix + (prefix.back() == ':' ? "X" : "") + std::to_string(between(rng, 100, 999));
    if (rs.find_unit(unit) != kNone || rs.find_award(unit) != kNone) return false;
    return fit_filters(filters, institution_of(unit), credits, level, basis);
}

}  // namespace

/// A unit (or an item from outside the catalogue) the learner is to hold.
struct CohortGenerator::Planned {
    UnitIndex unit = kNone;  ///< kNone: outside the catalogue, described by the fields below
    std::string outside;
    Centi credits = 0;
    int level = 0;
    Basis basis = Basis::earned;
    Centi floor = 0;  ///< the highest `min grade` it has to meet
    int held = -1;    ///< the held award (index into Draft::held) it counts through
};

/// One learner being drawn: its random stream, study period, plan and credentials so far.
struct CohortGenerator::Draft {
    explicit Draft(std::uint64_t seed) : rng(seed) {}

    Rng rng;
    Date start = 0;  ///< the learner's study period
    Date end = 0;
    bool entry = false;  ///< some planned award has entry requirements
    std::vector<Planned> plan;
    std::vector<Draw> draws;
    std::vector<AwardIndex> held;

    bool planned(UnitIndex unit) const {
        return std::any_of(plan.begin(), plan.end(), [unit](const Planned& p) { return p.unit == unit; });
    }
    /// Plans `p` unless its catalogue unit is planned already (a unit counts once).
    void add(Planned p) {
        if (p.unit == kNone || !planned(p.unit)) plan.push_back(std::move(p));
    }
    Date date_in_period() { return start + between(rng, 0, end - start); }
};

CohortGenerator::CohortGenerator(const engine::Ruleset& ruleset, CohortOptions options)
    : rs_(ruleset), options_(options), five_years_ago_(subtract_period(options.as_of, 5, 0)) {
    for (const engine::Award& award : rs_.awards) {
        std::vector<std::vector<UnitIndex>>& per_requirement = candidates_.emplace_back();
        for (const engine::Requirement& r : award.requirements) {
            std::vector<UnitIndex>& units = per_requirement.emplace_back();
            if (r.kind == engine::Requirement::Kind::all) units = r.units;
            else if (r.kind != engine::Requirement::Kind::award)
                r.selector.units.for_each([&](std::size_t u) { units.push_back(static_cast<UnitIndex>(u)); });
        }
    }
    derivations_.resize(rs_.units.size());
    for (std::uint32_t e = 0; e < rs_.equivalences.size(); ++e) {
        const engine::Equivalence& eq = rs_.equivalences[e];
        bool usable = eq.pattern || std::none_of(eq.sources.begin(), eq.sources.end(), [&](const std::string& s) {
                          return rs_.find_award(s) != kNone;
                      });
        if (!usable || eq.target == kNone) continue;
        derivations_[eq.target].push_back(e);
        if (!eq.pattern) id_transfers_.push_back(e);
    }
    // Prerequisite depth, so that a learner takes prerequisites first (the ruleset has no cycles).
    depth_.assign(rs_.units.size(), -1);
    std::function<int(UnitIndex)> depth_of = [&](UnitIndex u) {
        if (depth_[u] >= 0) return depth_[u];
        int deepest = 0;
        std::function<void(const engine::Prereq&)> visit = [&](const engine::Prereq& p) {
            if (p.op == engine::Prereq::Op::unit) deepest = std::max(deepest, depth_of(p.unit) + 1);
            for (const engine::Prereq& term : p.terms) visit(term);
        };
        if (rs_.units[u].prereq) visit(*rs_.units[u].prereq);
        return depth_[u] = deepest;
    };
    for (UnitIndex u = 0; u < rs_.units.size(); ++u) {
        depth_of(u);
        if (!rs_.units[u].rpl_never) rpl_units_.push_back(u);
    }
    for (std::size_t i = 0; i < std::size(kPriorDegrees); ++i)
        if (rs_.find_unit(kPriorDegrees[i].unit) == kNone && rs_.find_award(kPriorDegrees[i].unit) == kNone)
            prior_degrees_.push_back(i);
}

void CohortGenerator::plan_award(AwardIndex a, Draft& d, int held, int depth, Centi outer_floor) const {
    const engine::Award& award = rs_.awards[a];
    if (award.entry) d.entry = true;
    Centi floor = std::max(outer_floor, award.min_grade ? award.min_grade->grade : 0);
    for (std::size_t r = 0; r < award.requirements.size(); ++r) {
        const engine::Requirement& req = award.requirements[r];
        if (req.kind != engine::Requirement::Kind::award) {
            plan_requirement(req, candidates_[a][r], std::max(floor, req.min_grade.value_or(0)), d, held);
            continue;
        }
        if (depth >= kMaxDepth || req.award == kNone) continue;
        // Now and then the nested award was conferred: its credentials count through it.
        bool holds = held < 0 && chance(d.rng, 8) && std::find(d.held.begin(), d.held.end(), req.award) == d.held.end();
        if (holds) d.held.push_back(req.award);
        plan_award(req.award, d, holds ? static_cast<int>(d.held.size()) - 1 : held, depth + 1, floor);
    }
}

void CohortGenerator::plan_requirement(const engine::Requirement& req, const std::vector<UnitIndex>& candidates,
                                       Centi floor, Draft& d, int held) const {
    auto add_unit = [&](UnitIndex u) { d.add(Planned{u, {}, 0, 0, Basis::earned, floor, held}); };
    if (req.kind == engine::Requirement::Kind::all) {
        for (UnitIndex u : req.units) add_unit(u);
        return;
    }
    std::uint32_t count = 0;
    Centi credits = 0;
    auto short_of = [&] {
        return req.kind == engine::Requirement::Kind::count_of ? count < req.count : credits < req.credits;
    };
    // A shared requirement is met by what the rest of the award takes: plan only what it lacks.
    if (req.shared)
        for (const Planned& p : d.plan)
            if (p.unit != kNone && req.selector.units.test(p.unit)) ++count, credits += rs_.units[p.unit].credits;
    for (int tries = 0; short_of() && !candidates.empty() && tries < kPickTries; ++tries) {
        UnitIndex u = candidates[below(d.rng, candidates.size())];
        if (d.planned(u)) continue;
        add_unit(u);
        ++count;
        credits += rs_.units[u].credits;
    }
    // What the catalogue cannot give, a module taken elsewhere can (`any`, patterns).
    for (int k = 0; short_of() && k < 12; ++k) {
        Planned p;
        p.credits = between(d.rng, 0, 2) ? 500 : 1000;
        p.level = between(d.rng, 6, 9);
        if (!outside_item(rs_, req.selector.patterns, req.selector.any, req.selector.filters, d.rng, p.outside,
                          p.credits, p.level, p.basis))
            break;
        p.floor = floor;
        p.held = held;
        ++count;
        credits += p.credits;
        d.add(std::move(p));
    }
}

void CohortGenerator::plan_prerequisites(const engine::Prereq& p, Draft& d) const {
    switch (p.op) {
        case engine::Prereq::Op::unit:
            if (!d.planned(p.unit)) {
                d.add(Planned{p.unit, {}, 0, 0, Basis::earned, 0, -1});
                if (rs_.units[p.unit].prereq) plan_prerequisites(*rs_.units[p.unit].prereq, d);
            }
            return;
        case engine::Prereq::Op::all_of:
            for (const engine::Prereq& term : p.terms) plan_prerequisites(term, d);
            return;
        case engine::Prereq::Op::any_of:
            for (const engine::Prereq& term : p.terms)
                if (term.op == engine::Prereq::Op::unit && d.planned(term.unit)) return;
            if (!p.terms.empty()) plan_prerequisites(p.terms[below(d.rng, p.terms.size())], d);
            return;
    }
}

void CohortGenerator::plan_target(Draft& d) const {
    if (rs_.awards.empty()) return;
    std::size_t from = d.plan.size();
    plan_award(static_cast<AwardIndex>(below(d.rng, rs_.awards.size())), d, -1, 0, 0);
    // A partial stack: some of the units not (yet) taken; a held award stays whole.
    if (!chance(d.rng, 45)) {
        int keep = between(d.rng, 40, 90);
        std::vector<Planned> kept(d.plan.begin(), d.plan.begin() + static_cast<std::ptrdiff_t>(from));
        for (std::size_t i = from; i < d.plan.size(); ++i)
            if (d.plan[i].held >= 0 || chance(d.rng, keep)) kept.push_back(std::move(d.plan[i]));
        d.plan = std::move(kept);
    }
    // Prerequisites held first, usually.
    if (chance(d.rng, 85)) {
        for (std::size_t i = from; i < d.plan.size(); ++i) {
            UnitIndex u = d.plan[i].unit;
            if (u != kNone && rs_.units[u].prereq) plan_prerequisites(*rs_.units[u].prereq, d);
        }
    }
    realise(d, from);
}

void CohortGenerator::realise(Draft& d, std::size_t from) const {
    // Spread over the study period, prerequisites first (by depth), ties in random order.
    std::vector<std::pair<std::uint64_t, std::size_t>> order;
    for (std::size_t i = from; i < d.plan.size(); ++i) {
        UnitIndex u = d.plan[i].unit;
        std::uint64_t depth = u == kNone ? 0 : static_cast<std::uint64_t>(depth_[u]);
        order.emplace_back((depth << 32) | (d.rng() & 0xFFFFFFFFu), i);
    }
    std::sort(order.begin(), order.end());
    const std::int64_t span = d.end - d.start;
    const std::int64_t n = static_cast<std::int64_t>(order.size());
    for (std::int64_t k = 0; k < n; ++k) {
        Date date = d.start + static_cast<Date>(span * (2 * k + 1) / (2 * n)) + between(d.rng, -10, 10);
        realise_unit(d.plan[order[static_cast<std::size_t>(k)].second], std::clamp(date, d.start, d.end), d);
    }
}

void CohortGenerator::add_earned(const std::string& unit, Date date, Centi floor, int held, Draft& d) const {
    int roll = between(d.rng, 0, 99);
    int pass = std::max(50, whole_points(floor));
    if (held >= 0 || roll >= 26) {
        // Passed: graded mostly, sometimes a pass/fail result.
        std::optional<Centi> grade;
        if (roll % 8 != 0) grade = grade_between(d.rng, pass, std::max(pass, 92));
        d.draws.push_back(Draw{unit, date, grade, Basis::earned, std::nullopt, 0, held});
    } else if (roll < 8) {
        // Failed, and retaken later most of the time.
        d.draws.push_back(Draw{unit, date, grade_between(d.rng, 15, 39), Basis::earned, std::nullopt, 0, -1});
        if (chance(d.rng, 65)) {
            Date retake = std::min<Date>(date + between(d.rng, 100, 240), std::max(date, d.end));
            d.draws.push_back(
                Draw{unit, retake, grade_between(d.rng, pass, std::max(pass, 85)), Basis::earned, std::nullopt, 0, -1});
        }
    } else {
        // A low pass, below a `min grade` of 50 or more.
        int low = std::max(40, pass - 12);
        d.draws.push_back(Draw{unit, date, grade_between(d.rng, low, std::max(low, pass - 1)), Basis::earned,
                               std::nullopt, 0, -1});
    }
}

void CohortGenerator::realise_unit(const Planned& p, Date date, Draft& d) const {
    if (p.unit == kNone) {
        std::optional<Centi> grade;
        int pass = std::max(50, whole_points(p.floor));
        if (chance(d.rng, 85)) grade = grade_between(d.rng, pass, std::max(pass, 90));
        d.draws.push_back(Draw{p.outside, date, grade, p.basis, p.credits, p.level, p.held});
        return;
    }
    const engine::Unit& unit = rs_.units[p.unit];
    if (p.held < 0) {
        int mode = between(d.rng, 0, 99);
        const std::vector<std::uint32_t>& via = derivations_[p.unit];
        if (mode < 14 && !via.empty()) {
            add_transfer(via[below(d.rng, via.size())], date, d);
            return;
        }
        if (!unit.rpl_never && mode >= 14 && mode < 22) {
            d.draws.push_back(Draw{unit.id, date, std::nullopt, Basis::experiential, std::nullopt, 0, -1});
            return;
        }
        if (!unit.rpl_never && mode >= 22 && mode < 26) {
            int pass = std::max(50, whole_points(p.floor));
            d.draws.push_back(Draw{unit.id, date, grade_between(d.rng, pass, std::max(pass, 88)), Basis::transfer,
                                   std::nullopt, 0, -1});
            return;
        }
    }
    add_earned(unit.id, date, p.floor, p.held, d);
}

void CohortGenerator::add_transfer(std::uint32_t e, Date date, Draft& d) const {
    const engine::Equivalence& eq = rs_.equivalences[e];
    // Inside the equivalence's dates, mostly.
    if (chance(d.rng, 85)) {
        if (eq.until && date > *eq.until) date = *eq.until - between(d.rng, 0, 120);
        if (eq.since && date < *eq.since) date = *eq.since + between(d.rng, 0, 120);
    }
    // Most results meet the equivalence's `min grade`; some fall short of it.
    Centi min = eq.min_grade.value_or(0);
    bool meets = min == 0 || chance(d.rng, 80);
    auto grade = [&]() -> Centi {
        if (min == 0) return grade_between(d.rng, 45, 90);
        int points = whole_points(min);
        return meets ? grade_between(d.rng, points, std::max(points, 92))
                     : grade_between(d.rng, std::max(0, points - 15), std::max(0, points - 1));
    };
    if (eq.pattern) {
        Draw draw;
        Centi credits = rs_.units[eq.target].credits;
        int level = rs_.units[eq.target].level;
        if (!outside_item(rs_, {*eq.pattern}, false, eq.filters, d.rng, draw.unit, credits, level, draw.basis)) return;
        draw.credits = credits;
        draw.level = level;
        draw.date = date;
        draw.grade = grade();
        d.draws.push_back(std::move(draw));
        return;
    }
    for (const std::string& source : eq.sources)
        d.draws.push_back(Draw{source, date, grade(), Basis::earned, std::nullopt, 0, -1});
}

void CohortGenerator::add_extras(Draft& d) const {
    // An uncatalogued prior degree: most learners aiming at an award with entry requirements hold one.
    if (!prior_degrees_.empty() && chance(d.rng, d.entry ? 75 : 30)) {
        const PriorDegree& degree = kPriorDegrees[prior_degrees_[below(d.rng, prior_degrees_.size())]];
        Date date = std::max(days_from_civil(Ymd{1980, 6, 30}), d.start - between(d.rng, 120, 12 * kYear));
        d.draws.push_back(Draw{degree.unit, date, std::nullopt, Basis::earned, Centi{degree.credits} * 100, degree.level, -1});
    }
    if (rs_.units.empty()) return;
    auto any_unit = [&] { return rs_.units[below(d.rng, rs_.units.size())].id; };
    // A module outside the learner's plans.
    if (d.draws.empty() || chance(d.rng, 20)) add_earned(any_unit(), d.date_in_period(), 0, -1, d);
    // An experiential claim.
    if (!rpl_units_.empty() && chance(d.rng, 7))
        d.draws.push_back(Draw{rs_.units[rpl_units_[below(d.rng, rpl_units_.size())]].id, d.date_in_period(),
                               std::nullopt, Basis::experiential, std::nullopt, 0, -1});
    // A module from another institution, recognised or not.
    if (!id_transfers_.empty() && chance(d.rng, 10))
        add_transfer(id_transfers_[below(d.rng, id_transfers_.size())], d.date_in_period(), d);
    // An old module, more than five years back.
    if (chance(d.rng, 8)) add_earned(any_unit(), five_years_ago_ - between(d.rng, 30, 6 * kYear), 0, -1, d);
    // A module dated after as_of (an enrolment recorded ahead).
    if (chance(d.rng, 2)) add_earned(any_unit(), options_.as_of + between(d.rng, 14, 240), 0, -1, d);
}

void CohortGenerator::fit_size(Draft& d) const {
    const auto want = static_cast<std::size_t>(options_.credentials);
    for (int tries = 0; d.draws.size() < want && tries < 16; ++tries) plan_target(d);
    while (d.draws.size() < want && !rs_.units.empty())
        add_earned(rs_.units[below(d.rng, rs_.units.size())].id, d.date_in_period(), 0, -1, d);
    if (d.draws.size() > want) d.draws.resize(want);
}

std::string CohortGenerator::learner(std::uint64_t index) const {
    Draft d(mix(options_.seed ^ mix(index)));
    const Date as_of = options_.as_of;
    // The study period: most learners recent, some all more than five years back, some both.
    int period = between(d.rng, 0, 99);
    if (period < 72) {
        d.start = as_of - between(d.rng, 180, 4 * kYear);
        d.end = as_of - between(d.rng, 0, 60);
    } else if (period < 87) {
        d.end = five_years_ago_ - between(d.rng, 1, 3 * kYear);
        d.start = d.end - between(d.rng, 180, 3 * kYear);
    } else {
        d.start = five_years_ago_ - between(d.rng, 90, 4 * kYear);
        d.end = as_of - between(d.rng, 0, 90);
    }
    int targets = between(d.rng, 0, 99);
    for (int t = targets < 6 ? 0 : targets < 80 ? 1 : 2; t > 0; --t) plan_target(d);
    add_extras(d);
    if (options_.credentials > 0) fit_size(d);

    // Credentials in date order, numbered c1, c2, ... in that order.
    std::vector<std::size_t> order(d.draws.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return d.draws[a].date < d.draws[b].date; });
    std::vector<std::size_t> number(d.draws.size());
    for (std::size_t k = 0; k < order.size(); ++k) number[order[k]] = k + 1;

    char id[32];
    std::snprintf(id, sizeof id, "L-%06llu", static_cast<unsigned long long>(index));
    std::string out = std::string("{\"learner\":\"") + id + "\",\"as_of\":\"" + format_date(as_of) + "\",\"credentials\":[";
    for (std::size_t k = 0; k < order.size(); ++k) {
        const Draw& c = d.draws[order[k]];
        // Ids come from the rule language's id syntax: nothing in them needs escaping.
        out += (k ? ",{\"id\":\"c" : "{\"id\":\"c") + std::to_string(k + 1) + "\",\"unit\":\"" + c.unit + "\"";
        if (c.credits) out += ",\"credits\":" + format_centi(*c.credits) + ",\"level\":" + std::to_string(c.level);
        out += ",\"date\":\"" + format_date(c.date) + "\"";
        if (c.grade) out += ",\"grade\":" + format_centi(*c.grade);
        if (c.basis != Basis::earned) out += std::string(",\"basis\":\"") + engine::basis_name(c.basis) + "\"";
        out += "}";
    }
    out += "]";
    if (!d.held.empty()) {
        out += ",\"awards_held\":[";
        for (std::size_t h = 0; h < d.held.size(); ++h) {
            // Conferred a few weeks after its last credential.
            std::vector<std::size_t> members;
            Date last = d.start;
            for (std::size_t i = 0; i < d.draws.size(); ++i)
                if (d.draws[i].held == static_cast<int>(h)) members.push_back(number[i]), last = std::max(last, d.draws[i].date);
            std::sort(members.begin(), members.end());
            Date conferred = std::min(as_of, last + between(d.rng, 20, 120));
            out += (h ? ",{\"award\":\"" : "{\"award\":\"") + rs_.awards[d.held[h]].id + "\",\"date\":\"" +
                   format_date(conferred) + "\",\"credentials\":[";
            for (std::size_t m = 0; m < members.size(); ++m) out += (m ? ",\"c" : "\"c") + std::to_string(members[m]) + "\"";
            out += "]}";
        }
        out += "]";
    }
    return out + "}";
}

}  // namespace credo::cohort
