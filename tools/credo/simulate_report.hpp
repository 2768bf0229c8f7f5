// What `credo simulate` found, and its reports: Markdown, JSON, CSV and a self-contained HTML page.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tools/credo/ruleset_diff.hpp"

namespace credo::tools {

/// How many example learners each award's gains and losses keep (the first, in cohort order).
constexpr std::size_t kExamples = 3;
/// How many unreadable or undecided lines a report lists (all are counted).
constexpr std::size_t kListedBadLines = 20;

/// A learner of the cohort, by the line of their record and their id.
struct ExampleLearner {
    std::uint64_t line = 0;
    std::string learner;
};

/// One award of either ruleset and what the cohort did with it.
struct AwardOutcome {
    std::string id;
    std::string title;  ///< as the new ruleset has it, else the old
    bool in_before = false;
    bool in_after = false;
    std::uint64_t eligible_before = 0;  ///< learners eligible (or holding it) under the old ruleset
    std::uint64_t eligible_after = 0;
    std::uint64_t gained = 0;  ///< not eligible before, eligible after (an added award: every eligible learner)
    std::uint64_t lost = 0;    ///< eligible before, not after (a removed award: every learner eligible before)
    std::vector<ExampleLearner> gained_examples;  ///< the first kExamples
    std::vector<ExampleLearner> lost_examples;
    std::vector<std::size_t> changes;  ///< indices into Simulation::changes that can affect it
};

/// A cohort line that could not be read or decided under one ruleset or both.
struct BadLine {
    std::uint64_t line = 0;
    std::string error;
};

/// One side's ruleset as the report names it.
struct RulesetInfo {
    std::string path;  ///< as given on the command line
    std::string name;
    std::string version;
    std::string digest;
};

/// The whole result of a simulation: bounded in size whatever the cohort's.
struct Simulation {
    RulesetInfo before;
    RulesetInfo after;
    std::string cohort;  ///< the cohort's path as given (`-`: standard input)
    std::optional<std::string> as_of;  ///< `--as-of`, when given
    std::vector<RuleChange> changes;   ///< the structural diff, in `credo diff` order
    std::vector<AwardOutcome> awards;  ///< every award of either ruleset, by id
    std::uint64_t learners = 0;        ///< records decided under both rulesets
    std::uint64_t bad = 0;             ///< lines not read or decided (blank lines are skipped, not counted)
    std::vector<BadLine> bad_lines;    ///< the first kListedBadLines
};

/// The report as Markdown (also what `credo simulate` prints without `--report`).
std::string simulation_markdown(const Simulation& simulation);

/// The report as JSON, indented by 2.
std::string simulation_json(const Simulation& simulation);

/// The report as one HTML page with its style and an inline SVG chart of gains and losses per
/// award; it loads nothing (no scripts, fonts or images from elsewhere).
std::string simulation_html(const Simulation& simulation);

/// The CSV report's header line: `line,learner,award,before,after,rule_lines,rule_changes`.
std::string csv_header();

/// The last two fields of the CSV rows of one award: the rule lines of the changes that can
/// affect it (`OLD:LINE -> NEW:LINE`, `NEW:LINE (added)`, `OLD:LINE (removed)`) and those changes
/// (`changed: TEXT -> TEXT`, `added: TEXT`, `removed: TEXT`), each list joined by `; `, quoted as
/// CSV needs.
std::string csv_rule_fields(const Simulation& simulation, const AwardOutcome& award);

/// One CSV row for a learner whose decision for an award changed; `before` and `after` are
/// `eligible`, `not eligible` or `absent` (the award is not in that ruleset).
std::string csv_row(std::uint64_t line, const std::string& learner, const std::string& award, const char* before,
                    const char* after, const std::string& rule_fields);

}  // namespace credo::tools
