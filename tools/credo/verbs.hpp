// The credo program's verbs: each adds its subcommand to the app and runs it.
#pragma once

#include <functional>

#include <memory>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "dsl/loader.hpp"
#include "engine/evaluate.hpp"
#include "engine/model.hpp"

namespace credo::tools {

/// Exit codes shared by every verb.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;  ///< errors in the input (rule errors, failing tests)
constexpr int kExitUsage = 2;   ///< usage or I/O errors

/// Compiles a rule file for a verb that needs a ruleset: prints its errors to standard error and
/// sets `exit_code` (kExitUsage when it cannot be read, kExitFailed on rule errors) when it gives
/// no ruleset. When `program` is given, it receives the loaded files and syntax trees too.
std::shared_ptr<const engine::Ruleset> load_ruleset(const std::string& path, int& exit_code,
                                                    dsl::Program* program = nullptr);

/// Reads a learner record and decides it; on failure fills `message` (and `pointer` for a
/// rejected record).
bool decide(const engine::Ruleset& ruleset, std::string_view record, const engine::EvaluateOptions& options,
            engine::Learner& learner, engine::Decision& decision, std::string& message, std::string& pointer);

/// Reads a learner record from a file (`-`: standard input) and decides it. On failure prints
/// why (`PATH: error: MESSAGE`) and sets `exit_code` (kExitUsage when it cannot be read,
/// kExitFailed for a rejected record or a search past its budget).
bool decide_input(const engine::Ruleset& ruleset, const std::string& path, const engine::EvaluateOptions& options,
                  engine::Learner& learner, engine::Decision& decision, int& exit_code);

/// The award `id` names, or kNone after printing `credo VERB: unknown award ...` (with a
/// did-you-mean).
engine::AwardIndex find_award_or_report(const char* verb, const engine::Ruleset& ruleset, const std::string& id);

/// Sets `options.as_of` from an `--as-of` value (nothing when empty); prints why and returns
/// false when it is not a real date.
bool read_as_of(const char* verb, const std::string& text, engine::EvaluateOptions& options);

/// Each verb registers its subcommand and sets `run` to the code that runs it.
using Runner = std::function<int()>;

void add_check(CLI::App& app, Runner& run);
void add_fmt(CLI::App& app, Runner& run);
void add_eval(CLI::App& app, Runner& run);
void add_graph(CLI::App& app, Runner& run);
void add_test(CLI::App& app, Runner& run);
void add_pathways(CLI::App& app, Runner& run);
void add_gen_cohort(CLI::App& app, Runner& run);
void add_diff(CLI::App& app, Runner& run);
void add_simulate(CLI::App& app, Runner& run);

}  // namespace credo::tools
