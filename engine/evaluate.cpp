// Evaluation of a learner against a ruleset: allocation per award, entry blocks, and the
// explanation of every decision (what went where, what is missing, what did not count).
#include "engine/evaluate.hpp"

#include <algorithm>
#include <ctime>

#include "dsl/diagnostic.hpp"

namespace credo::engine {

Date today() {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return days_from_civil(Ymd{utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday});
}

namespace {

const Requirement& requirement_of(const Ruleset& rs, AwardIndex award, std::uint32_t r, bool entry) {
    const Award& a = rs.awards[award];
    return entry ? a.entry->requirements[r] : a.requirements[r];
}

/// "certificate > core" for a requirement inside a nested part.
std::string part_prefix(const Ruleset& rs, const Allocation& al, std::uint32_t p) {
    const Part& part = al.parts[p];
    if (part.parent == kNone) return "";
    const Part& parent = al.parts[part.parent];
    return part_prefix(rs, al, part.parent) + rs.awards[parent.award].requirements[part.via].name + " > ";
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
    return out;
}

/// What a requirement still lacks, given what it has: "10 credits from da_electives",
/// "1 of core_pool", "all MTU:DATA9002".
std::string missing_text(const Requirement& req, std::uint32_t count, Centi credits, const std::vector<UnitIndex>& units,
                         const Ruleset& rs) {
    switch (req.kind) {
        case Requirement::Kind::all: {
            std::vector<std::string> missing;
            for (UnitIndex unit : req.units)
                if (std::find(units.begin(), units.end(), unit) == units.end()) missing.push_back(rs.units[unit].id);
            return "all " + join(missing, ", ");
        }
        case Requirement::Kind::count_of: return std::to_string(req.count - count) + " of " + req.selector.text;
        case Requirement::Kind::credits_from:
            return format_centi(req.credits - credits) + " credits from " + req.selector.text;
        case Requirement::Kind::award: return req.description;
    }
    return req.description;
}

const char* const kNoRequirement = "matches no requirement of this award";

class Explainer {
public:
    Explainer(const Ruleset& rs, const Learner& learner, const ItemSet& items, AwardDecision& d)
        : rs_(rs), learner_(learner), items_(items), d_(d), al_(d.detail) {}

    void run() {
        allocation();
        unmet();
        excluded();
    }

private:
    void allocation() {
        for (std::uint32_t s = 0; s < al_.slots.size(); ++s) {
            const Slot& slot = al_.slots[s];
            AllocatedRequirement line;
            for (const AllocationLine& l : al_.lines) {
                if (l.slot != s) continue;
                const Item& item = items_.items[l.item];
                for (std::uint32_t r : items_.ranks(l.item)) line.credentials.push_back(items_.id_names[r]);
                line.credits += item.credits;
            }
            if (line.credentials.empty()) continue;
            const Requirement& req = requirement_of(rs_, slot.award, slot.requirement, slot.entry);
            line.requirement = part_prefix(rs_, al_, slot.part) + req.name;
            line.line = req.where.line;
            std::sort(line.credentials.begin(), line.credentials.end());
            d_.allocation.push_back(std::move(line));
        }
        for (const MetRequirement& w : al_.waived) {
            const Requirement& req = requirement_of(rs_, w.award, w.requirement, w.entry);
            AllocatedRequirement line;
            line.requirement = part_prefix(rs_, al_, w.part) + req.name;
            line.line = req.where.line;
            line.waived = true;
            d_.allocation.push_back(std::move(line));
        }
    }

