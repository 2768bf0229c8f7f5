// Rendering decisions: the JSON contract of LANGUAGE.md and a text form for registrars.
#include <nlohmann/json.hpp>

#include "engine/evaluate.hpp"

namespace credo::engine {

using ojson = nlohmann::ordered_json;

ojson credits_json(Centi value) {
    if (value % 100 == 0) return ojson(value / 100);
    return ojson(static_cast<double>(value) / 100.0);
}

std::string decision_json(const Ruleset& rs, const Learner& learner, const Decision& decision, int indent) {
    ojson out;
    out["learner"] = decision.learner;
    out["as_of"] = format_date(decision.as_of);
    ojson ruleset;
    ruleset["name"] = rs.name;
    ruleset["version"] = rs.version;
    ruleset["effective"] = rs.effective ? ojson(format_date(*rs.effective)) : ojson(nullptr);
    ruleset["digest"] = rs.digest;
    out["ruleset"] = std::move(ruleset);
    ojson awards = ojson::array();
    for (const AwardDecision& d : decision.awards) {
        const Award& award = rs.awards[d.award];
        ojson a;
        a["award"] = award.id;
        a["eligible"] = d.eligible;
        a["held"] = d.held;
        a["entry_eligible"] = d.entry_eligible ? ojson(*d.entry_eligible) : ojson(nullptr);
        a["credits_counted"] = credits_json(d.credits_counted);
        a["credits_required"] = credits_json(award.credits);
        a["rpl_credits"] = credits_json(d.rpl_credits);
        ojson allocation = ojson::array();
        for (const AllocatedRequirement& r : d.allocation) {
            ojson line;
            line["requirement"] = r.requirement;
            line["line"] = r.line;
            line["credentials"] = r.credentials;
            line["credits"] = credits_json(r.credits);
            if (r.waived) line["waived"] = true;
            allocation.push_back(std::move(line));
        }
        a["allocation"] = std::move(allocation);
        ojson unmet = ojson::array();
        for (const Unmet& u : d.unmet) unmet.push_back(ojson{{"requirement", u.requirement}, {"line", u.line}, {"missing", u.missing}});
        a["unmet"] = std::move(unmet);
        ojson excluded = ojson::array();
        for (const Excluded& e : d.excluded)
            excluded.push_back(ojson{{"credential", learner.credentials[e.credential].id}, {"reason", e.reason}});
        a["excluded"] = std::move(excluded);
        a["pathway"] = d.pathway ? pathway_json(rs, *d.pathway) : ojson(nullptr);
        awards.push_back(std::move(a));
    }
    out["awards"] = std::move(awards);
    ojson unrecognised = ojson::array();
    for (std::uint32_t c : decision.unrecognised) unrecognised.push_back(learner.credentials[c].id);
    out["unrecognised"] = std::move(unrecognised);
    return out.dump(indent) + "\n";
}

ojson pathway_json(const Ruleset& rs, const Pathway& p) {
    ojson out;
    if (!p.possible) {
        out["possible"] = false;
        out["reason"] = p.reason;
        return out;
    }
    ojson units = ojson::array();
    for (UnitIndex u : p.units) units.push_back(rs.units[u].id);
    out["units"] = std::move(units);
    out["credits"] = credits_json(p.credits);
    out["optimal"] = p.optimal;
    ojson milestones = ojson::array();
    for (const Milestone& m : p.milestones) {
        ojson eligible = ojson::array();
        for (AwardIndex a : m.eligible) eligible.push_back(rs.awards[a].id);
        milestones.push_back(ojson{{"after", rs.units[m.after].id}, {"eligible", std::move(eligible)}});
    }
    out["milestones"] = std::move(milestones);
    return out;
}

std::string pathway_text(const Ruleset& rs, const Pathway& p, const std::string& indent) {
    if (!p.possible) return indent + "pathway: not possible: " + p.reason + "\n";
    std::string out = indent + "pathway: add " + format_centi(p.credits) + " credits in " + std::to_string(p.units.size()) +
                      (p.units.size() == 1 ? " unit" : " units") +
                      (p.optimal ? "" : " (best found within the search budget; a cheaper plan may exist)") + "\n";
    for (std::size_t i = 0; i < p.units.size(); ++i) {
        const Unit& u = rs.units[p.units[i]];
        out += indent + "  " + std::to_string(i + 1) + ". " + u.id + " " + u.title + " (" + format_centi(u.credits) +
               " credits)";
        if (i < p.milestones.size() && !p.milestones[i].eligible.empty()) {
            out += ": then eligible for";
            for (AwardIndex a : p.milestones[i].eligible) out += " " + rs.awards[a].id;
        }
        out += "\n";
    }
    return out;
}

std::string decision_summary_json(const Ruleset& rs, const Decision& decision) {
    ojson out;
    out["learner"] = decision.learner;
    ojson eligible = ojson::array();
    for (const AwardDecision& d : decision.awards) {
        if (!d.eligible) continue;
        ojson a;
        a["award"] = rs.awards[d.award].id;
        a["rpl_credits"] = credits_json(d.rpl_credits);
        if (d.held) a["held"] = true;
        eligible.push_back(std::move(a));
    }
    out["eligible"] = std::move(eligible);
    return out.dump() + "\n";
}

std::string decision_text(const Ruleset& rs, const Learner& learner, const Decision& decision) {
    std::string out = "Learner " + decision.learner + " as of " + format_date(decision.as_of) + "\n";
    out += "Ruleset " + rs.name + " version " + rs.version + " (" + rs.digest + ")\n";
    for (const AwardDecision& d : decision.awards) {
        const Award& award = rs.awards[d.award];
        out += "\n" + award.id + " " + award.title + ": ";
        if (d.held) out += "HELD";
        else out += d.eligible ? "ELIGIBLE" : "NOT ELIGIBLE";
        out += "\n  credits " + format_centi(d.credits_counted) + " of " + format_centi(award.credits) +
               " required, " + format_centi(d.rpl_credits) + " by RPL\n";
        if (d.entry_eligible) out += std::string("  entry requirements: ") + (*d.entry_eligible ? "met" : "not met") + "\n";
        for (const AllocatedRequirement& r : d.allocation) {
            out += "  + " + r.requirement + " (line " + std::to_string(r.line) + "): ";
            if (r.waived) {
                out += "waived by exception\n";
                continue;
            }
            for (std::size_t i = 0; i < r.credentials.size(); ++i) out += (i ? ", " : "") + r.credentials[i];
            out += " (" + format_centi(r.credits) + " credits)\n";
        }
        for (const Unmet& u : d.unmet)
            out += "  - " + u.requirement + " (line " + std::to_string(u.line) + "): missing " + u.missing + "\n";
        for (const Excluded& e : d.excluded)
            out += "  x " + learner.credentials[e.credential].id + ": " + e.reason + "\n";
        if (d.pathway) out += pathway_text(rs, *d.pathway, "  ");
    }
    if (!decision.unrecognised.empty()) {
        out += "\nUnrecognised credentials (not in the catalogue, derive nothing):";
        for (std::uint32_t c : decision.unrecognised) out += " " + learner.credentials[c].id;
        out += "\n";
    }
    return out;
}

}  // namespace credo::engine
