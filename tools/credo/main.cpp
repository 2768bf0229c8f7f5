// Entry point of the credo command-line program: dispatches to one verb.
#include <iostream>

#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "tools/credo/verbs.hpp"

int main(int argc, char** argv) {
    // Logging goes to standard error, quiet unless CREDO_LOG (or SPDLOG_LEVEL) asks for more.
    spdlog::set_default_logger(spdlog::stderr_color_mt("credo"));
    spdlog::set_level(spdlog::level::warn);
    spdlog::cfg::load_env_levels();

    CLI::App app{"credo: academic credit policy as rule files that compile, test and decide exactly"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string(CREDO_VERSION));
    credo::tools::Runner run;
    credo::tools::add_check(app, run);
    credo::tools::add_fmt(app, run);
    credo::tools::add_eval(app, run);
    credo::tools::add_graph(app, run);
    credo::tools::add_test(app, run);
    credo::tools::add_pathways(app, run);
    credo::tools::add_gen_cohort(app, run);
    credo::tools::add_diff(app, run);
    credo::tools::add_simulate(app, run);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return credo::tools::kExitUsage;
    }
    try {
        return run ? run() : credo::tools::kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "credo: internal error: " << e.what() << "\n";
        return credo::tools::kExitUsage;
    }
}
