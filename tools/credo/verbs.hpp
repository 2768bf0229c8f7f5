// The credo program's verbs: each adds its subcommand to the app and runs it.
#pragma once

#include <functional>

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "engine/model.hpp"

namespace credo::tools {

/// Exit codes shared by every verb.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;  ///< errors in the input (rule errors, failing tests)
constexpr int kExitUsage = 2;   ///< usage or I/O errors

/// Compiles a rule file for a verb that needs a ruleset: prints its errors to standard error and
/// sets `exit_code` (kExitUsage when it cannot be read, kExitFailed on rule errors) when it gives
/// no ruleset.
std::shared_ptr<const engine::Ruleset> load_ruleset(const std::string& path, int& exit_code);

/// Each verb registers its subcommand and sets `run` to the code that runs it.
using Runner = std::function<int()>;

void add_check(CLI::App& app, Runner& run);
void add_fmt(CLI::App& app, Runner& run);
void add_eval(CLI::App& app, Runner& run);
void add_graph(CLI::App& app, Runner& run);
void add_test(CLI::App& app, Runner& run);

}  // namespace credo::tools
