// Compiling selectors, their `where` filters and pools into bitsets over the catalogue.
#include <algorithm>

#include "dsl/values.hpp"
#include "engine/compiler.hpp"
#include "engine/graph.hpp"

namespace credo::engine::detail {

namespace {

std::string item_text(const ast::SelectorItem& item) {
    return item.kind == ast::SelectorItem::Kind::pattern ? item.text + "*" : item.text;
}

std::string filter_text(const ast::Filter& f) {
    if (f.op.empty()) return f.field + " " + f.value.text;
    return f.field + " " + f.op + " " + f.value.text;
}

/// A selector whose filters need no per-item check: none at all, or only static filters over a
/// selector that matches catalogue units alone (the filters are already in its bitset).
bool is_plain(const Selector& s) {
    return s.parts.empty() && s.basis.empty() && (s.filters.empty() || (!s.any && s.patterns.empty()));
}

void add_patterns(Selector& into, const std::vector<std::string>& patterns) {
    for (const std::string& p : patterns)
        if (std::find(into.patterns.begin(), into.patterns.end(), p) == into.patterns.end()) into.patterns.push_back(p);
}

}  // namespace

std::string selector_text(const ast::Selector& s) {
    std::string out;
    for (std::size_t i = 0; i < s.items.size(); ++i) out += (i ? ", " : "") + item_text(s.items[i]);
    for (std::size_t i = 0; i < s.filters.size(); ++i) out += (i ? " and " : " where ") + filter_text(s.filters[i]);
    return out;
}

void Compiler::compile_pools() {
    for (PoolSite& pool : pools_) pool.selector.units = Bitset(rs_.units.size());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    for (std::uint32_t p = 0; p < pools_.size(); ++p)
        for (const ast::SelectorItem& item : pools_[p].decl->selector.items)
            if (item.kind == ast::SelectorItem::Kind::pool) {
                auto it = pool_index_.find(item.text);
                if (it != pool_index_.end()) edges.emplace_back(p, it->second);
            }
    for (const auto& cycle : find_cycles(pools_.size(), edges)) {
        std::string path;
        for (std::size_t i = 0; i < cycle.size(); ++i) path += (i ? " -> " : "") + pools_[cycle[i]].decl->name.text;
        diags_.error(pools_[cycle.front()].decl->name.loc, "pool cycle: " + path);
    }
    for (std::uint32_t p = 0; p < pools_.size(); ++p) compile_pool(p);
}

void Compiler::compile_pool(std::uint32_t index) {
    PoolSite& pool = pools_[index];
    if (pool.state != PoolSite::State::pending) return;
    pool.state = PoolSite::State::compiling;
    bool ok = true;
    Selector selector = compile_selector(pool.decl->selector, ok);
    pool.selector = std::move(selector);
    pool.ok = ok;
    pool.state = PoolSite::State::done;
}

Selector Compiler::compile_selector(const ast::Selector& s, bool& ok) {
    const std::size_t size = rs_.units.size();
    Selector plain;  // ids, patterns, `any` and plain pools, united
    plain.units = Bitset(size);
    bool has_plain = false;
    std::vector<Selector> filtered;  // pools with filters of their own
    for (const ast::SelectorItem& item : s.items) {
        switch (item.kind) {
            case ast::SelectorItem::Kind::id: {
                has_plain = true;
                UnitIndex u = resolve_unit(item.text, item.loc, true);
                if (u == kNone) ok = false;
                else plain.units.set(u);
                break;
            }
            case ast::SelectorItem::Kind::pattern:
                has_plain = true;
                plain.units |= units_with_prefix(item.text);
                add_patterns(plain, {item.text});
                break;
            case ast::SelectorItem::Kind::any:
                has_plain = true;
                plain.units.set_all();
                plain.any = true;
                break;
            case ast::SelectorItem::Kind::pool: {
                auto it = pool_index_.find(item.text);
                if (it == pool_index_.end()) {
                    report_unknown("pool", item.text, pool_names_, item.loc);
                    ok = false;
                    break;
                }
                PoolSite& pool = pools_[it->second];
                pool.used = true;
                compile_pool(it->second);
                if (pool.state != PoolSite::State::done || !pool.ok) ok = false;  // a cycle, or its own errors
                const Selector& named = pool.selector;
                if (is_plain(named)) {
                    has_plain = true;
                    plain.units |= named.units;
                    plain.any = plain.any || named.any;
                    add_patterns(plain, named.patterns);
                } else {
                    filtered.push_back(named);
                }
                break;
            }
        }
    }
    std::vector<Filter> filters;
    for (const ast::Filter& f : s.filters)
        if (auto filter = compile_filter(f, ok)) filters.push_back(std::move(*filter));

    Selector out;
    if (filtered.empty()) {
        out = std::move(plain);
    } else if (!has_plain && filtered.size() == 1) {
        out = std::move(filtered.front());
    } else {
        out.units = Bitset(size);
        if (has_plain) filtered.insert(filtered.begin(), std::move(plain));
        for (Selector& part : filtered) {
            out.units |= part.units;
            out.any = out.any || part.any;
            add_patterns(out, part.patterns);
            if (part.parts.empty()) out.parts.push_back(std::move(part));
            else for (Selector& sub : part.parts) out.parts.push_back(std::move(sub));
        }
    }
    restrict_selector(out, filters);
    out.text = selector_text(s);
    return out;
}

std::optional<Filter> Compiler::compile_filter(const ast::Filter& f, bool& ok) {
    Filter out;
    if (f.field == "level") {
        out.field = Filter::Field::level;
        out.cmp = cmp_of(f.op);
        int level = check_level(f.value);
        if (level == 0) {
            ok = false;
            return std::nullopt;
        }
        out.value = level;
    } else if (f.field == "credits") {
        out.field = Filter::Field::credits;
        out.cmp = cmp_of(f.op);
        std::optional<Centi> credits = parse_centi(f.value.text);
        if (!credits) {
            ok = false;  // the parser reported it
            return std::nullopt;
        }
        out.value = *credits;
    } else if (f.field == "institution") {
        out.field = Filter::Field::institution;
        out.institution = f.value.text;
        if (!rs_.institution_index.count(f.value.text)) {
            report_unknown("institution", f.value.text, institution_names_, f.value.loc);
            ok = false;
        }
    } else {
        out.field = Filter::Field::basis;
        out.basis = f.value.text == "transfer"       ? Basis::transfer
                    : f.value.text == "experiential" ? Basis::experiential
                                                     : Basis::earned;
    }
    return out;
}

void Compiler::restrict_selector(Selector& s, const std::vector<Filter>& filters) const {
    if (filters.empty()) return;
    s.units &= static_mask(filters);
    for (const Filter& f : filters) {
        s.filters.push_back(f);
        if (f.field == Filter::Field::basis) s.basis.push_back(f.basis);
    }
    for (Selector& part : s.parts) restrict_selector(part, filters);
}

const Bitset& Compiler::units_with_prefix(const std::string& prefix) const {
    auto cached = prefix_cache_.find(prefix);
    if (cached != prefix_cache_.end()) return cached->second;
    if (sorted_ids_.size() != rs_.units.size()) {
        sorted_ids_.clear();
        for (UnitIndex u = 0; u < rs_.units.size(); ++u) sorted_ids_.emplace_back(rs_.units[u].id, u);
        std::sort(sorted_ids_.begin(), sorted_ids_.end());
    }
    Bitset units(rs_.units.size());
    auto it = std::lower_bound(sorted_ids_.begin(), sorted_ids_.end(), std::make_pair(prefix, UnitIndex{0}));
    for (; it != sorted_ids_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) units.set(it->second);
    return prefix_cache_.emplace(prefix, std::move(units)).first->second;
}

Bitset Compiler::static_mask(const std::vector<Filter>& filters) const {
    std::string key;
    for (const Filter& f : filters)
        key += std::to_string(static_cast<int>(f.field)) + cmp_name(f.cmp) + std::to_string(f.value) + f.institution + ";";
    auto cached = mask_cache_.find(key);
    if (cached != mask_cache_.end()) return cached->second;
    Bitset mask(rs_.units.size());
    for (std::size_t u = 0; u < rs_.units.size(); ++u) {
        const Unit& unit = rs_.units[u];
        bool pass = true;
        for (const Filter& f : filters) {
            switch (f.field) {
                case Filter::Field::level: pass = pass && compare(unit.level, f.cmp, f.value); break;
                case Filter::Field::credits: pass = pass && compare(unit.credits, f.cmp, f.value); break;
                case Filter::Field::institution:
                    pass = pass && unit.id.compare(0, unit.id.find(':'), f.institution) == 0;
                    break;
                case Filter::Field::basis: break;  // checked per item
            }
        }
        if (pass) mask.set(u);
    }
    mask_cache_.emplace(key, mask);
    return mask;
}

Cmp cmp_of(const std::string& op) {
    if (op == ">=") return Cmp::ge;
    if (op == "<=") return Cmp::le;
    if (op == ">") return Cmp::gt;
    if (op == "<") return Cmp::lt;
    return Cmp::eq;
}

}  // namespace credo::engine::detail
