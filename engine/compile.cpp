// AST -> Ruleset: the compiler's driver, declaration collection, the catalogue (institutions and
// units), equivalences and exclusive sets. Selectors, awards and checks are in compile_*.cpp.
#include "engine/compile.hpp"

#include <algorithm>
#include <filesystem>

#include "dsl/parser.hpp"
#include "dsl/values.hpp"
#include "engine/compiler.hpp"
#include "engine/digest.hpp"
#include "engine/graph.hpp"

namespace credo::engine {

namespace detail {

namespace fs = std::filesystem;

std::optional<int> parse_int(const std::string& text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

namespace {

ast::Loc loc_of(const ast::Declaration& d) {
    return std::visit([](const auto& decl) { return decl.loc; }, d);
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

dsl::Note note_at(ast::Loc loc, std::string message) { return dsl::Note{std::move(message), true, loc}; }

/// A path as the loader tells files apart.
std::string file_key(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::path(path), ec);
    if (ec) p = fs::absolute(fs::path(path), ec).lexically_normal();
    return p.string();
}

}  // namespace

Compiler::Compiler(const dsl::Program& program, dsl::Diagnostics& diagnostics, Ruleset& ruleset)
    : program_(program), diags_(diagnostics), rs_(ruleset) {}

void Compiler::run() {
    find_failed_declarations();
    collect();
    compile_institutions();
    compile_units();
    compile_pools();
    compile_awards();
    compile_defaults();
    apply_defaults();
    compile_equivalences();
    compile_exclusives();
    check_prerequisite_cycles();
    check_stacking_cycles();
    check_supply();
    check_equivalence_overlaps();
    if (!incomplete_) check_unused();
}

void Compiler::find_failed_declarations() {
    const std::size_t file_count = program_.files.size();
    first_failed_line_.assign(file_count, 0);
    std::vector<bool> has_errors(file_count, false);
    for (const dsl::Diagnostic& d : program_.diagnostics.list())
        if (d.severity == dsl::Severity::error && d.loc.file < file_count) has_errors[d.loc.file] = true;
    // An included file that could not be read leaves out every name it declares.
    std::set<std::string> loaded;
    for (const dsl::SourceFile& file : program_.files) loaded.insert(file_key(file.path()));
    for (std::size_t f = 0; f < program_.asts.size() && f < file_count; ++f)
        for (const ast::Declaration& decl : program_.asts[f].declarations)
            if (auto inc = std::get_if<ast::IncludeDecl>(&decl)) {
                fs::path target = fs::path(program_.files[f].path()).parent_path() / inc->path.text;
                if (!loaded.count(file_key(target.lexically_normal().string()))) incomplete_ = missing_include_ = true;
            }
    // A syntax error drops its whole declaration: find the lines where the parser started one
    // (a declaration keyword, or a word in the first column) that produced no declaration.
    static const std::set<std::string> named = {"unit", "award", "pool", "institution"};
    const auto& keywords = dsl::declaration_keywords();
    for (std::size_t f = 0; f < file_count; ++f) {
        if (!has_errors[f] || f >= program_.asts.size()) continue;
        std::set<std::pair<std::uint32_t, std::uint32_t>> starts;
        for (const ast::Declaration& decl : program_.asts[f].declarations) {
            ast::Loc at = loc_of(decl);
            starts.insert({at.line, at.column});
        }
        const dsl::SourceFile& source = program_.files[f];
        const std::string& text = source.text();
        for (std::size_t pos = 0; pos < text.size();) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string::npos) end = text.size();
            std::size_t w = pos;
            while (w < end && (text[w] == ' ' || text[w] == '\t')) ++w;
            std::size_t i = w;
            while (i < end && ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '-')) ++i;
            std::string word = text.substr(w, i - w);
            bool keyword = (i == end || !is_word_char(text[i])) &&
                           std::find(keywords.begin(), keywords.end(), word) != keywords.end();
            bool first_column = w == pos && w < end && is_word_char(text[w]) && word != "require";
            if (keyword || first_column) {
                ast::Loc at = source.loc_of(w);
                if (!starts.count({at.line, at.column})) {
                    incomplete_ = true;
                    if (!first_failed_line_[f]) first_failed_line_[f] = at.line;
                    if (keyword && named.count(word)) {
                        while (i < end && (text[i] == ' ' || text[i] == '\t')) ++i;
                        std::size_t n = i;
                        while (n < end && (is_word_char(text[n]) || text[n] == ':' || text[n] == '.')) ++n;
                        if (n > i) failed_names_.insert(text.substr(i, n - i));
                    }
                }
            }
            pos = end + 1;
        }
    }
}

