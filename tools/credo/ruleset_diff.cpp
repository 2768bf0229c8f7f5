// Structural difference of two rulesets: constructs keyed, then compared by canonical text.
#include "tools/credo/ruleset_diff.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <variant>

#include <nlohmann/json.hpp>

#include "dsl/formatter.hpp"

namespace credo::tools {

namespace {

/// Where a construct sorts: its section (defaults blocks, awards), its group within the section
/// (the block's header, the award's id), its kind, its key.
using SortKey = std::tuple<RuleKind, std::string, RuleKind, std::string>;

struct Entry {
    RuleKind kind;
    std::string block;
    std::string award;
    std::string key;
    RuleSite site;
};

/// Several lines of canonical text on one: `{` and `}` joined by a space, statements by `; `
/// (an empty entry block is `entry { }`).
std::string one_line(const std::string& text) {
    std::string out;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(begin, end - begin);
        line.erase(0, line.find_first_not_of(' '));
        if (!out.empty()) out += out.back() == '{' || line == "}" ? " " : "; ";
        out += line;
        begin = end + 1;
    }
    return out;
}

/// The first line of a block's canonical text, without ` {`.
std::string header(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() >= 2 && line.compare(line.size() - 2, 2, " {") == 0) line.resize(line.size() - 2);
    return line;
}

/// A constraint's key: its words before the amount, then ` from SELECTOR` for a limit on a selector.
std::string constraint_key(const std::string& text) {
    std::string key;
    std::size_t at = 0;
    while (at < text.size() && !(text[at] >= '0' && text[at] <= '9')) ++at;
    key = text.substr(0, at);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    std::size_t from = text.find(" from ");
    if (from != std::string::npos) key += text.substr(from);
    return key;
}

/// A requirement's key (label or text), a constraint's (see constraint_key), or `entry`.
std::string statement_key(const dsl::ast::Statement& statement, const std::string& text) {
    if (const auto* r = std::get_if<dsl::ast::Requirement>(&statement)) return r->label ? r->label->text : text;
    if (std::holds_alternative<dsl::ast::Constraint>(statement)) return constraint_key(text);
    return "entry";
}

/// Every keyed construct of one program.
class Collector {
public:
    explicit Collector(const dsl::Program& program) : program_(program) {
        for (const dsl::ast::File& file : program.asts)
            for (const dsl::ast::Declaration& d : file.declarations)
                std::visit([this, &d](const auto& decl) { add(decl, d); }, d);
    }

    std::map<SortKey, Entry> entries;

private:
    const dsl::Program& program_;

    RuleSite site(std::string text, const dsl::ast::Loc& loc) const {
        std::string file = loc.file < program_.files.size() ? program_.files[loc.file].path() : std::string();
        return RuleSite{std::move(text), std::move(file), loc.line};
    }

    /// A declaration.
    void put(RuleKind kind, std::string key, RuleSite where) {
        put(kind, kind, "", Entry{kind, "", "", std::move(key), std::move(where)});
    }

    void put(RuleKind kind, RuleKind section, const std::string& group, Entry entry) {
        std::string key = entry.key;
        for (int n = 2; entries.count(SortKey{section, group, kind, entry.key}); ++n)
            entry.key = key + " #" + std::to_string(n);
        SortKey sort{section, group, kind, entry.key};
        entries.emplace(std::move(sort), std::move(entry));
    }

    /// An award's statement (`block` is `award ID` or `award ID entry`).
    void put_statement(RuleKind kind, const std::string& award, const std::string& block,
                       const dsl::ast::Statement& statement) {
        std::string text = dsl::format_statement(statement);
        dsl::ast::Loc loc = std::visit([](const auto& node) { return node.loc; }, statement);
        std::string key = statement_key(statement, text);
        put(kind, RuleKind::award, award, Entry{kind, block, award, std::move(key), site(one_line(text), loc)});
    }

