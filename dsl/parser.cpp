// Declaration-by-declaration parsing with readable syntax errors and resumption.
#include "dsl/parser.hpp"

#include <algorithm>
#include <set>

#include "dsl/grammar.hpp"

namespace credo::dsl {

namespace x3 = boost::spirit::x3;
using grammar::iterator_type;
using grammar::Skipper;

const std::vector<std::string>& declaration_keywords() {
    static const std::vector<std::string> words = {"ruleset", "include", "institution", "unit", "pool",
                                                   "equivalence", "exclusive", "defaults", "award"};
    return words;
}

namespace {

const std::vector<std::string>& statement_keywords() {
    static const std::vector<std::string> words = {"require", "limit", "within", "min", "entry"};
    return words;
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_token_char(char c) { return is_word_char(c) || c == ':' || c == '*' || c == '.' || c == '%'; }

/// The lower-case word at `it` (letters and '-'), or empty.
std::string leading_word(iterator_type it, iterator_type end) {
    iterator_type start = it;
    while (it != end && ((*it >= 'a' && *it <= 'z') || *it == '-')) ++it;
    if (it != end && is_word_char(*it)) return std::string(start, it) + "?";  // not a plain keyword
    return std::string(start, it);
}

/// The token at `it` as the user wrote it, for "got ..." in messages.
std::string describe_token(iterator_type it, iterator_type end) {
    it = Skipper::skip(it, end);
    if (it == end) return "end of file";
    iterator_type start = it;
    if (*it == '"') {
        ++it;
        while (it != end && *it != '"' && *it != '\n') it += (*it == '\\' && it + 1 != end) ? 2 : 1;
        if (it != end && *it == '"') ++it;
    } else if (is_token_char(*it)) {
        while (it != end && is_token_char(*it)) ++it;
    } else {
        static const char* const operators[] = {"<=>", "=>", ">=", "<="};
        for (const char* op : operators) {
            std::size_t n = std::char_traits<char>::length(op);
            if (static_cast<std::size_t>(end - it) >= n && std::equal(op, op + n, it)) return std::string("'") + op + "'";
        }
        ++it;
        while (it != end && (static_cast<unsigned char>(*it) & 0xC0) == 0x80) ++it;  // whole code point
    }
    std::string token(start, it);
    if (token.size() > 40) token = token.substr(0, 37) + "...";
    return "'" + token + "'";
}

/// The first line at or after `from`'s line, starting after `after`, whose first word is a
/// top-level keyword or that starts with a word in its first column (likely a mistyped
/// declaration); `end` when there is none.
iterator_type resume_point(iterator_type begin, iterator_type end, iterator_type from, iterator_type after) {
    iterator_type line = from;
    while (line != begin && line[-1] != '\n') --line;
    for (;;) {
        if (line > after) {
            iterator_type word = line;
            while (word != end && (*word == ' ' || *word == '\t')) ++word;
            std::string w = leading_word(word, end);
            const auto& keywords = declaration_keywords();
            if (std::find(keywords.begin(), keywords.end(), w) != keywords.end()) return word;
            if (word == line && word != end && is_word_char(*word) && w != "require") return word;
        }
        line = std::find(line, end, '\n');
        if (line == end) return end;
        ++line;
    }
}

/// The opening quote of the string left open on the line that holds `where`.
iterator_type open_quote(iterator_type begin, iterator_type where) {
    iterator_type line = where;
    while (line != begin && line[-1] != '\n') --line;
    iterator_type open = where;
    bool in_string = false;
    for (iterator_type i = line; i < where; ++i) {
        if (!in_string && *i == '#') break;
        if (in_string && *i == '\\') {
            ++i;
            continue;
        }
        if (*i == '"') {
            in_string = !in_string;
            if (in_string) open = i;
        }
    }
    return open;
}

/// Collects comments, skipping over strings.
std::vector<ast::Comment> collect_comments(const SourceFile& file) {
    std::vector<ast::Comment> comments;
    const std::string& text = file.text();
    bool line_has_code = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') {
            line_has_code = false;
        } else if (c == '"') {
            line_has_code = true;
            for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i)
                if (text[i] == '\\') ++i;
            if (i < text.size() && text[i] == '\n') line_has_code = false;
        } else if (c == '#') {
            std::size_t stop = text.find('\n', i);
            if (stop == std::string::npos) stop = text.size();
            std::string body = text.substr(i, stop - i);
            while (!body.empty() && (body.back() == '\r' || body.back() == ' ' || body.back() == '\t')) body.pop_back();
            comments.push_back(ast::Comment{file.loc_of(i), std::move(body), !line_has_code});
            i = stop - 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            line_has_code = true;
        }
    }
    return comments;
}

