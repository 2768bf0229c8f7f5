// Rendering decisions: the JSON contract of LANGUAGE.md and a text form for registrars.
#include <nlohmann/json.hpp>

#include "engine/evaluate.hpp"
#include "engine/json_write.hpp"

namespace credo::engine {

using ojson = nlohmann::ordered_json;

ojson credits_json(Centi value) {
    if (value % 100 == 0) return ojson(value / 100);
    return ojson(static_cast<double>(value) / 100.0);
}

namespace {

/// Credits as credits_json gives them.
void write_credits(JsonWriter& w, Centi value) {
    if (value % 100 == 0) w.integer(value / 100);
    else w.number(static_cast<double>(value) / 100.0);
}

void write_pathway(JsonWriter& w, const Ruleset& rs, const Pathway& p) {
    w.begin_object();
    if (!p.possible) {
        w.key("possible");
        w.boolean(false);
        w.key("reason");
        w.string(p.reason);
        w.end_object();
        return;
    }
    w.key("units");
    w.begin_array();
    for (UnitIndex u : p.units) w.string(rs.units[u].id);
    w.end_array();
    w.key("credits");
    write_credits(w, p.credits);
    w.key("optimal");
    w.boolean(p.optimal);
    w.key("milestones");
    w.begin_array();
    for (const Milestone& m : p.milestones) {
        w.begin_object();
        w.key("after");
        w.string(rs.units[m.after].id);
        w.key("eligible");
        w.begin_array();
        for (AwardIndex a : m.eligible) w.string(rs.awards[a].id);
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

}  // namespace

std::string decision_json(const Ruleset& rs, const Learner& learner, const Decision& decision, int indent) {
    JsonWriter w(indent);
    w.begin_object();
    w.key("learner");
    w.string(decision.learner);
    w.key("as_of");
    w.string(format_date(decision.as_of));
    w.key("ruleset");
    w.begin_object();
    w.key("name");
    w.string(rs.name);
    w.key("version");
    w.string(rs.version);
    w.key("effective");
    if (rs.effective) w.string(format_date(*rs.effective));
    else w.null();
    w.key("digest");
    w.string(rs.digest);
    w.end_object();
    w.key("awards");
    w.begin_array();
    for (const AwardDecision& d : decision.awards) {
        const Award& award = rs.awards[d.award];
        w.begin_object();
        w.key("award");
        w.string(award.id);
        w.key("eligible");
        w.boolean(d.eligible);
        w.key("held");
        w.boolean(d.held);
        w.key("entry_eligible");
        if (d.entry_eligible) w.boolean(*d.entry_eligible);
        else w.null();
        w.key("credits_counted");
        write_credits(w, d.credits_counted);
        w.key("credits_required");
        write_credits(w, award.credits);
        w.key("rpl_credits");
        write_credits(w, d.rpl_credits);
        w.key("allocation");
        w.begin_array();
        for (const AllocatedRequirement& r : d.allocation) {
            w.begin_object();
            w.key("requirement");
            w.string(r.requirement);
            w.key("line");
            w.integer(r.line);
            w.key("credentials");
            w.begin_array();
            for (const std::string& id : r.credentials) w.string(id);
            w.end_array();
            w.key("credits");
            write_credits(w, r.credits);
            if (r.waived) {
                w.key("waived");
                w.boolean(true);
            }
            w.end_object();
        }
        w.end_array();
        w.key("unmet");
        w.begin_array();
        for (const Unmet& u : d.unmet) {
            w.begin_object();
            w.key("requirement");
            w.string(u.requirement);
            w.key("line");
            w.integer(u.line);
            w.key("missing");
            w.string(u.missing);
            w.end_object();
        }
        w.end_array();
        w.key("excluded");
        w.begin_array();
        for (const Excluded& e : d.excluded) {
            w.begin_object();
            w.key("credential");
            w.string(learner.credentials[e.credential].id);
            w.key("reason");
            w.string(e.reason);
            w.end_object();
        }
        w.end_array();
        w.key("pathway");
        if (d.pathway) write_pathway(w, rs, *d.pathway);
        else w.null();
        w.end_object();
    }
    w.end_array();
    w.key("unrecognised");
    w.begin_array();
    for (std::uint32_t c : decision.unrecognised) w.string(learner.credentials[c].id);
    w.end_array();
    w.end_object();
    return w.take() + "\n";
}

ojson pathway_json(const Ruleset& rs, const Pathway& p) {
    // One form of the pathway object: the one the decision writes, read back.
    JsonWriter w;
    write_pathway(w, rs, p);
    return ojson::parse(w.text());
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
    JsonWriter w;
    w.begin_object();
    w.key("learner");
    w.string(decision.learner);
    w.key("eligible");
    w.begin_array();
    for (const AwardDecision& d : decision.awards) {
        if (!d.eligible) continue;
        w.begin_object();
        w.key("award");
        w.string(rs.awards[d.award].id);
        w.key("rpl_credits");
        write_credits(w, d.rpl_credits);
        if (d.held) {
            w.key("held");
            w.boolean(true);
        }
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.take() + "\n";
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