    void add(const dsl::ast::RulesetDecl& d, const dsl::ast::Declaration& whole) {
        put(RuleKind::ruleset, "ruleset", site(dsl::format_declaration(whole), d.loc));
    }
    void add(const dsl::ast::IncludeDecl&, const dsl::ast::Declaration&) {}
    void add(const dsl::ast::InstitutionDecl& d, const dsl::ast::Declaration& whole) {
        put(RuleKind::institution, d.code.text, site(dsl::format_declaration(whole), d.loc));
    }
    void add(const dsl::ast::UnitDecl& d, const dsl::ast::Declaration& whole) {
        put(RuleKind::unit, d.id.text, site(dsl::format_declaration(whole), d.loc));
    }
    void add(const dsl::ast::PoolDecl& d, const dsl::ast::Declaration& whole) {
        put(RuleKind::pool, d.name.text, site(dsl::format_declaration(whole), d.loc));
    }
    void add(const dsl::ast::EquivalenceDecl& d, const dsl::ast::Declaration& whole) {
        std::string key;
        if (d.two_way) {
            std::string a = d.sources.empty() ? std::string() : d.sources.front().text;
            std::string b = d.target.text;
            key = std::min(a, b) + " <=> " + std::max(a, b);
        } else {
            std::vector<std::string> sources;
            for (const dsl::ast::Token& s : d.sources) sources.push_back(s.text);
            if (d.pattern) sources.push_back(d.pattern->text + "*");
            std::sort(sources.begin(), sources.end());
            for (const std::string& s : sources) key += (key.empty() ? "" : " + ") + s;
            key += " => " + d.target.text;
        }
        put(RuleKind::equivalence, key, site(dsl::format_declaration(whole), d.loc));
    }
    void add(const dsl::ast::ExclusiveDecl& d, const dsl::ast::Declaration& whole) {
        std::vector<std::string> units;
        for (const dsl::ast::Token& u : d.units) units.push_back(u.text);
        std::sort(units.begin(), units.end());
        std::string key;
        for (const std::string& u : units) key += (key.empty() ? "" : ", ") + u;
        put(RuleKind::exclusive, key, site(dsl::format_declaration(whole), d.loc));
    }
    void add(const dsl::ast::DefaultsDecl& d, const dsl::ast::Declaration& whole) {
        // One entry per constraint, in the block named by its header (an empty block has no effect).
        std::string block = defaults_block_name(whole);
        for (const dsl::ast::Constraint& c : d.constraints) {
            std::string text = dsl::format_statement(dsl::ast::Statement{c});
            put(RuleKind::defaults, RuleKind::defaults, block,
                Entry{RuleKind::defaults, block, "", constraint_key(text), site(text, c.loc)});
        }
    }
    void add(const dsl::ast::AwardDecl& d, const dsl::ast::Declaration&) {
        dsl::ast::AwardDecl bare = d;  // the header alone: its statements are compared one by one
        bare.statements.clear();
        put(RuleKind::award, RuleKind::award, d.id.text,
            Entry{RuleKind::award, "", "", d.id.text, site(header(dsl::format_declaration(bare)), d.loc)});
        const std::string block = "award " + d.id.text;
        for (const dsl::ast::Statement& s : d.statements) {
            const auto* entry = std::get_if<dsl::ast::EntryBlock>(&s);
            if (!entry) {
                bool requirement = std::holds_alternative<dsl::ast::Requirement>(s);
                put_statement(requirement ? RuleKind::requirement : RuleKind::constraint, d.id.text, block, s);
            } else if (entry->statements.empty()) {
                put_statement(RuleKind::entry, d.id.text, block, s);  // `entry { }`: entry judged, always met
            } else {
                for (const dsl::ast::Statement& inner : entry->statements)
                    put_statement(RuleKind::entry, d.id.text, block + " entry", inner);
            }
        }
    }
};

/// `file:line`.
std::string where(const RuleSite& s) { return s.file + ":" + std::to_string(s.line); }