    void unmet() {
        std::vector<Centi> part_credits(al_.parts.size(), 0);
        std::vector<bool> part_clean(al_.parts.size(), true);  // every requirement inside is met
        for (const AllocationLine& l : al_.lines)
            for (std::uint32_t p = al_.slots[l.slot].part; p != kNone; p = al_.parts[p].parent)
                part_credits[p] += items_.items[l.item].credits;
        for (std::uint32_t s = 0; s < al_.slots.size(); ++s) {
            if (al_.slot_met[s]) continue;
            const Slot& slot = al_.slots[s];
            for (std::uint32_t p = slot.part; p != kNone; p = al_.parts[p].parent) part_clean[p] = false;
            const Requirement& req = requirement_of(rs_, slot.award, slot.requirement, slot.entry);
            Unmet u;
            u.requirement = part_prefix(rs_, al_, slot.part) + req.name;
            u.line = req.where.line;
            std::uint32_t count = 0;
            Centi credits = 0;
            std::vector<UnitIndex> units;
            for (const AllocationLine& l : al_.lines)
                if (l.slot == s) ++count, credits += items_.items[l.item].credits, units.push_back(items_.items[l.item].unit);
            u.missing = missing_text(req, count, credits, units, rs_);
            d_.unmet.push_back(std::move(u));
        }
        for (const SharedUnmet& h : al_.shared_unmet) {
            const Requirement& req = rs_.awards[al_.parts[h.part].award].requirements[h.requirement];
            for (std::uint32_t p = h.part; p != kNone; p = al_.parts[p].parent) part_clean[p] = false;
            d_.unmet.push_back(Unmet{part_prefix(rs_, al_, h.part) + req.name, req.where.line,
                                     missing_text(req, h.count, h.credits, h.units, rs_)});
        }
        // A total is reported only when every requirement inside is met and credits still fall short.
        for (std::uint32_t p = static_cast<std::uint32_t>(al_.parts.size()); p-- > 0;) {
            if (al_.part_total_met[p] || !part_clean[p]) continue;
            const Part& part = al_.parts[p];
            const Award& award = rs_.awards[part.award];
            Unmet u;
            if (part.parent == kNone) {
                u.requirement = "total";
                u.line = award.where.line;
            } else {
                const Requirement& via = rs_.awards[al_.parts[part.parent].award].requirements[part.via];
                u.requirement = part_prefix(rs_, al_, part.parent) + via.name;
                u.line = via.where.line;
            }
            u.missing = format_centi(award.credits - part_credits[p]) + " more credits toward " + award.id + " (" +
                        format_centi(award.credits) + " required)";
            d_.unmet.push_back(std::move(u));
        }
    }

    /// Why an item is not eligible for any requirement of the award: the first rule (rpl never,
    /// then `within` and `min grade` of each enclosing award, innermost first, then the
    /// requirement's `min grade`) that stops it in a requirement whose selector it matches.
    std::string ineligible_reason(const Item& item) const {
        for (const Slot& slot : al_.slots) {
            if (slot.kind == Slot::Kind::held) continue;
            if (item.kind == Item::Kind::substitute &&
                (item.only_award != slot.award || item.only_requirement != slot.requirement))
                continue;
            const Requirement& req = requirement_of(rs_, slot.award, slot.requirement, slot.entry);
            if (!takes(req, item)) continue;
            for (std::uint32_t p = slot.part; p != kNone; p = al_.parts[p].parent) {
                const Award& a = rs_.awards[al_.parts[p].award];
                if (item.unit != kNone && item.kind != Item::Kind::substitute && rs_.units[item.unit].rpl_never &&
                    is_rpl(item, a, rs_))
                    return item.key + " cannot be gained by recognition of prior learning";
                std::optional<Date> cutoff = recency_cutoff(a, items_.as_of);
                if (too_old(rs_, a, cutoff, item))
                    return "dated " + format_date(item.date) + ", before " + format_date(*cutoff) + " (within, line " +
                           std::to_string(a.within->where.line) + ")";
                if (a.min_grade && item.grade && *item.grade < a.min_grade->grade)
                    return "grade " + format_centi(*item.grade) + " is below min grade " +
                           format_centi(a.min_grade->grade) + " (line " + std::to_string(a.min_grade->where.line) + ")";
            }
            if (req.min_grade && item.grade && *item.grade < *req.min_grade)
                return "grade " + format_centi(*item.grade) + " is below min grade " + format_centi(*req.min_grade) +
                       " of " + part_prefix(rs_, al_, slot.part) + req.name + " (line " +
                       std::to_string(req.where.line) + ")";
        }
        return kNoRequirement;
    }

    void excluded() {
        const std::size_t n = learner_.credentials.size();
        std::vector<bool> counted(n, false);
        std::vector<std::string> counted_key_owner;  // parallel to lines: key -> credential id
        for (const AllocationLine& l : al_.lines)
            for (std::uint32_t c : items_.items[l.item].sources) counted[c] = true;
        std::vector<bool> unrecognised(n, false);
        for (std::uint32_t c : items_.unrecognised) unrecognised[c] = true;
        std::vector<bool> locked(n, false);
        std::vector<AwardIndex> held_by(n, kNone);
        for (const HeldAward& h : learner_.awards_held)
            if (h.date <= items_.as_of)
                for (std::uint32_t c : h.credentials) held_by[c] = h.award;
        for (std::uint32_t c = 0; c < n; ++c) {
            if (counted[c] || unrecognised[c]) continue;
            std::string reason;
            if (items_.future[c]) {
                reason = "dated after as_of (" + format_date(learner_.credentials[c].date) + ")";
            } else if (held_by[c] != kNone) {
                reason = "counts only through held award " + rs_.awards[held_by[c]].id;
            } else {
                reason = reason_for(c);
            }
            d_.excluded.push_back(Excluded{c, std::move(reason)});
        }
    }

