// Canonical layout of rule files (`credo fmt`): one declaration or statement per line, comments kept.
//
// The layout, exactly:
// - One declaration per line at column 1. An award or defaults body holds one statement per line,
//   indented 2 spaces per depth; `entry {` opens a nested block the same way. A block header ends
//   in ` {` and its `}` stands alone on a line at the header's depth (an empty block too).
// - Tokens are separated by single spaces, lists by `, `, equivalence sources by ` + `. Numbers
//   print in their shortest form (`5.0` is `5`, `7.50` is `7.5`), whole numbers (levels, counts,
//   durations) without leading zeros, percents as the shortest number then `%`, strings with `"`
//   and `\` escaped, durations as `1 year`, `5 years`, `1 month`, `6 months`. In a prerequisite
//   every `and`/`or` nested in another is wrapped in parentheses (`A or (B and C)`). A requirement
//   ends with ` shared` then ` min grade N`. Nothing is aligned in columns.
// - Comments: an own-line comment stays on its own line before the line that follows it in the
//   source, at that line's indentation (before a `}`, at the indentation of the block's body; at
//   the end of the file, at column 1). A trailing comment stays at the end of the line it trailed,
//   after one space. A comment inside a declaration or statement written over several lines (or
//   inside a block header, before its `{`) trails that declaration's line; when a line collects
//   several such comments, the last one trails it and the others go on their own lines just before
//   it, so comments keep their source order.
// - Blank lines: one blank line where the source had one or more between two lines of the same
//   block (declarations, statements, own-line comments), none where it had none. There is never a
//   blank line at the start of the file, after a `{` or before a `}`, and there is always one
//   before a top-level award or defaults block (before its leading comments) unless it starts the
//   file. The file ends with exactly one newline; a file with nothing in it stays empty.
#include "dsl/formatter.hpp"

#include <algorithm>
#include <cstddef>
#include <variant>

#include "dsl/values.hpp"

