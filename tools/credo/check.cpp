// `credo check FILE... [--format text|json]`: compile rule files and print their diagnostics.
#include <iostream>

#include <nlohmann/json.hpp>

#include "engine/compile.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

void add_check(CLI::App& app, Runner& run) {
    struct Options {
        std::vector<std::string> files;
        std::string format = "text";
        bool warnings_as_errors = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("check", "Check rule files; exit 0 when clean, 1 on errors, 2 on usage or I/O errors");
    cmd->add_option("files", options->files, "Entry rule files (their includes are checked too)")->required();
    cmd->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_flag("--warnings-as-errors", options->warnings_as_errors, "Exit 1 on warnings too");
    cmd->callback([options, &run] {
        run = [options] {
            bool errors = false, unreadable = false;
            nlohmann::ordered_json all = nlohmann::ordered_json::array();
            for (const std::string& path : options->files) {
                engine::CompileResult result = engine::compile_file(path);
                if (result.files.empty()) unreadable = true;  // the entry file itself could not be read
                errors = errors || result.diagnostics.has_errors() ||
                         (options->warnings_as_errors && result.diagnostics.warning_count() > 0);
                if (options->format == "json") {
                    for (auto& d : nlohmann::ordered_json::parse(dsl::diagnostics_json(result.diagnostics.list(), result.files)))
                        all.push_back(std::move(d));
                } else {
                    for (const dsl::Diagnostic& d : result.diagnostics.list())
                        std::cerr << dsl::format_diagnostic(d, result.files);
                }
            }
            if (options->format == "json") std::cout << all.dump(2) << "\n";
            if (unreadable) return kExitUsage;
            return errors ? kExitFailed : kExitOk;
        };
    });
}

}  // namespace credo::tools