    /// Why credential `c` does not count. An item of it that could count but whose unit is
    /// already counted is a duplicate; otherwise the most specific reason an item of it is stopped
    /// (an item that matches no requirement gives the least specific one).
    std::string reason_for(std::uint32_t c) const {
        std::string stopped;
        bool any_eligible = false;
        for (std::uint32_t i = 0; i < items_.items.size(); ++i) {
            const Item& item = items_.items[i];
            if (item.source_only || !std::binary_search(item.sources.begin(), item.sources.end(), c)) continue;
            if (item.kind == Item::Kind::substitute && item.only_award != d_.award) continue;
            if (!eligible_somewhere(item)) {
                if (stopped.empty()) {
                    std::string why = ineligible_reason(item);
                    if (why != kNoRequirement) stopped = std::move(why);
                }
                continue;
            }
            for (const AllocationLine& l : al_.lines) {
                const Item& used = items_.items[l.item];
                if (used.key != item.key) continue;
                std::string owner = join(items_.ids(l.item), ", ");
                return item.kind == Item::Kind::derived ? "its derived " + item.key + " duplicates " + owner
                                                        : item.key + " already counts through " + owner;
            }
            any_eligible = true;
        }
        if (!any_eligible) return stopped.empty() ? kNoRequirement : stopped;
        return d_.eligible ? "not needed: the allocation is complete without it"
                           : "cannot count alongside the allocated credentials (a limit, the RPL cap, an exclusive set, "
                             "or its requirements are already met)";
    }

    bool eligible_somewhere(const Item& item) const {
        if (item.locked || item.kind == Item::Kind::held) return false;
        for (const Slot& slot : al_.slots) {
            if (slot.kind == Slot::Kind::held) continue;
            const Requirement& req = requirement_of(rs_, slot.award, slot.requirement, slot.entry);
            if (item.kind == Item::Kind::substitute &&
                (item.only_award != slot.award || item.only_requirement != slot.requirement))
                continue;
            if (!takes(req, item) || (req.min_grade && item.grade && *item.grade < *req.min_grade)) continue;
            bool pass = true;
            for (std::uint32_t p = slot.part; p != kNone && pass; p = al_.parts[p].parent) {
                const Award& a = rs_.awards[al_.parts[p].award];
                pass = admits(rs_, a, recency_cutoff(a, items_.as_of), item);
            }
            if (pass) return true;
        }
        return false;
    }

