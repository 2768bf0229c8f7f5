// `credo fmt FILE [--check] [--write]`: print, check or rewrite a rule file in canonical layout.
#include <fstream>
#include <iostream>

#include "dsl/formatter.hpp"
#include "dsl/loader.hpp"
#include "dsl/parser.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

void add_fmt(CLI::App& app, Runner& run) {
    struct Options {
        std::string file;
        bool check = false;
        bool write = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("fmt", "Print a rule file in canonical layout");
    cmd->add_option("file", options->file, "Rule file")->required();
    cmd->add_flag("--check", options->check, "Exit 1 when the file is not in canonical layout; print nothing else");
    cmd->add_flag("--write", options->write, "Rewrite the file in place");
    cmd->callback([options, &run] {
        run = [options] {
            std::string text, error;
            if (!dsl::read_file(options->file, text, error)) {
                std::cerr << "credo: cannot read '" << options->file << "': " << error << "\n";
                return kExitUsage;
            }
            dsl::SourceFile source(0, options->file, std::move(text));
            dsl::Diagnostics diagnostics;
            dsl::ast::File file = dsl::parse_file(source, diagnostics);
            if (diagnostics.has_errors()) {
                diagnostics.sort();
                std::vector<dsl::SourceFile> files{source};
                for (const dsl::Diagnostic& d : diagnostics.list()) std::cerr << dsl::format_diagnostic(d, files);
                return kExitFailed;
            }
            std::string formatted = dsl::format_file(file, source);
            if (options->check) {
                if (formatted == source.text()) return kExitOk;
                std::cerr << options->file << ": not in canonical layout (run credo fmt --write)\n";
                return kExitFailed;
            }
            if (options->write) {
                if (formatted == source.text()) return kExitOk;
                std::ofstream out(options->file, std::ios::binary | std::ios::trunc);
                out << formatted;
                if (!out) {
                    std::cerr << "credo: cannot write '" << options->file << "'\n";
                    return kExitUsage;
                }
                return kExitOk;
            }
            std::cout << formatted;
            return kExitOk;
        };
    });
}

}  // namespace credo::tools
