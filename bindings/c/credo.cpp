// The C API (credo.h) over credo::engine: argument checks, UTF-8 validation, options JSON, and a
// catch-all around every entry point so that no exception crosses the C boundary.
#include "credo.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dsl/diagnostic.hpp"
#include "dsl/values.hpp"
#include "engine/compile.hpp"
#include "engine/evaluate.hpp"
#include "engine/learner.hpp"

namespace {

constexpr bool same_text(const char* a, const char* b) {
    return *a == *b && (*a == '\0' || same_text(a + 1, b + 1));
}
static_assert(same_text(CREDO_VERSION_STRING, CREDO_LIBRARY_VERSION),
              "credo.h's CREDO_VERSION_STRING must match the project version in CMakeLists.txt");

}  // namespace

/// A compiled ruleset shared read-only; the handle only keeps it alive.
struct credo_ruleset {
    std::shared_ptr<const credo::engine::Ruleset> ruleset;
};

/// The details of one failure, owned by the caller.
struct credo_error {
    int code = CREDO_OK;
    std::string message;
    std::string file;
    std::string pointer;
    int line = 0;
    int column = 0;
};

namespace {

using credo::engine::EvaluateError;
using credo::engine::EvaluateOptions;

/// Where a failure happened, beyond its code and message.
struct Where {
    std::string_view file;
    int line = 0;
    int column = 0;
    std::string_view pointer;
};

/// Records a failure in `*err` (when the caller wants details) and returns `code`. Never throws:
/// when the error object cannot be allocated `*err` is left NULL.
int fail(credo_error** err, int code, std::string_view message, const Where& where = {}) noexcept {
    if (!err) return code;
    try {
        auto e = std::make_unique<credo_error>();
        e->code = code;
        e->message.assign(message.data(), message.size());
        e->file.assign(where.file.data(), where.file.size());
        e->pointer.assign(where.pointer.data(), where.pointer.size());
        e->line = where.line;
        e->column = where.column;
        *err = e.release();
    } catch (...) {
        *err = nullptr;
    }
    return code;
}

/// Runs an entry point's body, turning every exception into a status code.
template <class Body>
int guarded(credo_error** err, Body&& body) noexcept {
    if (err) *err = nullptr;
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return fail(err, CREDO_ERR_NO_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        return fail(err, CREDO_ERR_INTERNAL, e.what());
    } catch (...) {
        return fail(err, CREDO_ERR_INTERNAL, "unexpected exception inside Credo");
    }
}

int null_argument(credo_error** err, const char* function, const char* argument) {
    return fail(err, CREDO_ERR_INVALID_ARGUMENT, std::string(function) + ": " + argument + " is NULL");
}

/// Byte offset of the first byte that does not start or continue a well-formed UTF-8 sequence
/// (no overlong forms, no surrogates, nothing past U+10FFFF), or npos when all of `text` is.
std::size_t invalid_utf8_at(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII eight bytes at a time: no byte has its high bit set.
        std::uint64_t word;
        if (i + 8 <= n && (std::memcpy(&word, s + i, 8), (word & 0x8080808080808080ull) == 0)) {
            i += 8;
            continue;
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t extra = 0;
        unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0) low = 0xA0;
            if (c == 0xED) high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0) low = 0x90;
            if (c == 0xF4) high = 0x8F;
        } else {
            return i;
        }
        if (i + extra >= n) return i;
        if (s[i + 1] < low || s[i + 1] > high) return i;
        for (std::size_t k = 2; k <= extra; ++k)
            if ((s[i + k] & 0xC0) != 0x80) return i;
        i += extra + 1;
    }
    return std::string_view::npos;
}

/// CREDO_OK when `text` is valid UTF-8, else CREDO_ERR_INVALID_ARGUMENT naming the argument.
int check_utf8(credo_error** err, const char* function, const char* argument, std::string_view text) {
    std::size_t at = invalid_utf8_at(text);
    if (at == std::string_view::npos) return CREDO_OK;
    return fail(err, CREDO_ERR_INVALID_ARGUMENT,
                std::string(function) + ": " + argument + " is not valid UTF-8 (byte " + std::to_string(at) + ")");
}

/// A copy of `text` in memory from malloc, for credo_string_free.
char* malloc_copy(const std::string& text) {
    auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (!copy) throw std::bad_alloc();
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    return copy;
}