/// Turns single-term `and`/`or` nodes into their term.
void simplify(ast::Prereq& p) {
    for (ast::Prereq& t : p.terms) simplify(t);
    if (p.op != ast::Prereq::Op::unit && p.terms.size() == 1) {
        ast::Prereq only = std::move(p.terms.front());
        p = std::move(only);
    }
}

template <typename Decl, typename Rule>
bool parse_one(Rule const& rule, iterator_type& it, iterator_type end, grammar::ParseState& state,
               ast::File& out) {
    Decl decl;
    if (!x3::phrase_parse(it, end, x3::with<grammar::state_tag>(state)[rule], Skipper{}, decl)) return false;
    if constexpr (std::is_same_v<Decl, ast::UnitDecl>) {
        if (decl.prereq) simplify(*decl.prereq);
    }
    out.declarations.emplace_back(std::move(decl));
    return true;
}

bool parse_declaration(const std::string& word, iterator_type& it, iterator_type end, grammar::ParseState& state,
                       ast::File& out) {
    if (word == "ruleset") return parse_one<ast::RulesetDecl>(grammar::ruleset_decl(), it, end, state, out);
    if (word == "include") return parse_one<ast::IncludeDecl>(grammar::include_decl(), it, end, state, out);
    if (word == "institution") return parse_one<ast::InstitutionDecl>(grammar::institution_decl(), it, end, state, out);
    if (word == "unit") return parse_one<ast::UnitDecl>(grammar::unit_decl(), it, end, state, out);
    if (word == "pool") return parse_one<ast::PoolDecl>(grammar::pool_decl(), it, end, state, out);
    if (word == "equivalence") return parse_one<ast::EquivalenceDecl>(grammar::equivalence_decl(), it, end, state, out);
    if (word == "exclusive") return parse_one<ast::ExclusiveDecl>(grammar::exclusive_decl(), it, end, state, out);
    if (word == "defaults") return parse_one<ast::DefaultsDecl>(grammar::defaults_decl(), it, end, state, out);
    if (word == "award") return parse_one<ast::AwardDecl>(grammar::award_decl(), it, end, state, out);
    return false;
}

std::string syntax_message(const std::string& which, iterator_type where, iterator_type end) {
    std::string got = describe_token(where, end);
    std::string message = "expected " + which + ", got " + got;
    if (which.rfind("a statement", 0) == 0 && got.size() > 2 && got != "end of file") {
        std::string hint = suggest(got.substr(1, got.size() - 2), statement_keywords());
        if (!hint.empty()) message += "; did you mean '" + hint + "'?";
    }
    return message;
}

}  // namespace

ast::File parse_file(const SourceFile& file, Diagnostics& diagnostics) {
    ast::File out;
    out.index = file.index();
    out.comments = collect_comments(file);
    Diagnostics found;
    const char* begin = file.text().data();
    const char* end = begin + file.text().size();
    grammar::ParseState state{&file, begin, &found};
    iterator_type it = begin;
    for (;;) {
        it = Skipper::skip(it, end);
        if (it == end) break;
        iterator_type start = it;
        std::string word = leading_word(it, end);
        const auto& keywords = declaration_keywords();
        if (std::find(keywords.begin(), keywords.end(), word) == keywords.end()) {
            std::string got = describe_token(it, end);
            std::string hint = suggest(got.substr(1, got.size() - 2), keywords);
            found.error(file.loc_of(static_cast<std::size_t>(it - begin)),
                        hint.empty() ? "expected a declaration (ruleset, include, institution, unit, pool, "
                                       "equivalence, exclusive, defaults or award), got " + got
                                     : "unknown declaration " + got + "; did you mean '" + hint + "'?");
            it = resume_point(begin, end, it, start);
            continue;
        }
        try {
            if (!parse_declaration(word, it, end, state, out)) {
                found.error(file.loc_of(static_cast<std::size_t>(start - begin)),
                            "malformed " + word + " declaration");
                it = resume_point(begin, end, start, start);
            }
        } catch (const x3::expectation_failure<iterator_type>& e) {
            iterator_type where = Skipper::skip(e.where(), end);
            if (e.which() == "closing quote") {
                iterator_type quote = open_quote(begin, e.where());
                found.error(file.loc_of(static_cast<std::size_t>(quote - begin)),
                            "unterminated string: add a closing '\"' on the same line");
            } else {
                found.error(file.loc_of(static_cast<std::size_t>(where - begin)), syntax_message(e.which(), where, end));
            }
            it = resume_point(begin, end, where, start);
        }
    }
    // A token re-read on backtracking may have reported the same problem twice.
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> seen;
    for (Diagnostic& d : found.list())
        if (seen.insert({d.loc.line, d.loc.column, d.message}).second) diagnostics.add(std::move(d));
    return out;
}

}  // namespace credo::dsl
