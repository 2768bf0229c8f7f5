// Writing a simulation's result as Markdown, JSON, CSV rows and a self-contained HTML page.
#include "tools/credo/simulate_report.hpp"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace credo::tools {

namespace {

/// `1 learner`, `2 learners`.
std::string count_of(std::uint64_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

/// A Markdown code span (two backticks when the text holds one).
std::string code(const std::string& text) {
    if (text.find('`') == std::string::npos) return "`" + text + "`";
    return "`` " + text + " ``";
}

/// A Markdown table cell: `|` escaped.
std::string cell(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}

/// Text safe inside HTML elements and attribute values.
std::string html(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

/// A count for a side the award is absent from: `-`.
std::string side_count(bool present, std::uint64_t n) { return present ? std::to_string(n) : "-"; }

/// `MTU:X`, `MTU:X (added)` or `MTU:X (removed)`.
std::string award_label(const AwardOutcome& a) {
    if (!a.in_before) return a.id + " (added)";
    if (!a.in_after) return a.id + " (removed)";
    return a.id;
}

/// `4 lost`, `2 gained, 1 lost`.
std::string movement(const AwardOutcome& a) {
    std::string out;
    if (a.gained) out += std::to_string(a.gained) + " gained";
    if (a.lost) out += (out.empty() ? "" : ", ") + std::to_string(a.lost) + " lost";
    return out;
}

bool moved(const AwardOutcome& a) { return a.gained || a.lost; }

/// `the first 3 of 4, in cohort order` or `in cohort order` when all are listed.
std::string example_note(std::size_t listed, std::uint64_t total) {
    if (listed == total) return "in cohort order";
    return "the first " + std::to_string(listed) + " of " + std::to_string(total) + ", in cohort order";
}

std::string ruleset_line(const char* side, const RulesetInfo& r) {
    return "| " + std::string(side) + " | " + code(r.path) + " | " + cell(r.name) + " | " + cell(r.version) + " | " +
           code(r.digest) + " |\n";
}

std::string cohort_sentence(const Simulation& s) {
    std::string out = "Cohort " + (s.cohort == "-" ? std::string("on standard input") : code(s.cohort)) + ": " +
                      count_of(s.learners, "learner") + " decided under both rulesets";
    if (s.bad) out += "; " + count_of(s.bad, "line") + " not read or decided";
    out += ".";
    if (s.as_of) out += " Decided as of " + *s.as_of + ".";
    return out;
}

void markdown_examples(std::string& out, const char* what, const std::vector<ExampleLearner>& examples,
                       std::uint64_t total) {
    if (!total) return;
    out += std::string(what) + ", " + example_note(examples.size(), total) + ":\n\n";
    for (const ExampleLearner& e : examples) out += "- line " + std::to_string(e.line) + ": " + code(e.learner) + "\n";
    out += "\n";
}

nlohmann::ordered_json ruleset_json(const RulesetInfo& r) {
    return nlohmann::ordered_json{{"file", r.path}, {"name", r.name}, {"version", r.version}, {"digest", r.digest}};
}

nlohmann::ordered_json examples_json(const std::vector<ExampleLearner>& examples) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ExampleLearner& e : examples) list.push_back({{"line", e.line}, {"learner", e.learner}});
    return list;
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string site_text(const RuleSite& s) { return s.file + ":" + std::to_string(s.line); }

/// A change without a leading sign (so that no spreadsheet reads it as a formula).
std::string change_words(const RuleChange& c) {
    std::string prefix = c.block.empty() ? "" : c.block + ": ";
    switch (c.change) {
        case RuleChange::Change::added: return "added: " + prefix + c.after->text;
        case RuleChange::Change::removed: return "removed: " + prefix + c.before->text;
        case RuleChange::Change::changed: return "changed: " + prefix + c.before->text + " -> " + c.after->text;
    }
    return "";
}

std::string change_sites(const RuleChange& c) {
    switch (c.change) {
        case RuleChange::Change::added: return site_text(*c.after) + " (added)";
        case RuleChange::Change::removed: return site_text(*c.before) + " (removed)";
        case RuleChange::Change::changed: return site_text(*c.before) + " -> " + site_text(*c.after);
    }
    return "";
}

/// The chart: one row per award that gained or lost learners, losses to the left of the axis in
/// red, gains to the right in green, each bar with its count; the largest count is 220 pixels.
std::string chart_svg(const Simulation& s) {
    std::vector<const AwardOutcome*> rows;
    std::uint64_t largest = 0;
    std::size_t label_chars = 0;
    for (const AwardOutcome& a : s.awards) {
        if (!moved(a)) continue;
        rows.push_back(&a);
        largest = std::max({largest, a.gained, a.lost});
        label_chars = std::max(label_chars, award_label(a).size());
    }
    const int row = 26, bar = 16, top = 34, half = 220, gap = 40;
    const int label_width = static_cast<int>(label_chars) * 8 + 16;
    const int axis = label_width + gap + half;
    const int width = axis + half + gap;
    const int height = top + static_cast<int>(std::max<std::size_t>(rows.size(), 1)) * row + 8;
    std::string out = "<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) +
                      "\" role=\"img\" aria-label=\"Learners who gained and lost each award\" "
                      "font-family=\"sans-serif\" font-size=\"13\">\n";
    out += "<text x=\"" + std::to_string(axis - 8) + "\" y=\"18\" text-anchor=\"end\" fill=\"#b03a2e\">&#8592; lost</text>\n";
    out += "<text x=\"" + std::to_string(axis + 8) + "\" y=\"18\" fill=\"#1e7b34\">gained &#8594;</text>\n";
    if (rows.empty()) {
        out += "<text x=\"" + std::to_string(axis) + "\" y=\"" + std::to_string(top + 17) +
               "\" text-anchor=\"middle\" fill=\"#555\">no learner gained or lost an award</text>\n";
    }
    // The axis first, so that the bars are drawn over it whole.
    out += "<line x1=\"" + std::to_string(axis) + "\" y1=\"" + std::to_string(top - 6) + "\" x2=\"" +
           std::to_string(axis) + "\" y2=\"" + std::to_string(height - 4) + "\" stroke=\"#333\" stroke-width=\"1\"/>\n";
    auto length = [&](std::uint64_t n) {
        return static_cast<int>((n * static_cast<std::uint64_t>(half) + largest / 2) / largest);
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const AwardOutcome& a = *rows[i];
        const int y = top + static_cast<int>(i) * row;
        const std::string bar_y = std::to_string(y + (row - bar) / 2);
        const std::string text_y = std::to_string(y + row / 2 + 5);
        out += "<text x=\"" + std::to_string(label_width) + "\" y=\"" + text_y + "\" text-anchor=\"end\">" +
               html(award_label(a)) + "</text>\n";
        if (a.lost) {
            int w = std::max(length(a.lost), 1);
            out += "<rect class=\"lost\" x=\"" + std::to_string(axis - w) + "\" y=\"" + bar_y + "\" width=\"" +
                   std::to_string(w) + "\" height=\"" + std::to_string(bar) + "\" fill=\"#c0392b\"><title>" +
                   html(a.id) + ": " + std::to_string(a.lost) + " lost</title></rect>\n";
            out += "<text x=\"" + std::to_string(axis - w - 6) + "\" y=\"" + text_y + "\" text-anchor=\"end\">" +
                   std::to_string(a.lost) + "</text>\n";
        }
        if (a.gained) {
            int w = std::max(length(a.gained), 1);
            out += "<rect class=\"gained\" x=\"" + std::to_string(axis) + "\" y=\"" + bar_y + "\" width=\"" +
                   std::to_string(w) + "\" height=\"" + std::to_string(bar) + "\" fill=\"#27ae60\"><title>" +
                   html(a.id) + ": " + std::to_string(a.gained) + " gained</title></rect>\n";
            out += "<text x=\"" + std::to_string(axis + w + 6) + "\" y=\"" + text_y + "\">" +
                   std::to_string(a.gained) + "</text>\n";
        }
    }
    out += "</svg>\n";
    return out;
}

void html_examples(std::string& out, const char* what, const std::vector<ExampleLearner>& examples,
                   std::uint64_t total) {
    if (!total) return;
    out += "<p>" + std::string(what) + ", " + example_note(examples.size(), total) + ":</p>\n<ul>\n";
    for (const ExampleLearner& e : examples)
        out += "<li>line " + std::to_string(e.line) + ": <code>" + html(e.learner) + "</code></li>\n";
    out += "</ul>\n";
}

const char* kStyle =
    "body{font-family:sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
    "td.n{text-align:right}code{font-family:monospace;background:#f4f4f4;padding:0 .2em}"
    "h2{margin-top:1.6em;border-bottom:1px solid #ddd}";

}  // namespace

std::string simulation_markdown(const Simulation& s) {
    std::string out = "# Simulation: " + s.before.path + " -> " + s.after.path + "\n\n";
    out += "| | file | ruleset | version | digest |\n|---|---|---|---|---|\n";
    out += ruleset_line("before", s.before) + ruleset_line("after", s.after) + "\n";
    out += cohort_sentence(s) + "\n\n";

    out += "## Rule changes\n\n";
    if (s.changes.empty()) {
        out += "None: the two rulesets are the same, construct by construct.\n\n";
    } else {
        out += count_of(s.changes.size(), "change") + ", as `credo diff` prints them:\n\n";
        for (const RuleChange& c : s.changes) out += "- " + code(change_text(c)) + "\n";
        out += "\n";
    }

    out += "## Awards\n\n";
    out += "| award | title | eligible before | eligible after | gained | lost |\n|---|---|---:|---:|---:|---:|\n";
    for (const AwardOutcome& a : s.awards)
        out += "| " + cell(award_label(a)) + " | " + cell(a.title) + " | " + side_count(a.in_before, a.eligible_before) +
               " | " + side_count(a.in_after, a.eligible_after) + " | " + std::to_string(a.gained) + " | " +
               std::to_string(a.lost) + " |\n";
    out += "\n";

    bool any_moved = false;
    for (const AwardOutcome& a : s.awards) {
        if (!moved(a)) continue;
        any_moved = true;
        out += "## " + award_label(a) + ": " + movement(a) + "\n\n";
        if (a.changes.empty()) {
            out += "Rule changes that can affect it: none found.\n\n";
        } else {
            out += "Rule changes that can affect it:\n\n";
            for (std::size_t i : a.changes) out += "- " + code(change_text(s.changes[i])) + "\n";
            out += "\n";
        }
        markdown_examples(out, "Gained", a.gained_examples, a.gained);
        markdown_examples(out, "Lost", a.lost_examples, a.lost);
    }
    if (!any_moved) out += "No learner's eligibility changed.\n\n";

    if (s.bad) {
        out += "## Lines not read or decided\n\n";
        out += count_of(s.bad, "line") +
               (s.bad > s.bad_lines.size() ? ", the first " + std::to_string(s.bad_lines.size()) + " listed" : "") +
               ":\n\n";
        for (const BadLine& b : s.bad_lines) out += "- line " + std::to_string(b.line) + ": " + b.error + "\n";
        out += "\n";
    }
    out.pop_back();  // one newline at the end
    return out;
}

std::string simulation_json(const Simulation& s) {
    nlohmann::ordered_json root;
    root["before"] = ruleset_json(s.before);
    root["after"] = ruleset_json(s.after);
    root["cohort"] = s.cohort;
    root["as_of"] = s.as_of ? nlohmann::ordered_json(*s.as_of) : nlohmann::ordered_json(nullptr);
    root["learners"] = s.learners;
    root["bad_lines"] = s.bad;
    nlohmann::ordered_json changes = nlohmann::ordered_json::array();
    for (const RuleChange& c : s.changes) changes.push_back(change_json(c));
    root["changes"] = std::move(changes);
    nlohmann::ordered_json awards = nlohmann::ordered_json::array();
    for (const AwardOutcome& a : s.awards) {
        nlohmann::ordered_json j;
        j["award"] = a.id;
        j["title"] = a.title;
        j["in_before"] = a.in_before;
        j["in_after"] = a.in_after;
        j["eligible_before"] = a.in_before ? nlohmann::ordered_json(a.eligible_before) : nlohmann::ordered_json(nullptr);
        j["eligible_after"] = a.in_after ? nlohmann::ordered_json(a.eligible_after) : nlohmann::ordered_json(nullptr);
        j["gained"] = a.gained;
        j["lost"] = a.lost;
        j["rule_changes"] = a.changes;
        j["gained_examples"] = examples_json(a.gained_examples);
        j["lost_examples"] = examples_json(a.lost_examples);
        awards.push_back(std::move(j));
    }
    root["awards"] = std::move(awards);
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    for (const BadLine& b : s.bad_lines) errors.push_back({{"line", b.line}, {"error", b.error}});
    root["errors"] = std::move(errors);
    return root.dump(2) + "\n";
}

std::string simulation_html(const Simulation& s) {
    const std::string title = "Simulation: " + s.before.path + " -> " + s.after.path;
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html(title) +
                      "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    out += "<h1>" + html(title) + "</h1>\n";
    out += "<table>\n<tr><th></th><th>file</th><th>ruleset</th><th>version</th><th>digest</th></tr>\n";
    for (auto [side, r] : {std::pair<const char*, const RulesetInfo*>{"before", &s.before}, {"after", &s.after}})
        out += "<tr><th>" + std::string(side) + "</th><td><code>" + html(r->path) + "</code></td><td>" + html(r->name) +
               "</td><td>" + html(r->version) + "</td><td><code>" + html(r->digest) + "</code></td></tr>\n";
    out += "</table>\n";
    std::string cohort = "Cohort " + (s.cohort == "-" ? std::string("on standard input") : "<code>" + html(s.cohort) + "</code>") +
                         ": " + count_of(s.learners, "learner") + " decided under both rulesets";
    if (s.bad) cohort += "; " + count_of(s.bad, "line") + " not read or decided";
    cohort += ".";
    if (s.as_of) cohort += " Decided as of " + html(*s.as_of) + ".";
    out += "<p>" + cohort + "</p>\n";

    out += "<h2>Gains and losses per award</h2>\n" + chart_svg(s);
    std::size_t still = static_cast<std::size_t>(std::count_if(s.awards.begin(), s.awards.end(),
                                                               [](const AwardOutcome& a) { return !moved(a); }));
    if (still && still < s.awards.size())
        out += "<p>Not drawn: " + count_of(still, "award") + " no learner gained or lost.</p>\n";

    out += "<h2>Awards</h2>\n<table>\n<tr><th>award</th><th>title</th><th>eligible before</th><th>eligible after</th>"
           "<th>gained</th><th>lost</th></tr>\n";
    for (const AwardOutcome& a : s.awards)
        out += "<tr><td>" + html(award_label(a)) + "</td><td>" + html(a.title) + "</td><td class=\"n\">" +
               side_count(a.in_before, a.eligible_before) + "</td><td class=\"n\">" +
               side_count(a.in_after, a.eligible_after) + "</td><td class=\"n\">" + std::to_string(a.gained) +
               "</td><td class=\"n\">" + std::to_string(a.lost) + "</td></tr>\n";
    out += "</table>\n";

    out += "<h2>Rule changes</h2>\n";
    if (s.changes.empty()) {
        out += "<p>None: the two rulesets are the same, construct by construct.</p>\n";
    } else {
        out += "<ul>\n";
        for (const RuleChange& c : s.changes) out += "<li><code>" + html(change_text(c)) + "</code></li>\n";
        out += "</ul>\n";
    }

    bool any_moved = false;
    for (const AwardOutcome& a : s.awards) {
        if (!moved(a)) continue;
        any_moved = true;
        out += "<h2>" + html(award_label(a)) + ": " + movement(a) + "</h2>\n";
        if (a.changes.empty()) {
            out += "<p>Rule changes that can affect it: none found.</p>\n";
        } else {
            out += "<p>Rule changes that can affect it:</p>\n<ul>\n";
            for (std::size_t i : a.changes) out += "<li><code>" + html(change_text(s.changes[i])) + "</code></li>\n";
            out += "</ul>\n";
        }
        html_examples(out, "Gained", a.gained_examples, a.gained);
        html_examples(out, "Lost", a.lost_examples, a.lost);
    }
    if (!any_moved) out += "<p>No learner's eligibility changed.</p>\n";

    if (s.bad) {
        out += "<h2>Lines not read or decided</h2>\n<p>" + count_of(s.bad, "line") +
               (s.bad > s.bad_lines.size() ? ", the first " + std::to_string(s.bad_lines.size()) + " listed" : "") +
               ":</p>\n<ul>\n";
        for (const BadLine& b : s.bad_lines)
            out += "<li>line " + std::to_string(b.line) + ": " + html(b.error) + "</li>\n";
        out += "</ul>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

std::string csv_header() { return "line,learner,award,before,after,rule_lines,rule_changes\n"; }

std::string csv_rule_fields(const Simulation& s, const AwardOutcome& a) {
    std::string lines, words;
    for (std::size_t i : a.changes) {
        lines += (lines.empty() ? "" : "; ") + change_sites(s.changes[i]);
        words += (words.empty() ? "" : "; ") + change_words(s.changes[i]);
    }
    return csv_field(lines) + "," + csv_field(words);
}

std::string csv_row(std::uint64_t line, const std::string& learner, const std::string& award, const char* before,
                    const char* after, const std::string& rule_fields) {
    return std::to_string(line) + "," + csv_field(learner) + "," + csv_field(award) + "," + before + "," + after + "," +
           rule_fields + "\n";
}

}  // namespace credo::tools