void Compiler::collect() {
    for (std::size_t f = 0; f < program_.asts.size(); ++f) {
        const auto& declarations = program_.asts[f].declarations;
        for (std::size_t k = 0; k < declarations.size(); ++k) {
            const ast::Declaration& declaration = declarations[k];
            if (auto d = std::get_if<ast::RulesetDecl>(&declaration)) {
                if (f != 0) {
                    diags_.error(d->loc, "ruleset declaration in an included file: only the entry file has one");
                } else if (ruleset_decl_) {
                    diags_.error(d->loc, "repeated ruleset declaration", {note_at(ruleset_decl_->loc, "first declared here")});
                } else {
                    ruleset_decl_ = d;
                    if (k != 0) diags_.error(d->loc, "the ruleset declaration must come first in the entry file");
                }
            } else if (auto d = std::get_if<ast::InstitutionDecl>(&declaration)) {
                auto [it, fresh] = institution_locs_.emplace(d->code.text, d->code.loc);
                if (!fresh) {
                    diags_.error(d->code.loc, "duplicate institution " + d->code.text,
                                 {note_at(it->second, "first declared here")});
                    continue;
                }
                institution_decls_.push_back(d);
                institution_names_.push_back(d->code.text);
            } else if (auto d = std::get_if<ast::UnitDecl>(&declaration)) {
                IdSite site{IdSite::Kind::unit, static_cast<std::uint32_t>(unit_decls_.size()), d->id.loc};
                auto [it, fresh] = ids_.emplace(d->id.text, site);
                if (!fresh) {
                    diags_.error(d->id.loc,
                                 it->second.kind == IdSite::Kind::unit
                                     ? "duplicate unit " + d->id.text
                                     : d->id.text + " is already declared as an award; units and awards share one namespace",
                                 {note_at(it->second.loc, "first declared here")});
                    continue;
                }
                unit_decls_.push_back(d);
                unit_names_.push_back(d->id.text);
            } else if (auto d = std::get_if<ast::AwardDecl>(&declaration)) {
                IdSite site{IdSite::Kind::award, static_cast<std::uint32_t>(awards_.size()), d->id.loc};
                auto [it, fresh] = ids_.emplace(d->id.text, site);
                if (!fresh) {
                    diags_.error(d->id.loc,
                                 it->second.kind == IdSite::Kind::award
                                     ? "duplicate award " + d->id.text
                                     : d->id.text + " is already declared as a unit; units and awards share one namespace",
                                 {note_at(it->second.loc, "first declared here")});
                    continue;
                }
                AwardSite award;
                award.decl = d;
                awards_.push_back(std::move(award));
                award_names_.push_back(d->id.text);
            } else if (auto d = std::get_if<ast::PoolDecl>(&declaration)) {
                auto [it, fresh] = pool_index_.emplace(d->name.text, static_cast<std::uint32_t>(pools_.size()));
                if (!fresh) {
                    diags_.error(d->name.loc, "duplicate pool " + d->name.text,
                                 {note_at(pools_[it->second].decl->name.loc, "first declared here")});
                    continue;
                }
                PoolSite pool;
                pool.decl = d;
                pools_.push_back(std::move(pool));
                pool_names_.push_back(d->name.text);
            } else if (auto d = std::get_if<ast::EquivalenceDecl>(&declaration)) {
                equivalence_decls_.push_back(d);
            } else if (auto d = std::get_if<ast::ExclusiveDecl>(&declaration)) {
                exclusive_decls_.push_back(d);
            } else if (auto d = std::get_if<ast::DefaultsDecl>(&declaration)) {
                defaults_decls_.push_back(d);
            }
        }
    }
    collect_ruleset();
}

