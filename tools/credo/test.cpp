// `credo test RULESET CASES...`: run rule tests — learner records with the decisions a
// registrar expects — and report each failure with the engine's explanation.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "dsl/loader.hpp"
#include "engine/evaluate.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// Case files named on the command line, folders searched for *.json, in sorted order.
bool collect_cases(const std::vector<std::string>& args, std::vector<std::string>& out) {
    for (const std::string& arg : args) {
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::recursive_directory_iterator(arg, ec))
                if (entry.is_regular_file() && entry.path().extension() == ".json") found.push_back(entry.path().string());
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(arg, ec)) {
            out.push_back(arg);
        } else {
            std::cerr << "credo test: no such case file or folder: " << arg << "\n";
            return false;
        }
    }
    return true;
}

std::string show(const json& value) { return value.dump(); }

/// The decision fields a case can expect.
bool known_field(const std::string& field) {
    for (const char* f : {"eligible", "held", "entry_eligible", "rpl_credits", "credits_counted"})
        if (field == f) return true;
    return false;
}

/// The decision's value for an expected field, as JSON, for comparison and messages.
json actual_field(const std::string& field, const engine::AwardDecision& d) {
    auto number = [](Centi c) { return c % 100 ? json(static_cast<double>(c) / 100) : json(c / 100); };
    if (field == "eligible") return d.eligible;
    if (field == "held") return d.held;
    if (field == "entry_eligible") return d.entry_eligible ? json(*d.entry_eligible) : json(nullptr);
    if (field == "rpl_credits") return number(d.rpl_credits);
    if (field == "credits_counted") return number(d.credits_counted);
    return json();
}

/// Which rules the cases exercised: requirements that took an item (or were waived, or were met
/// by a nested award or a held one, or as `shared` counted one), credit limits and RPL caps over a
/// counted item, equivalences that derived an item, and units some case held an item of.
class Coverage {
public:
    void add(const engine::Ruleset& rs, const engine::Decision& decision) {
        for (const engine::AwardDecision& d : decision.awards) {
            add_allocation(rs, decision, d.detail);
            add_allocation(rs, decision, d.entry_detail);
        }
        for (const engine::Item& item : decision.items.items) {
            if (item.kind == engine::Item::Kind::derived) equivalences_.insert(item.equivalence);
            if (item.unit != engine::kNone && !item.source_only) units_.insert(item.unit);
        }
    }