/// Hands out a compiled ruleset, or reports why there is none.
int finish_compile(credo::engine::CompileResult compiled, const std::string& path, credo_ruleset** out,
                   credo_error** err) {
    const auto& diagnostics = compiled.diagnostics.list();
    if (compiled.files.empty()) {
        std::string message = diagnostics.empty() ? "cannot read '" + path + "'" : diagnostics.front().message;
        return fail(err, CREDO_ERR_IO, message, Where{path, 0, 0, {}});
    }
    if (compiled.ruleset) {
        *out = new credo_ruleset{std::move(compiled.ruleset)};
        return CREDO_OK;
    }
    const credo::dsl::Diagnostic* first = nullptr;
    std::string rendered;
    for (const credo::dsl::Diagnostic& d : diagnostics) {
        if (!first && d.severity == credo::dsl::Severity::error) first = &d;
        rendered += credo::dsl::format_diagnostic(d, compiled.files);
    }
    if (!first) return fail(err, CREDO_ERR_INTERNAL, "the ruleset did not compile but no error was reported");
    Where where;
    if (first->loc.file < compiled.files.size()) where.file = compiled.files[first->loc.file].path();
    if (first->loc.line > 0) {
        where.line = static_cast<int>(first->loc.line);
        where.column = static_cast<int>(first->loc.column);
    }
    return fail(err, CREDO_ERR_RULES, rendered, where);
}

int bad_option(credo_error** err, const std::string& message) {
    return fail(err, CREDO_ERR_OPTIONS, "options_json: " + message);
}

/// `FIELD must be WHAT, got KIND` for an option value of the wrong kind (`field` as it is shown).
int wrong_kind(credo_error** err, const std::string& field, const char* what, const nlohmann::json& value) {
    return bad_option(err, field + " must be " + what + ", got " + value.type_name());
}

/// Reads credo_evaluate's options (NULL or "" for the defaults) into `options`.
int read_options(const char* text, EvaluateOptions& options, credo_error** err) {
    if (!text || !*text) return CREDO_OK;
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // Without nlohmann's "[json.exception.parse_error.101] " tag, as the learner reader does.
        std::string what = e.what();
        if (what.rfind("[json.exception.", 0) == 0 && what.find("] ") != std::string::npos)
            what = what.substr(what.find("] ") + 2);
        return bad_option(err, "not valid JSON: " + what);
    }
    if (!root.is_object()) return bad_option(err, std::string("expected a JSON object, got ") + root.type_name());
    static const std::vector<std::string> known = {"as_of", "awards", "budget", "explain", "pathways",
                                                   "pathway_budget"};
    for (const auto& [key, value] : root.items()) {
        if (key == "as_of") {
            if (!value.is_string()) return wrong_kind(err, "\"" + key + "\"", "a date string YYYY-MM-DD", value);
            const std::string& date = value.get_ref<const std::string&>();
            auto parsed = credo::parse_date(date);
            if (!parsed) {
                std::string problem = credo::date_problem(date);
                return bad_option(err, "\"as_of\" is not a real date: " + (problem.empty() ? date : problem));
            }
            options.as_of = *parsed;
        } else if (key == "awards") {
            if (!value.is_array()) return wrong_kind(err, "\"" + key + "\"", "an array of award ids", value);
            if (value.empty()) return bad_option(err, "\"awards\" is empty; leave it out to decide every award");
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_string())
                    return wrong_kind(err, "\"awards\"[" + std::to_string(i) + "]", "an award id string", value[i]);
                options.awards.push_back(value[i].get<std::string>());
            }
        } else if (key == "budget") {
            if (!value.is_number_unsigned() || value.get<std::uint64_t>() == 0)
                return bad_option(err, "\"budget\" must be a positive integer, got " + value.dump());
            options.budget = value.get<std::uint64_t>();
        } else if (key == "explain") {
            if (!value.is_boolean()) return wrong_kind(err, "\"" + key + "\"", "true or false", value);
            options.explain = value.get<bool>();
        } else if (key == "pathways") {
            if (!value.is_boolean()) return wrong_kind(err, "\"" + key + "\"", "true or false", value);
            options.pathways = value.get<bool>();
        } else if (key == "pathway_budget") {
            if (!value.is_number_unsigned() || value.get<std::uint64_t>() == 0)
                return bad_option(err, "\"pathway_budget\" must be a positive integer, got " + value.dump());
            options.pathway_budget = value.get<std::uint64_t>();
        } else {
            std::string hint = credo::dsl::suggest(key, known);
            return bad_option(err, "unknown option \"" + key + "\"" +
                                       (hint.empty() ? std::string() : "; did you mean \"" + hint + "\"?"));
        }
    }
    return CREDO_OK;
}