void Compiler::collect_ruleset() {
    if (ruleset_decl_) {
        rs_.name = ruleset_decl_->name.text;
        rs_.version = ruleset_decl_->version.text;
        if (ruleset_decl_->effective) rs_.effective = parse_date(ruleset_decl_->effective->text);
        return;
    }
    // When the entry file's opening declaration failed to parse, its syntax error says enough.
    const auto& first = program_.asts.empty() ? std::vector<ast::Declaration>{} : program_.asts[0].declarations;
    std::uint32_t failed = first_failed_line_.empty() ? 0 : first_failed_line_[0];
    if (failed && (first.empty() || failed < loc_of(first.front()).line)) return;
    diags_.error(ast::Loc{0, 1, 1},
                 "missing ruleset declaration: the entry file must start with `ruleset \"NAME\" version \"V\"`");
}

void Compiler::compile_institutions() {
    for (const ast::InstitutionDecl* d : institution_decls_) {
        rs_.institution_index[d->code.text] = static_cast<InstIndex>(rs_.institutions.size());
        rs_.institutions.push_back(Institution{d->code.text, d->title.text, ref(d->loc)});
    }
}

void Compiler::compile_units() {
    rs_.units.reserve(unit_decls_.size());
    for (const ast::UnitDecl* d : unit_decls_) {
        Unit unit;
        unit.id = d->id.text;
        unit.title = d->title.text;
        if (auto credits = parse_centi(d->credits.text)) {
            unit.credits = *credits;
            if (*credits <= 0) diags_.error(d->credits.loc, "unit credits must be greater than 0");
        }
        unit.level = check_level(d->level);
        unit.institution = institution_of(d->id);
        unit.rpl_never = d->rpl_never;
        unit.where = ref(d->loc);
        rs_.unit_index[unit.id] = static_cast<UnitIndex>(rs_.units.size());
        rs_.units.push_back(std::move(unit));
    }
    for (std::size_t u = 0; u < unit_decls_.size(); ++u)
        if (unit_decls_[u]->prereq) rs_.units[u].prereq = compile_prereq(*unit_decls_[u]->prereq);
}

Prereq Compiler::compile_prereq(const ast::Prereq& p) {
    Prereq out;
    switch (p.op) {
        case ast::Prereq::Op::unit:
            out.op = Prereq::Op::unit;
            out.unit = resolve_unit(p.unit, p.loc, false);
            break;
        case ast::Prereq::Op::all_of: out.op = Prereq::Op::all_of; break;
        case ast::Prereq::Op::any_of: out.op = Prereq::Op::any_of; break;
    }
    for (const ast::Prereq& term : p.terms) out.terms.push_back(compile_prereq(term));
    return out;
}

void Compiler::compile_equivalences() {
    for (const ast::EquivalenceDecl* e : equivalence_decls_) {
        Equivalence base;
        base.where = ref(e->loc);
        std::map<std::string, const ast::EquivalenceOption*> seen;
        for (const ast::EquivalenceOption& option : e->options) {
            auto [it, fresh] = seen.emplace(option.kind, &option);
            if (!fresh) {
                diags_.error(option.loc, "repeated `" + option.kind + "` in equivalence",
                             {note_at(it->second->loc, "first stated here")});
                continue;
            }
            if (option.kind == "min grade") base.min_grade = parse_centi(option.value.text);
            else if (option.kind == "since") base.since = parse_date(option.value.text);
            else if (option.kind == "until") base.until = parse_date(option.value.text);
        }
        if (base.since && base.until && *base.since > *base.until)
            diags_.error(seen["until"]->value.loc, "`until` " + seen["until"]->value.text + " is before `since` " +
                                                       seen["since"]->value.text + ": the equivalence can never apply");
        bool ok = true;
        if (e->two_way && (e->sources.size() > 1 || e->pattern)) {
            diags_.error(e->pattern ? e->pattern->loc : e->sources[1].loc, "`<=>` takes one id on each side");
            ok = false;
        }
        UnitIndex target = resolve_unit(e->target.text, e->target.loc, false);
        for (const ast::Token& source : e->sources)
            if (source.text == e->target.text) {
                diags_.error(source.loc, "equivalence derives " + e->target.text + " from itself");
                ok = false;
            }
        for (const ast::Filter& f : e->filters)
            if (auto filter = compile_filter(f, ok)) base.filters.push_back(*filter);
        if (!ok) continue;
        if (e->two_way) {
            // Each side is the other's target, so both must be declared units.
            UnitIndex source = resolve_unit(e->sources[0].text, e->sources[0].loc, false);
            Equivalence forward = base;
            forward.sources = {e->sources[0].text};
            forward.target = target;
            Equivalence backward = base;
            backward.sources = {e->target.text};
            backward.target = source;
            rs_.equivalences.push_back(std::move(forward));
            rs_.equivalences.push_back(std::move(backward));
            equivalence_of_rule_.push_back(e);
            equivalence_of_rule_.push_back(e);
            continue;
        }
        Equivalence rule = std::move(base);
        for (const ast::Token& source : e->sources) rule.sources.push_back(source.text);
        if (e->pattern) rule.pattern = e->pattern->text;
        rule.target = target;
        rs_.equivalences.push_back(std::move(rule));
        equivalence_of_rule_.push_back(e);
    }
}