    /// Counts per kind, then every rule line never exercised.
    std::string report(const engine::Ruleset& rs) const {
        std::vector<std::tuple<std::uint32_t, std::uint32_t, std::string>> missed;  // file, line, text
        auto miss = [&](const engine::SourceRef& w, std::string what) {
            std::string place = (w.file < rs.files.size() ? rs.files[w.file] : std::string("?")) + ":" +
                                std::to_string(w.line) + ": ";
            missed.emplace_back(w.file, w.line, place + what);
        };
        std::size_t requirements = 0, limits = 0, caps = 0;
        for (engine::AwardIndex a = 0; a < rs.awards.size(); ++a) {
            const engine::Award& award = rs.awards[a];
            auto requirement = [&](const engine::Requirement& r, std::uint32_t k, bool entry) {
                ++requirements;
                if (!requirements_.count({a, entry, k}))
                    miss(r.where, "requirement \"" + r.name + "\" of " + award.id + (entry ? " (entry)" : ""));
            };
            for (std::uint32_t k = 0; k < award.requirements.size(); ++k) requirement(award.requirements[k], k, false);
            if (award.entry)
                for (std::uint32_t k = 0; k < award.entry->requirements.size(); ++k)
                    requirement(award.entry->requirements[k], k, true);
            for (std::uint32_t k = 0; k < award.limits.size(); ++k) {
                ++limits;
                if (!limits_.count({a, k}))
                    miss(award.limits[k].where, std::string(award.limits[k].rpl ? "limit rpl " : "limit ") +
                                                    format_centi(award.limits[k].credits) + " credits from " +
                                                    award.limits[k].selector.text + " of " + award.id);
            }
            if (award.rpl_limit) {
                ++caps;
                if (!rpl_caps_.count(a)) miss(award.rpl_limit->where, "limit rpl of " + award.id);
            }
        }
        for (std::uint32_t e = 0; e < rs.equivalences.size(); ++e)
            if (!equivalences_.count(e))
                miss(rs.equivalences[e].where, "equivalence giving " + rs.units[rs.equivalences[e].target].id);
        for (engine::UnitIndex u = 0; u < rs.units.size(); ++u)
            if (!units_.count(u)) miss(rs.units[u].where, "unit " + rs.units[u].id);
        std::sort(missed.begin(), missed.end());
        auto share = [](std::size_t hit, std::size_t all) { return std::to_string(hit) + "/" + std::to_string(all); };
        std::string out = "coverage: requirements " + share(requirements_.size(), requirements) + ", limits " +
                          share(limits_.size(), limits) + ", RPL caps " + share(rpl_caps_.size(), caps) +
                          ", equivalences " + share(equivalences_.size(), rs.equivalences.size()) + ", units " +
                          share(units_.size(), rs.units.size()) + "\n";
        if (missed.empty()) return out + "every rule line was exercised\n";
        out += "never exercised:\n";
        for (const auto& m : missed) out += "  " + std::get<2>(m) + "\n";
        return out;
    }

private:
    void add_allocation(const engine::Ruleset& rs, const engine::Decision& decision, const engine::Allocation& al) {
        for (const engine::MetRequirement& w : al.waived) requirements_.insert({w.award, w.entry, w.requirement});
        for (const engine::AllocationLine& line : al.lines) {
            const engine::Slot& slot = al.slots[line.slot];
            const engine::Item& item = decision.items.items[line.item];
            requirements_.insert({slot.award, slot.entry, slot.requirement});
            for (std::uint32_t p = slot.part; p != engine::kNone; p = al.parts[p].parent) {
                const engine::Part& part = al.parts[p];
                if (part.parent != engine::kNone) requirements_.insert({al.parts[part.parent].award, false, part.via});
                if (slot.entry) continue;  // entry limits are the award's entry block's, counted above
                const engine::Award& award = rs.awards[part.award];
                for (std::uint32_t k = 0; k < award.requirements.size(); ++k) {  // shared ones count the part's items
                    const engine::Requirement& r = award.requirements[k];
                    if (r.shared && engine::takes(r, item)) requirements_.insert({part.award, false, k});
                }
                for (std::uint32_t k = 0; k < award.limits.size(); ++k)
                    if (engine::in_limit(rs, award, award.limits[k], item)) limits_.insert({part.award, k});
                if (award.rpl_limit && engine::is_rpl(item, award, rs)) rpl_caps_.insert(part.award);
            }
        }
    }

    std::set<std::tuple<engine::AwardIndex, bool, std::uint32_t>> requirements_;
    std::set<std::pair<engine::AwardIndex, std::uint32_t>> limits_;
    std::set<engine::AwardIndex> rpl_caps_;
    std::set<std::uint32_t> equivalences_;
    std::set<engine::UnitIndex> units_;
};

