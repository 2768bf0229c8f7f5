// Loading the ruleset and the input a verb works on, with errors printed for the user.
#include <iostream>
#include <sstream>

#include "dsl/diagnostic.hpp"
#include "dsl/loader.hpp"
#include "engine/compile.hpp"
#include "engine/evaluate.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

namespace {

/// Reads a file, or standard input for `-`; on failure prints why and returns false.
bool read_input(const std::string& path, std::string& text) {
    if (path == "-") {
        std::ostringstream buffer;
        buffer << std::cin.rdbuf();
        text = buffer.str();
        return true;
    }
    std::string error;
    if (dsl::read_file(path, text, error)) return true;
    std::cerr << "credo: cannot read '" << path << "': " << error << "\n";
    return false;
}

}  // namespace

std::shared_ptr<const engine::Ruleset> load_ruleset(const std::string& path, int& exit_code, dsl::Program* program) {
    engine::CompileResult compiled;
    if (program) {
        *program = dsl::load_program(path);
        compiled = engine::compile(*program);
    } else {
        compiled = engine::compile_file(path);
    }
    for (const dsl::Diagnostic& d : compiled.diagnostics.list())
        if (d.severity == dsl::Severity::error) std::cerr << dsl::format_diagnostic(d, compiled.files);
    if (compiled.files.empty()) exit_code = kExitUsage;
    else if (!compiled.ruleset) exit_code = kExitFailed;
    return compiled.ruleset;
}

bool decide(const engine::Ruleset& rs, std::string_view record, const engine::EvaluateOptions& options,
            engine::Learner& learner, engine::Decision& decision, std::string& message, std::string& pointer) {
    engine::LearnerError learner_error;
    if (!engine::read_learner(record, rs, learner, learner_error)) {
        message = learner_error.what();
        pointer = learner_error.pointer;
        return false;
    }
    engine::EvaluateError error;
    if (!engine::evaluate(rs, learner, options, decision, error)) {
        message = error.message;
        return false;
    }
    return true;
}

bool read_as_of(const char* verb, const std::string& text, engine::EvaluateOptions& options) {
    if (text.empty()) return true;
    std::optional<Date> date = parse_date(text);
    if (!date) {
        std::cerr << "credo " << verb << ": --as-of " << text << " is not a real date (YYYY-MM-DD)\n";
        return false;
    }
    options.as_of = *date;
    return true;
}

bool decide_input(const engine::Ruleset& rs, const std::string& path, const engine::EvaluateOptions& options,
                  engine::Learner& learner, engine::Decision& decision, int& exit_code) {
    std::string text;
    if (!read_input(path, text)) {
        exit_code = kExitUsage;
        return false;
    }
    std::string message, pointer;
    if (decide(rs, text, options, learner, decision, message, pointer)) return true;
    std::cerr << (path == "-" ? std::string("<stdin>") : path) << ": error: " << message << "\n";
    exit_code = kExitFailed;
    return false;
}

engine::AwardIndex find_award_or_report(const char* verb, const engine::Ruleset& rs, const std::string& id) {
    engine::AwardIndex a = rs.find_award(id);
    if (a == engine::kNone) std::cerr << "credo " << verb << ": " << engine::unknown_award_message(rs, id) << "\n";
    return a;
}

}  // namespace credo::tools