void Compiler::compile_exclusives() {
    for (const ast::ExclusiveDecl* x : exclusive_decls_) {
        ExclusiveSet set;
        set.where = ref(x->loc);
        std::set<std::string> distinct;
        for (const ast::Token& id : x->units) distinct.insert(id.text);
        if (distinct.size() < 2) diags_.error(x->loc, "`exclusive` needs at least two distinct units");
        std::set<std::string> listed;
        for (const ast::Token& id : x->units) {
            if (!listed.insert(id.text).second) {
                if (distinct.size() >= 2) diags_.error(id.loc, id.text + " is listed twice in `exclusive`");
                continue;
            }
            UnitIndex u = resolve_unit(id.text, id.loc, false);
            if (u != kNone) set.units.push_back(u);
        }
        rs_.exclusives.push_back(std::move(set));
    }
}

UnitIndex Compiler::resolve_unit(const std::string& id, ast::Loc loc, bool hint_stacking) {
    auto it = ids_.find(id);
    if (it == ids_.end()) {
        report_unknown("unit", id, unit_names_, loc);
        return kNone;
    }
    if (it->second.kind == IdSite::Kind::unit) return it->second.index;
    diags_.error(loc, id + " is an award, not a unit" + (hint_stacking ? "; use `require award " + id + "`" : ""));
    return kNone;
}

AwardIndex Compiler::resolve_award(const std::string& id, ast::Loc loc) {
    auto it = ids_.find(id);
    if (it == ids_.end()) {
        report_unknown("award", id, award_names_, loc);
        return kNone;
    }
    if (it->second.kind == IdSite::Kind::award) return it->second.index;
    diags_.error(loc, id + " is a unit, not an award; use `all " + id + "`");
    return kNone;
}

InstIndex Compiler::institution_of(const ast::Token& id) {
    std::string code = id.text.substr(0, id.text.find(':'));
    auto it = rs_.institution_index.find(code);
    if (it != rs_.institution_index.end()) return it->second;
    if (!missing_include_ && !failed_names_.count(code)) {
        std::string hint = dsl::suggest(code, institution_names_);
        diags_.error(id.loc, "unknown institution " + code + " (the prefix of " + id.text + ")" +
                                 (hint.empty() ? "" : "; did you mean " + hint + "?"));
    }
    return kNone;
}

void Compiler::report_unknown(const std::string& kind, const std::string& name,
                              const std::vector<std::string>& candidates, ast::Loc loc) {
    if (missing_include_ || failed_names_.count(name)) return;
    std::string hint = dsl::suggest(name, candidates);
    if (!hint.empty()) suggested_.insert(hint);
    diags_.error(loc, "unknown " + kind + " " + name + (hint.empty() ? "" : "; did you mean " + hint + "?"));
}

int Compiler::check_level(const ast::Token& level) {
    std::optional<int> value = parse_int(level.text);
    if (!value) return 0;  // the parser reported it
    if (*value < 1 || *value > 10) {
        diags_.error(level.loc, "level " + level.text + " is not an NFQ level (1 to 10)");
        return 0;
    }
    return *value;
}

std::string Compiler::where_text(ast::Loc loc) const {
    std::string path = loc.file < program_.files.size() ? program_.files[loc.file].path() : std::string("?");
    return path + ":" + std::to_string(loc.line);
}

}  // namespace detail