    const Ruleset& rs_;
    const Learner& learner_;
    const ItemSet& items_;
    AwardDecision& d_;
    const Allocation& al_;
};

}  // namespace

std::string unknown_award_message(const Ruleset& rs, const std::string& id) {
    std::vector<std::string> known;
    for (const Award& award : rs.awards) known.push_back(award.id);
    std::string hint = dsl::suggest(id, known);
    return "unknown award " + id + (hint.empty() ? "" : "; did you mean " + hint + "?");
}

bool evaluate(const Ruleset& rs, const Learner& learner, const EvaluateOptions& options, Decision& out,
              EvaluateError& error) {
    out = Decision{};
    out.learner = learner.id;
    out.as_of = options.as_of ? *options.as_of : learner.as_of ? *learner.as_of : today();
    std::vector<AwardIndex> awards;
    if (options.awards.empty()) {
        for (AwardIndex a = 0; a < rs.awards.size(); ++a) awards.push_back(a);
    } else {
        for (const std::string& id : options.awards) {
            AwardIndex a = rs.find_award(id);
            if (a == kNone) {
                error = EvaluateError{EvaluateError::Kind::award, unknown_award_message(rs, id), ""};
                return false;
            }
            awards.push_back(a);
        }
    }
    ItemSet items;
    try {
        items = collect_items(rs, learner, out.as_of);  // ordered below once an award needs a search
    } catch (const DerivationLimit& limit) {
        error = EvaluateError{EvaluateError::Kind::budget,
                              "equivalences derive more than " + std::to_string(limit.limit) +
                                  " items for this learner; the decision would not be exact",
                              ""};
        return false;
    }
    out.unrecognised = items.unrecognised;
    out.awards.reserve(awards.size());
    std::optional<SearchScratch> own;
    AllocateOptions allocate_options;
    allocate_options.scratch = options.scratch ? options.scratch : &own.emplace();
    allocate_options.budget = options.budget;
    allocate_options.explain = options.explain;
    allocate_options.rpl_only = options.detail == EvaluateOptions::Detail::rpl_credits;
    allocate_options.any = options.detail == EvaluateOptions::Detail::eligibility;
    auto budget_error = [&](const Award& award, const char* what) {
        error = EvaluateError{EvaluateError::Kind::budget,
                              "award " + award.id + ": the " + what + " search did not finish within its budget of " +
                                  std::to_string(options.budget) + " steps; no decision is given (raise the budget)",
                              ""};
        return false;
    };
    // While the items are unordered, the screen is run here: an award it rules out is not
    // eligible with no allocation (what allocate() would return after the same screen), and the
    // items are ordered at the first award that needs a search.
    auto allocate_award = [&](AwardIndex a, bool entry) {
        if (!items.ordered && !needs_search(rs, learner, items, a, entry, allocate_options)) return Allocation{};
        order_items(rs, learner, items);
        return entry ? allocate_entry(rs, learner, items, a, allocate_options)
                     : allocate(rs, learner, items, a, allocate_options);
    };
    // An entry block alike to one decided already (Award::entry_like) takes that decision, its
    // requirements renamed, unless the learner has exceptions for either award.
    auto excepted = [&](AwardIndex a) {
        for (const RuleException& e : learner.exceptions)
            if (e.award == a) return true;
        return false;
    };
    std::vector<std::pair<AwardIndex, std::size_t>> entries_decided;  // entry_like, index into out.awards
    auto decide_entry = [&](AwardIndex a) {
        const AwardIndex like = rs.awards[a].entry_like;
        if (!excepted(a))
            for (const auto& [first, k] : entries_decided) {
                if (first != like) continue;
                Allocation entry = out.awards[k].entry_detail;
                for (Part& part : entry.parts) part.award = a;
                for (Slot& slot : entry.slots) slot.award = a;
                return entry;
            }
        Allocation entry = allocate_award(a, true);
        if (!excepted(a)) entries_decided.emplace_back(like, out.awards.size());
        return entry;
    };
    for (AwardIndex a : awards) {
        const Award& award = rs.awards[a];
        AwardDecision d;
        d.award = a;
        if (award.entry && options.entry) {
            Allocation entry = decide_entry(a);
            if (entry.status == Allocation::Status::budget_exceeded) return budget_error(award, "entry");
            d.entry_eligible = entry.status == Allocation::Status::eligible;
            d.entry_detail = std::move(entry);
        }
        if (items.held_item[a] != kNone) {
            d.held = true;
            d.eligible = true;
            d.credits_counted = award.credits;
            out.awards.push_back(std::move(d));
            continue;
        }
        d.detail = allocate_award(a, false);
        if (d.detail.status == Allocation::Status::budget_exceeded) return budget_error(award, "allocation");
        d.eligible = d.detail.status == Allocation::Status::eligible;
        d.credits_counted = d.detail.credits;
        d.rpl_credits = d.detail.rpl_credits;
        if (options.explain) Explainer(rs, learner, items, d).run();
        out.awards.push_back(std::move(d));
    }
    if (options.pathways) {
        // With every award decided, the pathway searches start from what the decisions know.
        std::optional<Standing> standing;
        PathwayMemo memo;
        if (options.awards.empty()) {
            order_items(rs, learner, items);
            standing.emplace();
            standing->items = &items;
            standing->eligible.assign(rs.awards.size(), false);
            for (const AwardDecision& d : out.awards) standing->eligible[d.award] = d.eligible;
            standing->memo = &memo;
        }
        PathwayOptions po;
        po.budget = options.pathway_budget;
        po.allocation_budget = options.budget;
        for (AwardDecision& d : out.awards) {
            if (d.eligible) continue;
            try {
                d.pathway = find_pathway(rs, learner, out.as_of, d.award, po, standing ? &*standing : nullptr);
            } catch (const PathwayBudgetExceeded& e) {
                error = EvaluateError{EvaluateError::Kind::budget,
                                      "award " + rs.awards[d.award].id + ": a search for its pathway (deciding " +
                                          e.award + ") did not finish within its budget of " +
                                          std::to_string(options.budget) + " steps; no decision is given (raise the budget)",
                                      ""};
                return false;
            }
        }
    }
    out.items = std::move(items);
    return true;
}

}  // namespace credo::engine
