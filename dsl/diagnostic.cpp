// Diagnostic collection, clang-style rendering, JSON rendering and did-you-mean suggestions.
#include "dsl/diagnostic.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "dsl/source.hpp"

namespace credo::dsl {

void Diagnostics::error(ast::Loc loc, std::string message, std::vector<Note> notes) {
    list_.push_back(Diagnostic{Severity::error, std::move(message), loc, std::move(notes)});
}

void Diagnostics::warning(ast::Loc loc, std::string message, std::vector<Note> notes) {
    list_.push_back(Diagnostic{Severity::warning, std::move(message), loc, std::move(notes)});
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(list_.begin(), list_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::error;
    }));
}

std::size_t Diagnostics::warning_count() const {
    return static_cast<std::size_t>(std::count_if(list_.begin(), list_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::warning;
    }));
}

void Diagnostics::sort() {
    std::stable_sort(list_.begin(), list_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.loc.file != b.loc.file) return a.loc.file < b.loc.file;
        if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
        return a.loc.column < b.loc.column;
    });
}

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::note: return "note";
    }
    return "error";
}

namespace {

const SourceFile* file_of(const ast::Loc& loc, const std::vector<SourceFile>& files) {
    return loc.file < files.size() ? &files[loc.file] : nullptr;
}

void render(std::string& out, Severity severity, const std::string& message, bool has_loc, ast::Loc loc,
            const std::vector<SourceFile>& files) {
    const SourceFile* file = has_loc ? file_of(loc, files) : nullptr;
    if (file) {
        out += file->path();
        if (loc.line > 0) out += ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
        out += ": ";
    }
    out += severity_name(severity);
    out += ": ";
    out += message;
    out += '\n';
    if (!file || loc.line == 0) return;
    std::string_view line = file->line_text(loc.line);
    out.append(line.data(), line.size());
    out += '\n';
    // Caret under the column: keep tabs so the caret lines up in a terminal.
    std::uint32_t column = 1;
    for (std::size_t i = 0; i < line.size() && column < loc.column; ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;
        out += c == '\t' ? '\t' : ' ';
        ++column;
    }
    while (column++ < loc.column) out += ' ';
    out += "^\n";
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d, const std::vector<SourceFile>& files) {
    std::string out;
    render(out, d.severity, d.message, true, d.loc, files);
    for (const Note& n : d.notes) render(out, Severity::note, n.message, n.has_loc, n.loc, files);
    return out;
}

std::string diagnostics_json(const std::vector<Diagnostic>& list, const std::vector<SourceFile>& files) {
    auto position = [&](nlohmann::ordered_json& j, bool has_loc, const ast::Loc& loc) {
        const SourceFile* file = has_loc ? file_of(loc, files) : nullptr;
        j["file"] = file ? nlohmann::ordered_json(file->path()) : nlohmann::ordered_json(nullptr);
        j["line"] = file && loc.line ? nlohmann::ordered_json(loc.line) : nlohmann::ordered_json(nullptr);
        j["column"] = file && loc.line ? nlohmann::ordered_json(loc.column) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Diagnostic& d : list) {
        nlohmann::ordered_json j;
        position(j, true, d.loc);
        j["severity"] = severity_name(d.severity);
        j["message"] = d.message;
        nlohmann::ordered_json notes = nlohmann::ordered_json::array();
        for (const Note& n : d.notes) {
            nlohmann::ordered_json jn;
            position(jn, n.has_loc, n.loc);
            jn["message"] = n.message;
            notes.push_back(std::move(jn));
        }
        j["notes"] = std::move(notes);
        out.push_back(std::move(j));
    }
    return out.dump(2) + "\n";
}

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters each cost one.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, row);
    }
    return previous[b.size()];
}

}  // namespace

std::string suggest(const std::string& word, const std::vector<std::string>& candidates) {
    // Close enough: at most a third of the word's length in edits (at least one, at most three).
    std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    std::string best;
    std::size_t best_distance = limit + 1;
    for (const std::string& c : candidates) {
        std::size_t d = edit_distance(word, c);
        if (d < best_distance || (d == best_distance && !best.empty() && c < best)) {
            best = c;
            best_distance = d;
        }
    }
    return best_distance <= limit ? best : std::string();
}

}  // namespace credo::dsl