namespace {

void add_selector_reach(const Selector& selector, Reach& reach) {
    reach.units |= selector.units;
    reach.any = reach.any || selector.any;
    for (const std::string& p : selector.patterns) reach.patterns.push_back(p);
    for (const Selector& part : selector.parts) add_selector_reach(part, reach);
}

/// Everything a requirement of the award, or of an award it stacks, could take.
void add_award_reach(const Ruleset& rs, AwardIndex a, Reach& reach) {
    const auto& requirements = rs.awards[a].requirements;
    for (std::uint32_t i = 0; i < requirements.size(); ++i) {
        const Requirement& r = requirements[i];
        if (r.kind == Requirement::Kind::all)
            for (UnitIndex u : r.units) reach.required.set(u);
        else if (r.kind != Requirement::Kind::award)
            reach.demands.emplace_back(a, i);
        if (r.shared) continue;
        switch (r.kind) {
            case Requirement::Kind::all:
                for (UnitIndex u : r.units) reach.units.set(u);
                break;
            case Requirement::Kind::count_of:
            case Requirement::Kind::credits_from: add_selector_reach(r.selector, reach); break;
            case Requirement::Kind::award:
                reach.awards.push_back(r.award);
                add_award_reach(rs, r.award, reach);
                break;
        }
    }
}

/// Indexes the equivalences by their sources, the exclusive sets by their units and the units by
/// the byte order of their ids, for the learner-side work that looks them up.
void index_rules(Ruleset& rs) {
    for (std::uint32_t e = 0; e < rs.equivalences.size(); ++e) {
        Equivalence& eq = rs.equivalences[e];
        for (const std::string& source : eq.sources) eq.source_units.push_back(rs.find_unit(source));
        if (eq.pattern) {
            rs.pattern_equivalences_by_institution[eq.pattern->substr(0, eq.pattern->find(':'))].push_back(e);
            continue;
        }
        for (const std::string& source : eq.sources) {
            auto& list = rs.equivalences_by_source[source];
            if (list.empty() || list.back() != e) list.push_back(e);
        }
    }
    rs.equivalences_by_source_unit.assign(rs.units.size(), {});
    for (const auto& [source, list] : rs.equivalences_by_source)
        if (UnitIndex u = rs.find_unit(source); u != kNone) rs.equivalences_by_source_unit[u] = list;
    rs.pattern_equivalences_by_institution_index.assign(rs.institutions.size(), {});
    for (const auto& [code, list] : rs.pattern_equivalences_by_institution)
        if (auto it = rs.institution_index.find(code); it != rs.institution_index.end())
            rs.pattern_equivalences_by_institution_index[it->second] = list;
    std::vector<UnitIndex> by_id(rs.units.size());
    for (UnitIndex u = 0; u < by_id.size(); ++u) by_id[u] = u;
    std::sort(by_id.begin(), by_id.end(), [&](UnitIndex a, UnitIndex b) { return rs.units[a].id < rs.units[b].id; });
    rs.unit_id_rank.assign(rs.units.size(), 0);
    for (std::uint32_t k = 0; k < by_id.size(); ++k) rs.unit_id_rank[by_id[k]] = k;
    rs.exclusives_of_unit.assign(rs.units.size(), {});
    for (std::uint32_t x = 0; x < rs.exclusives.size(); ++x)
        for (UnitIndex u : rs.exclusives[x].units) rs.exclusives_of_unit[u].push_back(x);

    // The catalogue units each equivalence takes (a pattern's are of its institution), and what
    // each unit gives: directly, then transitively.
    std::vector<std::vector<UnitIndex>> direct(rs.units.size()), of_institution(rs.institutions.size());
    for (UnitIndex u = 0; u < rs.units.size(); ++u) of_institution[rs.units[u].institution].push_back(u);
    for (Equivalence& eq : rs.equivalences) {
        for (UnitIndex u : eq.source_units)
            if (u != kNone) eq.catalogue_sources.push_back(u);
        if (eq.pattern) {
            auto it = rs.institution_index.find(eq.pattern->substr(0, eq.pattern->find(':')));
            if (it != rs.institution_index.end())
                for (UnitIndex u : of_institution[it->second])
                    if (rs.units[u].id.compare(0, eq.pattern->size(), *eq.pattern) == 0) eq.catalogue_sources.push_back(u);
        }
        for (UnitIndex u : eq.catalogue_sources) direct[u].push_back(eq.target);
    }
    rs.equivalence_gives.assign(rs.units.size(), {});
    std::vector<bool> seen(rs.units.size(), false);
    for (UnitIndex u = 0; u < rs.units.size(); ++u) {
        if (direct[u].empty()) continue;
        std::vector<UnitIndex>& out = rs.equivalence_gives[u];
        std::vector<UnitIndex> stack{u};
        seen[u] = true;
        while (!stack.empty()) {
            const UnitIndex v = stack.back();
            stack.pop_back();
            for (UnitIndex t : direct[v])
                if (!seen[t]) seen[t] = true, out.push_back(t), stack.push_back(t);
        }
        seen[u] = false;
        for (UnitIndex t : out) seen[t] = false;
        std::sort(out.begin(), out.end());
    }
}

/// Fills every award's reach; the ruleset is free of stacking cycles by then.
void compute_reach(Ruleset& rs) {
    for (AwardIndex a = 0; a < rs.awards.size(); ++a) {
        Reach reach;
        reach.units = Bitset(rs.units.size());
        reach.required = Bitset(rs.units.size());
        add_award_reach(rs, a, reach);
        rs.awards[a].reach = std::move(reach);
    }
}

bool same_filters(const std::vector<Filter>& a, const std::vector<Filter>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Filter& x, const Filter& y) {
        return x.field == y.field && x.cmp == y.cmp && x.value == y.value && x.institution == y.institution &&
               x.basis == y.basis;
    });
}