namespace credo::dsl {

namespace {

/// One code line of the output, with the span of source it came from.
struct Line {
    int depth = 0;
    std::string text;           ///< without indentation or trailing comment
    std::size_t start = 0;      ///< byte offset of its first token in the source
    std::size_t end = 0;        ///< byte offset just past its last token
    std::uint32_t first_line = 0;
    std::uint32_t last_line = 0;
    bool opens = false;         ///< ends with `{`
    bool closes = false;        ///< is a lone `}`
    bool top_block = false;     ///< the header of a top-level award or defaults block
    std::vector<const ast::Comment*> leading;   ///< own-line comments before it
    std::vector<const ast::Comment*> trailing;  ///< comments that end up on or just before it
};

/// A token of the source outside comments: its byte range and whether it is `}`.
struct Lexeme {
    std::size_t begin;
    std::size_t end;
    bool close_brace;
};

/// White space as the parser's skipper sees it.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Splits the source into lexemes: strings, `{`, `}`, and runs of other characters; comments and
/// white space separate them and are skipped.
std::vector<Lexeme> lex(const std::string& text) {
    std::vector<Lexeme> out;
    std::size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (is_space(c)) {
            ++i;
        } else if (c == '#') {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (c == '"') {
            std::size_t begin = i++;
            while (i < text.size() && text[i] != '"' && text[i] != '\n') i += text[i] == '\\' ? 2 : 1;
            if (i < text.size() && text[i] == '"') ++i;
            i = std::min(i, text.size());
            out.push_back({begin, i, false});
        } else if (c == '{' || c == '}') {
            out.push_back({i, i + 1, c == '}'});
            ++i;
        } else {
            std::size_t begin = i;
            while (i < text.size() && !is_space(text[i]) && text[i] != '#' && text[i] != '"' && text[i] != '{' &&
                   text[i] != '}')
                ++i;
            out.push_back({begin, i, false});
        }
    }
    return out;
}

/// A string literal: the value in quotes, with `"` and `\` escaped.
std::string quoted(const std::string& value) {
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

/// A number (or a whole number) in its shortest form.
std::string number(const ast::Token& token) {
    std::optional<Centi> value = parse_centi(token.text);
    return value ? format_centi(*value) : token.text;
}

/// A selector item as written: a pattern gets its `*` back.
std::string item(const ast::SelectorItem& item) {
    return item.kind == ast::SelectorItem::Kind::pattern ? item.text + "*" : item.text;
}

/// Selector items joined by `, `.
std::string items(const std::vector<ast::SelectorItem>& list) {
    std::string out;
    for (const ast::SelectorItem& i : list) out += (out.empty() ? "" : ", ") + item(i);
    return out;
}

/// `level >= 9`, `credits < 7.5`, `institution MTU`, `basis earned`.
std::string filter(const ast::Filter& f) {
    if (f.op.empty()) return f.field + " " + f.value.text;
    return f.field + " " + f.op + " " + number(f.value);
}

/// ` where F and F...`, or nothing when there are no filters.
std::string filters(const std::vector<ast::Filter>& list) {
    std::string out;
    for (const ast::Filter& f : list) out += (out.empty() ? " where " : " and ") + filter(f);
    return out;
}

/// Items then filters.
std::string selector(const ast::Selector& s) { return items(s.items) + filters(s.filters); }

/// A prerequisite; a nested `and`/`or` is wrapped in parentheses.
std::string prereq(const ast::Prereq& p, bool nested) {
    if (p.op == ast::Prereq::Op::unit) return p.unit;
    const char* joint = p.op == ast::Prereq::Op::all_of ? " and " : " or ";
    std::string out;
    for (const ast::Prereq& term : p.terms) out += (out.empty() ? "" : joint) + prereq(term, true);
    return nested ? "(" + out + ")" : out;
}

/// A constraint statement on one line.
std::string constraint(const ast::Constraint& c) {
    switch (c.kind) {
        case ast::Constraint::Kind::limit_rpl_percent:
            return "limit rpl " + number(c.amount) + "%" + (c.of_taught ? " of taught" : "");
        case ast::Constraint::Kind::limit_rpl_credits:
            return "limit rpl " + number(c.amount) + " credits";
        case ast::Constraint::Kind::limit_rpl_from:
            return "limit rpl " + number(c.amount) + " credits from " + selector(c.selector);
        case ast::Constraint::Kind::limit_from:
            return "limit " + number(c.amount) + " credits from " + selector(c.selector);
        case ast::Constraint::Kind::within: {
            std::string count = number(c.amount);
            return "within " + count + " " + c.period + (count == "1" ? "" : "s") + (c.rpl_only ? " for rpl" : "");
        }
        case ast::Constraint::Kind::min_grade:
            return "min grade " + number(c.amount);
    }
    return "";
}

/// A requirement statement on one line, its tail as ` shared` then ` min grade N`.
std::string requirement(const ast::Requirement& r) {
    std::string out = "require";
    if (r.label) out += " " + quoted(r.label->text);
    switch (r.kind) {
        case ast::Requirement::Kind::all:
            out += " all " + items(r.all);
            break;
        case ast::Requirement::Kind::count_of:
            out += " " + number(r.amount) + " of " + selector(r.selector);
            break;
        case ast::Requirement::Kind::credits_from:
            out += " " + number(r.amount) + " credits from " + selector(r.selector);
            break;
        case ast::Requirement::Kind::award:
            return out + " award " + r.award.text;
    }
    if (r.shared) out += " shared";
    if (r.min_grade) out += " min grade " + number(*r.min_grade);
    return out;
}

/// Lays out one file: collects its code lines in source order, places its comments, then prints.
class Layout {
public:
    Layout(const ast::File& file, const SourceFile& source)
        : file_(file), source_(source), lexemes_(lex(source.text())) {}

    std::string run() {
        for (const ast::Declaration& d : file_.declarations) std::visit([this](const auto& decl) { add(decl); }, d);
        measure_spans();
        place_comments();
        return print();
    }

    /// Lays out award statements alone, at depth 0 (the file holds no comments).
    std::string run(const std::vector<ast::Statement>& statements) {
        add_statements(statements, 0);
        measure_spans();
        return print();
    }

private:
    const ast::File& file_;
    const SourceFile& source_;
    std::vector<Lexeme> lexemes_;
    std::size_t next_lexeme_ = 0;  ///< where to look for the next block's `}`
    std::vector<Line> lines_;
    std::vector<const ast::Comment*> end_comments_;

    /// The offset of the first token at or after `loc`.
    std::size_t offset_of(const ast::Loc& loc) const {
        const std::string& text = source_.text();
        std::size_t i = source_.offset_of(loc);
        while (i < text.size() && (is_space(text[i]) || text[i] == '#')) {
            if (text[i] == '#')
                while (i < text.size() && text[i] != '\n') ++i;
            else
                ++i;
        }
        return i;
    }

    /// Adds a code line that starts at the node at `loc`.
    Line& add_line(int depth, std::string text, const ast::Loc& loc) {
        Line line;
        line.depth = depth;
        line.text = std::move(text);
        line.start = offset_of(loc);
        lines_.push_back(std::move(line));
        return lines_.back();
    }

    /// A `}` line: the first `}` of the source after everything added so far.
    void add_close(int depth) {
        std::size_t after = lines_.empty() ? 0 : lines_.back().start;
        while (next_lexeme_ < lexemes_.size() &&
               (!lexemes_[next_lexeme_].close_brace || lexemes_[next_lexeme_].begin < after))
            ++next_lexeme_;
        Line line;
        line.depth = depth;
        line.text = "}";
        line.closes = true;
        line.start = next_lexeme_ < lexemes_.size() ? lexemes_[next_lexeme_++].begin : source_.text().size();
        lines_.push_back(std::move(line));
    }

    /// Adds an award's or entry block's statements, entry blocks nested one level deeper.
    void add_statements(const std::vector<ast::Statement>& statements, int depth) {
        for (const ast::Statement& s : statements) {
            if (const auto* r = std::get_if<ast::Requirement>(&s)) {
                add_line(depth, requirement(*r), r->loc);
            } else if (const auto* c = std::get_if<ast::Constraint>(&s)) {
                add_line(depth, constraint(*c), c->loc);
            } else if (const auto* e = std::get_if<ast::EntryBlock>(&s)) {
                add_line(depth, "entry {", e->loc).opens = true;
                add_statements(e->statements, depth + 1);
                add_close(depth);
            }
        }
    }

    /// Adds the lines of one declaration (one line, or a block's header, body and `}`).
    void add(const ast::RulesetDecl& d) {
        std::string text = "ruleset " + quoted(d.name.text) + " version " + quoted(d.version.text);
        if (d.effective) text += " effective " + d.effective->text;
        add_line(0, std::move(text), d.loc);
    }

    void add(const ast::IncludeDecl& d) { add_line(0, "include " + quoted(d.path.text), d.loc); }

    void add(const ast::InstitutionDecl& d) {
        add_line(0, "institution " + d.code.text + " " + quoted(d.title.text), d.loc);
    }

    void add(const ast::UnitDecl& d) {
        std::string text = "unit " + d.id.text + " " + quoted(d.title.text) + " credits " + number(d.credits) +
                           " level " + number(d.level);
        if (d.prereq) text += " requires " + prereq(*d.prereq, false);
        if (d.rpl_never) text += " rpl never";
        add_line(0, std::move(text), d.loc);
    }

    void add(const ast::PoolDecl& d) { add_line(0, "pool " + d.name.text + " = " + selector(d.selector), d.loc); }

    void add(const ast::EquivalenceDecl& d) {
        std::string text = "equivalence ";
        if (d.pattern) {
            text += d.pattern->text + "*" + filters(d.filters);
        } else {
            for (std::size_t i = 0; i < d.sources.size(); ++i) text += (i ? " + " : "") + d.sources[i].text;
        }
        text += (d.two_way ? " <=> " : " => ") + d.target.text;
        for (const ast::EquivalenceOption& o : d.options)
            text += " " + o.kind + " " + (o.kind == "min grade" ? number(o.value) : o.value.text);
        add_line(0, std::move(text), d.loc);
    }

    void add(const ast::ExclusiveDecl& d) {
        std::string text = "exclusive ";
        for (std::size_t i = 0; i < d.units.size(); ++i) text += (i ? ", " : "") + d.units[i].text;
        add_line(0, std::move(text), d.loc);
    }

    void add(const ast::DefaultsDecl& d) {
        std::string text = "defaults for class " + d.award_class.text;
        for (std::size_t i = 0; i < d.conditions.size(); ++i) text += (i ? " and " : " ") + filter(d.conditions[i]);
        Line& header = add_line(0, text + " {", d.loc);
        header.opens = true;
        header.top_block = true;
        for (const ast::Constraint& c : d.constraints) add_line(1, constraint(c), c.loc);
        add_close(0);
    }

    void add(const ast::AwardDecl& d) {
        Line& header = add_line(0,
                                "award " + d.id.text + " " + quoted(d.title.text) + " class " + d.award_class.text +
                                    " level " + number(d.level) + " credits " + number(d.credits) + " {",
                                d.loc);
        header.opens = true;
        header.top_block = true;
        add_statements(d.statements, 1);
        add_close(0);
    }

    /// Each line spans from its first token to the last token before the next line's first token.
    void measure_spans() {
        std::size_t k = 0;
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            Line& line = lines_[i];
            std::size_t next = i + 1 < lines_.size() ? lines_[i + 1].start : source_.text().size() + 1;
            line.end = line.start;
            while (k < lexemes_.size() && lexemes_[k].begin < line.start) ++k;
            while (k < lexemes_.size() && lexemes_[k].begin < next) line.end = lexemes_[k++].end;
            line.first_line = source_.loc_of(line.start).line;
            line.last_line = source_.loc_of(line.end > line.start ? line.end - 1 : line.start).line;
        }
    }

    /// Attaches each comment to the line it belongs to (see the layout rules at the top).
    void place_comments() {
        for (const ast::Comment& comment : file_.comments) {
            std::size_t at = source_.offset_of(comment.loc);
            auto after = std::upper_bound(lines_.begin(), lines_.end(), at,
                                          [](std::size_t offset, const Line& line) { return offset < line.start; });
            if (after != lines_.begin()) {
                Line& before = *(after - 1);
                if (at < before.end || !comment.own_line) {
                    before.trailing.push_back(&comment);
                    before.last_line = std::max(before.last_line, comment.loc.line);
                    continue;
                }
            }
            if (after == lines_.end())
                end_comments_.push_back(&comment);
            else
                after->leading.push_back(&comment);
        }
    }

    /// Prints the lines with their comments and the blank lines the rules call for.
    std::string print() const {
        std::string out;
        bool first = true;
        bool after_open = false;
        std::uint32_t previous_last = 0;
        // Emits one output line that came from source lines [first_line, last_line].
        auto emit = [&](int depth, const std::string& text, std::uint32_t first_line, std::uint32_t last_line,
                        bool closes, bool force_blank) {
            if (!first && !after_open && !closes && (force_blank || first_line > previous_last + 1)) out += '\n';
            out.append(static_cast<std::size_t>(depth) * 2, ' ');
            out += text;
            out += '\n';
            first = false;
            previous_last = last_line;
        };
        for (const Line& line : lines_) {
            int comment_depth = line.closes ? line.depth + 1 : line.depth;
            bool force_blank = line.top_block;
            for (const ast::Comment* c : line.leading) {
                emit(comment_depth, c->text, c->loc.line, c->loc.line, false, force_blank);
                force_blank = false;
                after_open = false;
            }
            for (std::size_t i = 0; i + 1 < line.trailing.size(); ++i) {
                emit(comment_depth, line.trailing[i]->text, line.first_line, line.first_line, false, force_blank);
                force_blank = false;
                after_open = false;
            }
            std::string text = line.text;
            if (!line.trailing.empty()) text += " " + line.trailing.back()->text;
            emit(line.depth, text, line.first_line, line.last_line, line.closes, force_blank);
            after_open = line.opens;
        }
        for (const ast::Comment* c : end_comments_) {
            emit(0, c->text, c->loc.line, c->loc.line, false, false);
            after_open = false;
        }
        return out;
    }
};

}  // namespace

std::string format_file(const ast::File& file, const SourceFile& source) { return Layout(file, source).run(); }

namespace {

/// Laid out against an empty source, nodes get no comments and no blank lines.
const SourceFile& no_source() {
    static const SourceFile empty(0, "", "");
    return empty;
}

std::string without_final_newline(std::string text) {
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

}  // namespace

std::string format_declaration(const ast::Declaration& declaration) {
    ast::File file;
    file.declarations.push_back(declaration);
    return without_final_newline(Layout(file, no_source()).run());
}

std::string format_statement(const ast::Statement& statement) {
    ast::File file;
    return without_final_newline(Layout(file, no_source()).run({statement}));
}

}  // namespace credo::dsl