/// Runs one case; returns false with `problem` set for a case file that is not well formed.
bool run_case(const engine::Ruleset& rs, const std::string& path, std::vector<std::string>& failures,
              std::string& explanation, std::string& problem, Coverage& coverage) {
    std::string text, error;
    if (!dsl::read_file(path, text, error)) {
        problem = "cannot read: " + error;
        return false;
    }
    json c = json::parse(text, nullptr, false);
    if (c.is_discarded() || !c.is_object()) {
        problem = "not a JSON object";
        return false;
    }
    for (auto it = c.begin(); it != c.end(); ++it)
        if (it.key() != "description" && it.key() != "learner" && it.key() != "expect" && it.key() != "as_of") {
            problem = "/" + it.key() + ": unknown field (description, learner, as_of, expect)";
            return false;
        }
    if (!c.contains("learner") || !c["learner"].is_object() || !c.contains("expect") || !c["expect"].is_object()) {
        problem = "a case needs \"learner\" (a learner record) and \"expect\" (award id -> expected fields)";
        return false;
    }
    engine::Learner learner;
    engine::LearnerError learner_error;
    if (!engine::read_learner(c["learner"].dump(), rs, learner, learner_error)) {
        problem = "/learner" + learner_error.what();
        return false;
    }
    engine::EvaluateOptions options;
    if (c.contains("as_of")) {
        auto date = c["as_of"].is_string() ? parse_date(c["as_of"].get<std::string>()) : std::nullopt;
        if (!date) {
            problem = "/as_of: not a real date (YYYY-MM-DD)";
            return false;
        }
        options.as_of = *date;
    }
    for (auto it = c["expect"].begin(); it != c["expect"].end(); ++it) {
        if (rs.find_award(it.key()) == engine::kNone) {
            problem = "/expect/" + it.key() + ": " + engine::unknown_award_message(rs, it.key());
            return false;
        }
        if (!it.value().is_object() || !it.value().contains("eligible")) {
            problem = "/expect/" + it.key() + ": an object with at least \"eligible\"";
            return false;
        }
        for (auto f = it.value().begin(); f != it.value().end(); ++f)
            if (!known_field(f.key())) {
                problem = "/expect/" + it.key() + "/" + f.key() +
                          ": unknown field (eligible, held, entry_eligible, rpl_credits, credits_counted)";
                return false;
            }
        options.awards.push_back(it.key());
    }
    engine::Decision decision;
    engine::EvaluateError eval_error;
    if (!engine::evaluate(rs, learner, options, decision, eval_error)) {
        problem = eval_error.message;
        return false;
    }
    coverage.add(rs, decision);
    engine::Decision failed;
    failed.learner = decision.learner;
    failed.as_of = decision.as_of;
    for (const engine::AwardDecision& d : decision.awards) {
        const std::string& id = rs.awards[d.award].id;
        bool award_failed = false;
        for (auto f = c["expect"][id].begin(); f != c["expect"][id].end(); ++f) {
            json actual = actual_field(f.key(), d);
            if (actual == f.value()) continue;
            failures.push_back(id + ": expected " + f.key() + " " + show(f.value()) + ", got " + show(actual));
            award_failed = true;
        }
        if (award_failed) failed.awards.push_back(d);
    }
    if (!failed.awards.empty()) explanation = engine::decision_text(rs, learner, failed);
    return true;
}

}  // namespace

void add_test(CLI::App& app, Runner& run) {
    struct Options {
        std::string ruleset;
        std::vector<std::string> cases;
        bool coverage = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("test", "Run rule tests: learners with the decisions they must get");
    cmd->add_option("ruleset", o->ruleset, "Entry rule file")->required();
    cmd->add_option("cases", o->cases, "Case files (JSON) or folders of them")->required();
    cmd->add_flag("--coverage", o->coverage,
                  "Report which requirements, limits, RPL caps, equivalences and units the cases exercised");
    cmd->callback([o, &run] {
        run = [o]() -> int {
            int exit_code = kExitOk;
            std::shared_ptr<const engine::Ruleset> ruleset = load_ruleset(o->ruleset, exit_code);
            if (!ruleset) return exit_code;
            std::vector<std::string> files;
            if (!collect_cases(o->cases, files)) return kExitUsage;
            if (files.empty()) {
                std::cerr << "credo test: no case files found\n";
                return kExitUsage;
            }
            std::size_t passed = 0, failed = 0;
            bool bad_input = false;
            Coverage coverage;
            for (const std::string& file : files) {
                std::vector<std::string> failures;
                std::string explanation, problem;
                if (!run_case(*ruleset, file, failures, explanation, problem, coverage)) {
                    std::cout << "ERROR " << file << ": " << problem << "\n";
                    bad_input = true;
                    continue;
                }
                if (failures.empty()) {
                    ++passed;
                    std::cout << "PASS " << file << "\n";
                    continue;
                }
                ++failed;
                std::cout << "FAIL " << file << "\n";
                for (const std::string& f : failures) std::cout << "  " << f << "\n";
                std::cout << "  the engine's decision:\n";
                for (std::size_t start = 0; start < explanation.size();) {
                    std::size_t end = explanation.find('\n', start);
                    if (end == std::string::npos) end = explanation.size();
                    std::cout << (end > start ? "    " + explanation.substr(start, end - start) : std::string()) << "\n";
                    start = end + 1;
                }
            }
            std::cout << passed << " passed, " << failed << " failed\n";
            if (o->coverage) std::cout << coverage.report(*ruleset);
            if (bad_input) return kExitUsage;
            return failed ? kExitFailed : kExitOk;
        };
    });
}

}  // namespace credo::tools