/// The selectors match the same items.
bool same_selector(const Selector& a, const Selector& b) {
    return a.units == b.units && a.any == b.any && a.patterns == b.patterns && same_filters(a.filters, b.filters) &&
           a.basis == b.basis &&
           std::equal(a.parts.begin(), a.parts.end(), b.parts.begin(), b.parts.end(), same_selector);
}

/// The entry blocks of `a` and `b` decide alike (Award::entry_like).
bool alike_entries(const Award& a, const Award& b) {
    const Entry& x = *a.entry;
    const Entry& y = *b.entry;
    auto same_requirement = [](const Requirement& p, const Requirement& q) {
        return p.kind == q.kind && p.kind != Requirement::Kind::award && p.units == q.units && p.count == q.count &&
               p.credits == q.credits && same_selector(p.selector, q.selector) && p.shared == q.shared &&
               p.min_grade == q.min_grade;
    };
    auto same_limit = [](const CreditLimit& p, const CreditLimit& q) {
        return p.credits == q.credits && p.rpl == q.rpl && same_selector(p.selector, q.selector);
    };
    return a.institution == b.institution &&
           std::equal(x.requirements.begin(), x.requirements.end(), y.requirements.begin(), y.requirements.end(),
                      same_requirement) &&
           std::equal(x.limits.begin(), x.limits.end(), y.limits.begin(), y.limits.end(), same_limit);
}

/// Award::entry_like for every award.
void index_entries(Ruleset& rs) {
    std::vector<AwardIndex> firsts;  // awards whose entry block is like none before
    for (AwardIndex a = 0; a < rs.awards.size(); ++a) {
        Award& award = rs.awards[a];
        if (!award.entry) continue;
        award.entry_like = a;
        for (AwardIndex b : firsts) {  // (a block that nests an award is alike to none)
            if (!alike_entries(rs.awards[b], award)) continue;
            award.entry_like = b;
            break;
        }
        if (award.entry_like == a) firsts.push_back(a);
    }
}

}  // namespace

CompileResult compile(dsl::Program program) {
    CompileResult result;
    auto rs = std::make_shared<Ruleset>();
    for (const auto& f : program.files) rs->files.push_back(f.path());
    if (!program.files.empty()) rs->digest = ruleset_digest(program.files);
    dsl::Diagnostics semantic;
    if (program.loaded) detail::Compiler(program, semantic, *rs).run();
    result.diagnostics = std::move(program.diagnostics);
    for (dsl::Diagnostic& d : semantic.list()) result.diagnostics.add(std::move(d));
    result.diagnostics.sort();
    result.files = std::move(program.files);
    if (!result.diagnostics.has_errors() && program.loaded) {
        compute_reach(*rs);
        index_rules(*rs);
        index_entries(*rs);
        rs->graph = std::make_shared<const PolicyGraph>(*rs);
        result.ruleset = std::move(rs);
    }
    return result;
}

CompileResult compile_file(const std::string& path) { return compile(dsl::load_program(path)); }

CompileResult compile_text(std::string text, const std::string& name) {
    return compile(dsl::load_program_text(std::move(text), name));
}

}  // namespace credo::engine