/// Reads the learner record and decides; on failure reports the learner, award or budget error.
int decide(const credo::engine::Ruleset& rs, std::string_view record, const EvaluateOptions& options,
           credo::engine::Learner& learner, credo::engine::Decision& decision, credo_error** err) {
    credo::engine::LearnerError learner_error;
    if (!credo::engine::read_learner(record, rs, learner, learner_error)) {
        Where where;
        where.pointer = learner_error.pointer;
        return fail(err, CREDO_ERR_LEARNER, learner_error.what(), where);
    }
    EvaluateError error;
    if (credo::engine::evaluate(rs, learner, options, decision, error)) return CREDO_OK;
    switch (error.kind) {
        case EvaluateError::Kind::learner: {
            Where where;
            where.pointer = error.pointer;
            return fail(err, CREDO_ERR_LEARNER, error.message, where);
        }
        case EvaluateError::Kind::award: return fail(err, CREDO_ERR_UNKNOWN_AWARD, error.message);
        case EvaluateError::Kind::budget: return fail(err, CREDO_ERR_BUDGET, error.message);
    }
    return fail(err, CREDO_ERR_INTERNAL, error.message);
}

}  // namespace

extern "C" {

CREDO_API const char* credo_version(void) { return CREDO_LIBRARY_VERSION; }

CREDO_API const char* credo_status_name(int code) {
    switch (code) {
        case CREDO_OK: return "CREDO_OK";
        case CREDO_ERR_INVALID_ARGUMENT: return "CREDO_ERR_INVALID_ARGUMENT";
        case CREDO_ERR_IO: return "CREDO_ERR_IO";
        case CREDO_ERR_RULES: return "CREDO_ERR_RULES";
        case CREDO_ERR_LEARNER: return "CREDO_ERR_LEARNER";
        case CREDO_ERR_OPTIONS: return "CREDO_ERR_OPTIONS";
        case CREDO_ERR_UNKNOWN_AWARD: return "CREDO_ERR_UNKNOWN_AWARD";
        case CREDO_ERR_BUDGET: return "CREDO_ERR_BUDGET";
        case CREDO_ERR_NO_MEMORY: return "CREDO_ERR_NO_MEMORY";
        case CREDO_ERR_INTERNAL: return "CREDO_ERR_INTERNAL";
        default: return "CREDO_ERR_UNKNOWN_CODE";
    }
}

CREDO_API int credo_error_code(const credo_error* e) { return e ? e->code : CREDO_OK; }
CREDO_API const char* credo_error_message(const credo_error* e) { return e ? e->message.c_str() : ""; }
CREDO_API int credo_error_line(const credo_error* e) { return e ? e->line : 0; }
CREDO_API int credo_error_column(const credo_error* e) { return e ? e->column : 0; }
CREDO_API const char* credo_error_file(const credo_error* e) { return e ? e->file.c_str() : ""; }
CREDO_API const char* credo_error_pointer(const credo_error* e) { return e ? e->pointer.c_str() : ""; }
CREDO_API void credo_error_free(credo_error* e) { delete e; }

CREDO_API int credo_ruleset_compile(const char* source, size_t len, const char* name, credo_ruleset** out,
                                    credo_error** err) {
    if (out) *out = nullptr;
    return guarded(err, [&]() -> int {
        constexpr const char* fn = "credo_ruleset_compile";
        if (!source) return null_argument(err, fn, "source");
        if (!out) return null_argument(err, fn, "out");
        std::string_view text(source, len);
        if (int rc = check_utf8(err, fn, "source", text)) return rc;
        std::string file_name = name ? name : "<string>";
        if (int rc = check_utf8(err, fn, "name", file_name)) return rc;
        return finish_compile(credo::engine::compile_text(std::string(text), file_name), file_name, out, err);
    });
}

CREDO_API int credo_ruleset_load(const char* path, credo_ruleset** out, credo_error** err) {
    if (out) *out = nullptr;
    return guarded(err, [&]() -> int {
        constexpr const char* fn = "credo_ruleset_load";
        if (!path) return null_argument(err, fn, "path");
        if (!out) return null_argument(err, fn, "out");
        std::string file = path;
        if (int rc = check_utf8(err, fn, "path", file)) return rc;
        return finish_compile(credo::engine::compile_file(file), file, out, err);
    });
}

CREDO_API void credo_ruleset_free(credo_ruleset* rs) { delete rs; }

CREDO_API const char* credo_ruleset_name(const credo_ruleset* rs) { return rs ? rs->ruleset->name.c_str() : nullptr; }

CREDO_API const char* credo_ruleset_version(const credo_ruleset* rs) {
    return rs ? rs->ruleset->version.c_str() : nullptr;
}

CREDO_API const char* credo_ruleset_digest(const credo_ruleset* rs) {
    return rs ? rs->ruleset->digest.c_str() : nullptr;
}

CREDO_API size_t credo_ruleset_award_count(const credo_ruleset* rs) { return rs ? rs->ruleset->awards.size() : 0; }

CREDO_API const char* credo_ruleset_award_id(const credo_ruleset* rs, size_t i) {
    if (!rs || i >= rs->ruleset->awards.size()) return nullptr;
    return rs->ruleset->awards[i].id.c_str();
}

CREDO_API int credo_evaluate(const credo_ruleset* rs, const char* learner_json, size_t len, const char* options_json,
                             char** decision_json, credo_error** err) {
    if (decision_json) *decision_json = nullptr;
    return guarded(err, [&]() -> int {
        constexpr const char* fn = "credo_evaluate";
        if (!rs) return null_argument(err, fn, "rs");
        if (!learner_json) return null_argument(err, fn, "learner_json");
        if (!decision_json) return null_argument(err, fn, "decision_json");
        std::string_view record(learner_json, len);
        if (int rc = check_utf8(err, fn, "learner_json", record)) return rc;
        if (options_json)
            if (int rc = check_utf8(err, fn, "options_json", options_json)) return rc;
        EvaluateOptions options;
        if (int rc = read_options(options_json, options, err)) return rc;
        const credo::engine::Ruleset& ruleset = *rs->ruleset;
        credo::engine::Learner learner;
        credo::engine::Decision decision;
        if (int rc = decide(ruleset, record, options, learner, decision, err)) return rc;
        *decision_json = malloc_copy(credo::engine::decision_json(ruleset, learner, decision, -1));
        return CREDO_OK;
    });
}

CREDO_API int credo_is_eligible(const credo_ruleset* rs, const char* learner_json, size_t len, const char* award_id,
                                int* eligible, credo_error** err) {
    if (eligible) *eligible = 0;
    return guarded(err, [&]() -> int {
        constexpr const char* fn = "credo_is_eligible";
        if (!rs) return null_argument(err, fn, "rs");
        if (!learner_json) return null_argument(err, fn, "learner_json");
        if (!award_id) return null_argument(err, fn, "award_id");
        if (!eligible) return null_argument(err, fn, "eligible");
        std::string_view record(learner_json, len);
        if (int rc = check_utf8(err, fn, "learner_json", record)) return rc;
        if (int rc = check_utf8(err, fn, "award_id", award_id)) return rc;
        EvaluateOptions options;
        options.awards.emplace_back(award_id);
        options.explain = false;
        options.entry = false;
        options.detail = EvaluateOptions::Detail::eligibility;
        credo::engine::Learner learner;
        credo::engine::Decision decision;
        if (int rc = decide(*rs->ruleset, record, options, learner, decision, err)) return rc;
        if (decision.awards.size() != 1)
            return fail(err, CREDO_ERR_INTERNAL, "the engine decided " + std::to_string(decision.awards.size()) +
                                                     " awards where one was asked for");
        *eligible = decision.awards.front().eligible ? 1 : 0;
        return CREDO_OK;
    });
}

CREDO_API int credo_pathway(const credo_ruleset* rs, const char* learner_json, size_t len, const char* award_id,
                            const char* options_json, char** pathway_json, credo_error** err) {
    if (pathway_json) *pathway_json = nullptr;
    return guarded(err, [&]() -> int {
        constexpr const char* fn = "credo_pathway";
        if (!rs) return null_argument(err, fn, "rs");
        if (!learner_json) return null_argument(err, fn, "learner_json");
        if (!award_id) return null_argument(err, fn, "award_id");
        if (!pathway_json) return null_argument(err, fn, "pathway_json");
        std::string_view record(learner_json, len);
        if (int rc = check_utf8(err, fn, "learner_json", record)) return rc;
        if (int rc = check_utf8(err, fn, "award_id", award_id)) return rc;
        if (options_json)
            if (int rc = check_utf8(err, fn, "options_json", options_json)) return rc;
        EvaluateOptions options;
        if (int rc = read_options(options_json, options, err)) return rc;
        if (!options.awards.empty())
            return bad_option(err, "\"awards\" does not apply to credo_pathway (it plans for award_id)");
        options.awards.emplace_back(award_id);
        options.explain = false;
        options.pathways = true;
        credo::engine::Learner learner;
        credo::engine::Decision decision;
        if (int rc = decide(*rs->ruleset, record, options, learner, decision, err)) return rc;
        const credo::engine::AwardDecision& d = decision.awards.front();
        nlohmann::ordered_json out;
        out["award"] = award_id;
        out["eligible"] = d.eligible;
        out["held"] = d.held;
        out["pathway"] = d.pathway ? credo::engine::pathway_json(*rs->ruleset, *d.pathway) : nlohmann::ordered_json(nullptr);
        *pathway_json = malloc_copy(out.dump() + "\n");
        return CREDO_OK;
    });
}

CREDO_API void credo_string_free(char* s) { std::free(s); }

}  // extern "C"
