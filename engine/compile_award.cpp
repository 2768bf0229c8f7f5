// Compiling awards (requirements, constraints, entry blocks) and applying class defaults.
#include <algorithm>
#include <set>

#include "dsl/values.hpp"
#include "engine/compiler.hpp"

namespace credo::engine::detail {

namespace {

dsl::Note note_at(ast::Loc loc, std::string message) { return dsl::Note{std::move(message), true, loc}; }

AwardClass award_class_of(const std::string& text) {
    if (text == "minor") return AwardClass::minor;
    if (text == "special-purpose") return AwardClass::special_purpose;
    if (text == "supplemental") return AwardClass::supplemental;
    return AwardClass::major;
}

bool is_rpl(ast::Constraint::Kind kind) {
    return kind == ast::Constraint::Kind::limit_rpl_percent || kind == ast::Constraint::Kind::limit_rpl_credits;
}

/// The kind of a constraint for "states the same kind" (defaults) and "repeated" (awards).
std::string kind_of(const ast::Constraint& c) {
    switch (c.kind) {
        case ast::Constraint::Kind::limit_rpl_percent:
        case ast::Constraint::Kind::limit_rpl_credits: return "limit rpl";
        case ast::Constraint::Kind::within: return "within";
        case ast::Constraint::Kind::min_grade: return "min grade";
        case ast::Constraint::Kind::limit_from: return "limit ... from " + selector_text(c.selector);
        case ast::Constraint::Kind::limit_rpl_from: return "limit rpl ... from " + selector_text(c.selector);
    }
    return "";
}

/// `limit ... from` and `limit rpl ... from` may be stated once per selector.
bool is_credit_limit(ast::Constraint::Kind kind) {
    return kind == ast::Constraint::Kind::limit_from || kind == ast::Constraint::Kind::limit_rpl_from;
}

std::string limit_kind(const CreditLimit& limit) {
    return std::string(limit.rpl ? "limit rpl" : "limit") + " ... from " + limit.selector.text;
}

/// Adds the distinct `rpl never` units that `all` requirements name in the award's tree.
void collect_untaught(const Ruleset& rs, AwardIndex a, std::set<AwardIndex>& seen, std::set<UnitIndex>& units) {
    if (!seen.insert(a).second) return;  // a stacking cycle is reported elsewhere
    for (const Requirement& req : rs.awards[a].requirements) {
        if (req.kind == Requirement::Kind::award && req.award != kNone) collect_untaught(rs, req.award, seen, units);
        if (req.kind != Requirement::Kind::all) continue;
        for (UnitIndex u : req.units)
            if (rs.units[u].rpl_never) units.insert(u);
    }
}

}  // namespace

void Compiler::compile_awards() {
    rs_.awards.resize(awards_.size());
    for (AwardIndex a = 0; a < awards_.size(); ++a) compile_award(a);
}

void Compiler::compile_award(AwardIndex index) {
    AwardSite& site = awards_[index];
    const ast::AwardDecl& d = *site.decl;
    Award& award = rs_.awards[index];
    award.id = d.id.text;
    award.title = d.title.text;
    award.award_class = award_class_of(d.award_class.text);
    award.level = check_level(d.level);
    if (auto credits = parse_centi(d.credits.text)) {
        award.credits = *credits;
        if (*credits <= 0) diags_.error(d.credits.loc, "award credits must be greater than 0");
    }
    award.institution = institution_of(d.id);
    award.where = ref(d.loc);
    rs_.award_index[award.id] = index;

    std::map<std::string, ast::Loc> labels;
    std::map<std::string, ast::Loc> stated;  // within, limit rpl, min grade
    const ast::EntryBlock* entry = nullptr;
    for (const ast::Statement& statement : d.statements) {
        if (auto r = std::get_if<ast::Requirement>(&statement)) {
            bool ok = true;
            award.requirements.push_back(compile_requirement(*r, award.id, labels, ok));
            site.requirements.push_back(RequirementSite{r->loc, ok});
        } else if (auto c = std::get_if<ast::Constraint>(&statement)) {
            SourceRef where = ref(c->loc);
            if (is_credit_limit(c->kind)) {
                award.limits.push_back(compile_credit_limit(*c, where));
                continue;
            }
            std::string kind = kind_of(*c);
            auto [it, fresh] = stated.emplace(kind, c->loc);
            if (!fresh) {
                diags_.error(c->loc, "repeated `" + kind + "` in award " + award.id,
                             {note_at(it->second, "first stated here")});
                continue;
            }
            if (is_rpl(c->kind)) award.rpl_limit = compile_rpl_limit(*c, where);
            else if (c->kind == ast::Constraint::Kind::within) award.within = compile_recency(*c, where);
            else award.min_grade = compile_grade_floor(*c, where);
        } else if (auto block = std::get_if<ast::EntryBlock>(&statement)) {
            if (entry) {
                diags_.error(block->loc, "repeated entry block in award " + award.id,
                             {note_at(entry->loc, "first entry block here")});
                continue;
            }
            entry = block;
            Entry compiled;
            compiled.where = ref(block->loc);
            for (const ast::Statement& inner : block->statements) {
                if (auto r = std::get_if<ast::Requirement>(&inner)) {
                    bool ok = true;
                    compiled.requirements.push_back(compile_requirement(*r, award.id, labels, ok));
                    site.entry_requirements.push_back(RequirementSite{r->loc, ok});
                } else if (auto c = std::get_if<ast::Constraint>(&inner)) {
                    if (c->kind == ast::Constraint::Kind::limit_from) {
                        compiled.limits.push_back(compile_credit_limit(*c, ref(c->loc)));
                        continue;
                    }
                    diags_.error(c->loc, "`" + kind_of(*c) +
                                             "` is not allowed in an entry block (only `require` and "
                                             "`limit N credits from`)");
                } else if (auto nested = std::get_if<ast::EntryBlock>(&inner)) {
                    diags_.error(nested->loc, "an entry block cannot contain another entry block");
                }
            }
            award.entry = std::move(compiled);
        }
    }
    for (const auto& [kind, loc] : stated) site.stated.insert(kind);
    for (const CreditLimit& limit : award.limits) site.stated.insert(limit_kind(limit));
}

Requirement Compiler::compile_requirement(const ast::Requirement& r, const std::string& award_id,
                                          std::map<std::string, ast::Loc>& labels, bool& ok) {
    Requirement out;
    out.where = ref(r.loc);
    out.shared = r.shared;
    if (r.label) {
        out.name = r.label->text;
        out.labelled = true;
        auto [it, fresh] = labels.emplace(r.label->text, r.label->loc);
        if (!fresh)
            diags_.error(r.label->loc, "duplicate requirement label \"" + r.label->text + "\" in award " + award_id,
                         {note_at(it->second, "first used here")});
    } else {
        out.name = r.text;
    }
    const std::string alternatives = " (use `N of` or `N credits from`)";
    switch (r.kind) {
        case ast::Requirement::Kind::all: {
            out.kind = Requirement::Kind::all;
            std::set<std::string> listed;
            std::string names;
            for (const ast::SelectorItem& item : r.all) {
                std::string written = item.kind == ast::SelectorItem::Kind::pattern ? item.text + "*" : item.text;
                names += (names.empty() ? "" : ", ") + written;
                switch (item.kind) {
                    case ast::SelectorItem::Kind::pool: {
                        auto it = pool_index_.find(item.text);
                        if (it != pool_index_.end()) pools_[it->second].used = true;
                        diags_.error(item.loc, "`all` takes unit ids; " + item.text + " is a pool" + alternatives);
                        ok = false;
                        continue;
                    }
                    case ast::SelectorItem::Kind::pattern:
                        diags_.error(item.loc, "`all` takes unit ids; " + written + " is a pattern" + alternatives);
                        ok = false;
                        continue;
                    case ast::SelectorItem::Kind::any:
                        diags_.error(item.loc, "`all` takes unit ids, not `any`" + alternatives);
                        ok = false;
                        continue;
                    case ast::SelectorItem::Kind::id: break;
                }
                if (!listed.insert(item.text).second) {
                    diags_.error(item.loc, item.text + " is listed twice in `all`");
                    ok = false;
                    continue;
                }
                UnitIndex u = resolve_unit(item.text, item.loc, true);
                if (u == kNone) ok = false;
                else out.units.push_back(u);
            }
            out.description = "all " + names;
            break;
        }
        case ast::Requirement::Kind::count_of: {
            out.kind = Requirement::Kind::count_of;
            std::optional<int> count = parse_int(r.amount.text);
            if (count) {
                out.count = static_cast<std::uint32_t>(*count);
                if (*count < 1) diags_.error(r.amount.loc, "the count of `N of` must be at least 1");
            }
            out.selector = compile_selector(r.selector, ok);
            out.description = std::to_string(out.count) + " of " + out.selector.text;
            break;
        }
        case ast::Requirement::Kind::credits_from: {
            out.kind = Requirement::Kind::credits_from;
            if (auto credits = parse_centi(r.amount.text)) {
                out.credits = *credits;
                if (*credits <= 0) diags_.error(r.amount.loc, "the credits of `N credits from` must be greater than 0");
            }
            out.selector = compile_selector(r.selector, ok);
            out.description = format_centi(out.credits) + " credits from " + out.selector.text;
            break;
        }
        case ast::Requirement::Kind::award:
            out.kind = Requirement::Kind::award;
            out.award = resolve_award(r.award.text, r.award.loc);
            if (out.award == kNone) ok = false;
            out.description = "award " + r.award.text;
            break;
    }
    if (r.min_grade) out.min_grade = parse_centi(r.min_grade->text);
    if (out.shared) out.description += " shared";
    if (out.min_grade) out.description += " min grade " + format_centi(*out.min_grade);
    return out;
}

CreditLimit Compiler::compile_credit_limit(const ast::Constraint& c, SourceRef where) {
    CreditLimit limit;
    limit.where = where;
    if (auto credits = parse_centi(c.amount.text)) {
        limit.credits = *credits;
        if (*credits <= 0) diags_.error(c.amount.loc, "a credit limit must be greater than 0");
    }
    bool ok = true;
    limit.selector = compile_selector(c.selector, ok);
    limit.rpl = c.kind == ast::Constraint::Kind::limit_rpl_from;
    return limit;
}

RplLimit Compiler::compile_rpl_limit(const ast::Constraint& c, SourceRef where) {
    RplLimit limit;
    limit.where = where;
    limit.percent = c.kind == ast::Constraint::Kind::limit_rpl_percent;
    limit.of_taught = c.of_taught;
    if (auto value = parse_centi(c.amount.text)) {
        limit.value = *value;
        if (!limit.percent && *value <= 0) diags_.error(c.amount.loc, "a credit limit must be greater than 0");
    }
    return limit;
}

Recency Compiler::compile_recency(const ast::Constraint& c, SourceRef where) {
    Recency recency;
    recency.where = where;
    recency.rpl_only = c.rpl_only;
    if (std::optional<int> count = parse_int(c.amount.text)) {
        if (*count < 1) diags_.error(c.amount.loc, "a `within` duration must be at least 1 " + c.period);
        (c.period == "month" ? recency.months : recency.years) = *count;
    }
    return recency;
}

GradeFloor Compiler::compile_grade_floor(const ast::Constraint& c, SourceRef where) {
    GradeFloor floor;
    floor.where = where;
    if (auto grade = parse_centi(c.amount.text)) floor.grade = *grade;
    return floor;
}

void Compiler::compile_defaults() {
    for (const ast::DefaultsDecl* d : defaults_decls_) {
        DefaultsBlock block;
        block.decl = d;
        block.award_class = award_class_of(d->award_class.text);
        for (const ast::Filter& f : d->conditions) {
            if (f.field != "level" && f.field != "credits") {
                diags_.error(f.loc, "a defaults block selects awards by `level` and `credits` only, not by " + f.field);
                continue;
            }
            bool ok = true;
            if (std::optional<Filter> condition = compile_filter(f, ok)) block.conditions.push_back(*condition);
        }
        SourceRef where = ref(d->loc);  // a defaulted constraint cites its defaults block
        std::map<std::string, ast::Loc> seen;
        for (const ast::Constraint& c : d->constraints) {
            DefaultConstraint compiled;
            compiled.loc = c.loc;
            compiled.kind = kind_of(c);
            if (!is_credit_limit(c.kind)) {
                auto [it, fresh] = seen.emplace(compiled.kind, c.loc);
                if (!fresh) {
                    diags_.error(c.loc, "repeated `" + compiled.kind + "` in defaults block",
                                 {note_at(it->second, "first stated here")});
                    continue;
                }
            }
            switch (c.kind) {
                case ast::Constraint::Kind::limit_rpl_percent:
                case ast::Constraint::Kind::limit_rpl_credits: compiled.rpl = compile_rpl_limit(c, where); break;
                case ast::Constraint::Kind::within: compiled.within = compile_recency(c, where); break;
                case ast::Constraint::Kind::min_grade: compiled.grade = compile_grade_floor(c, where); break;
                case ast::Constraint::Kind::limit_from:
                case ast::Constraint::Kind::limit_rpl_from: compiled.limit = compile_credit_limit(c, where); break;
            }
            block.constraints.push_back(std::move(compiled));
        }
        defaults_.push_back(std::move(block));
    }
}

void Compiler::apply_defaults() {
    // Two blocks setting one kind for an award: reported once per pair of constraints, naming
    // every award affected.
    struct Clash {
        const DefaultConstraint* second;
        const DefaultConstraint* first;
        std::vector<std::string> awards;
    };
    std::vector<Clash> clashes;
    for (AwardIndex a = 0; a < awards_.size(); ++a) {
        Award& award = rs_.awards[a];
        const AwardSite& site = awards_[a];
        std::map<std::string, std::pair<std::size_t, const DefaultConstraint*>> applied;
        for (std::size_t b = 0; b < defaults_.size(); ++b) {
            const DefaultsBlock& block = defaults_[b];
            if (block.award_class != award.award_class) continue;
            if (!std::all_of(block.conditions.begin(), block.conditions.end(), [&](const Filter& f) {
                    Centi value = f.field == Filter::Field::level ? Centi{award.level} : award.credits;
                    return compare(value, f.cmp, f.value);
                }))
                continue;
            for (const DefaultConstraint& c : block.constraints) {
                if (site.stated.count(c.kind)) continue;
                auto it = applied.find(c.kind);
                if (it != applied.end() && it->second.first != b) {
                    auto clash = std::find_if(clashes.begin(), clashes.end(), [&](const Clash& x) {
                        return x.second == &c && x.first == it->second.second;
                    });
                    if (clash == clashes.end()) clashes.push_back(Clash{&c, it->second.second, {award.id}});
                    else clash->awards.push_back(award.id);
                    continue;
                }
                if (it == applied.end()) applied.emplace(c.kind, std::make_pair(b, &c));
                if (c.rpl) award.rpl_limit = c.rpl;
                if (c.within) award.within = c.within;
                if (c.grade) award.min_grade = c.grade;
                if (c.limit) award.limits.push_back(*c.limit);
            }
        }
    }
    set_rpl_bases();
    for (const Clash& clash : clashes) {
        std::string awards;
        for (std::size_t i = 0; i < clash.awards.size(); ++i) awards += (i ? ", " : "") + clash.awards[i];
        diags_.error(clash.second->loc,
                     "two matching defaults blocks set `" + clash.second->kind + "` for award" +
                         (clash.awards.size() > 1 ? "s " : " ") + awards,
                     {note_at(clash.first->loc, "the other block sets it here")});
    }
}

void Compiler::set_rpl_bases() {
    for (AwardIndex a = 0; a < awards_.size(); ++a) {
        Award& award = rs_.awards[a];
        if (!award.rpl_limit || !award.rpl_limit->percent) continue;
        RplLimit& cap = *award.rpl_limit;
        cap.base = award.credits;
        if (!cap.of_taught) continue;
        std::set<AwardIndex> seen;
        std::set<UnitIndex> untaught;
        collect_untaught(rs_, a, seen, untaught);
        for (UnitIndex u : untaught) cap.base -= rs_.units[u].credits;
        if (untaught.empty())
            diags_.warning(awards_[a].decl->id.loc,
                           "award " + award.id + ": `limit rpl " + format_centi(cap.value) + "% of taught` (" +
                               where_text(ast::Loc{cap.where.file, cap.where.line, 1}) + ") takes " +
                               format_centi(cap.value) + "% of all " + format_centi(award.credits) +
                               " credits: no `all` requirement in it names an `rpl never` unit");
        else if (cap.base <= 0)
            diags_.error(awards_[a].decl->id.loc,
                         "award " + award.id + " has no taught credits: its `rpl never` units make up all " +
                             format_centi(award.credits) + " credits, so `limit rpl ... of taught` cannot apply");
    }
}

}  // namespace credo::engine::detail