nlohmann::ordered_json site_json(const std::optional<RuleSite>& s) {
    if (!s) return nullptr;
    return nlohmann::ordered_json{{"text", s->text}, {"file", s->file}, {"line", s->line}};
}

}  // namespace

const char* rule_kind_name(RuleKind kind) {
    switch (kind) {
        case RuleKind::ruleset: return "ruleset";
        case RuleKind::institution: return "institution";
        case RuleKind::unit: return "unit";
        case RuleKind::pool: return "pool";
        case RuleKind::equivalence: return "equivalence";
        case RuleKind::exclusive: return "exclusive";
        case RuleKind::defaults: return "defaults";
        case RuleKind::award: return "award";
        case RuleKind::entry: return "entry";
        case RuleKind::requirement: return "requirement";
        case RuleKind::constraint: return "constraint";
    }
    return "";
}

const char* change_name(RuleChange::Change change) {
    switch (change) {
        case RuleChange::Change::added: return "added";
        case RuleChange::Change::removed: return "removed";
        case RuleChange::Change::changed: return "changed";
    }
    return "";
}

std::vector<RuleChange> diff_rulesets(const dsl::Program& before, const dsl::Program& after) {
    std::map<SortKey, Entry> old_entries = Collector(before).entries;
    std::map<SortKey, Entry> new_entries = Collector(after).entries;
    std::vector<RuleChange> changes;
    auto o = old_entries.begin();
    auto n = new_entries.begin();
    // Both maps are sorted the same way: walk them together.
    while (o != old_entries.end() || n != new_entries.end()) {
        bool take_old = n == new_entries.end() || (o != old_entries.end() && o->first < n->first);
        bool take_new = o == old_entries.end() || (n != new_entries.end() && n->first < o->first);
        const Entry& e = take_new ? n->second : o->second;
        RuleChange c{RuleChange::Change::changed, e.kind, e.block, e.award, e.key, std::nullopt, std::nullopt};
        if (take_old) {
            c.change = RuleChange::Change::removed;
            c.before = o->second.site;
            changes.push_back(std::move(c));
            ++o;
        } else if (take_new) {
            c.change = RuleChange::Change::added;
            c.after = n->second.site;
            changes.push_back(std::move(c));
            ++n;
        } else {
            if (o->second.site.text != n->second.site.text) {
                c.before = o->second.site;
                c.after = n->second.site;
                changes.push_back(std::move(c));
            }
            ++o;
            ++n;
        }
    }
    return changes;
}

std::string defaults_block_name(const dsl::ast::Declaration& defaults) {
    return header(dsl::format_declaration(defaults));
}

std::string change_text(const RuleChange& c) {
    std::string prefix = c.block.empty() ? "" : c.block + ": ";
    switch (c.change) {
        case RuleChange::Change::added: return "+ " + prefix + c.after->text + "   (" + where(*c.after) + ")";
        case RuleChange::Change::removed: return "- " + prefix + c.before->text + "   (" + where(*c.before) + ")";
        case RuleChange::Change::changed:
            return "~ " + prefix + c.before->text + " -> " + c.after->text + "   (" + where(*c.before) + ", " +
                   where(*c.after) + ")";
    }
    return "";
}

nlohmann::ordered_json change_json(const RuleChange& c) {
    nlohmann::ordered_json j;
    j["change"] = change_name(c.change);
    j["kind"] = rule_kind_name(c.kind);
    j["block"] = c.block.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.block);
    j["award"] = c.award.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.award);
    j["key"] = c.key;
    j["old"] = site_json(c.before);
    j["new"] = site_json(c.after);
    return j;
}

std::string changes_text(const std::vector<RuleChange>& changes) {
    std::string out;
    for (const RuleChange& c : changes) out += change_text(c) + "\n";
    return out;
}

std::string changes_json(const std::vector<RuleChange>& changes) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const RuleChange& c : changes) list.push_back(change_json(c));
    nlohmann::ordered_json root;
    root["changes"] = std::move(list);
    return root.dump(2) + "\n";
}

}  // namespace credo::tools
