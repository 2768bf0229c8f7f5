// Cycle finding over the policy graph with Boost.Graph's depth-first search.
#include "engine/graph.hpp"

#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

namespace credo::engine {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

/// Records the tree parent of each vertex and the first back edge found.
struct CycleVisitor : boost::default_dfs_visitor {
    std::vector<Vertex>* parent;
    std::pair<Vertex, Vertex>* back;
    bool* found;

    void tree_edge(Edge e, const Graph& g) const { (*parent)[boost::target(e, g)] = boost::source(e, g); }
    void back_edge(Edge e, const Graph& g) const {
        if (*found) return;
        *found = true;
        *back = {boost::source(e, g), boost::target(e, g)};
    }
};

}  // namespace

std::vector<std::uint32_t> find_cycle(std::size_t node_count,
                                      const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges) {
    Graph g(node_count);
    for (const auto& [from, to] : edges) boost::add_edge(from, to, g);
    std::vector<Vertex> parent(node_count);
    for (std::size_t v = 0; v < node_count; ++v) parent[v] = v;
    std::pair<Vertex, Vertex> back{0, 0};
    bool found = false;
    std::vector<boost::default_color_type> colors(node_count);
    CycleVisitor visitor;
    visitor.parent = &parent;
    visitor.back = &back;
    visitor.found = &found;
    auto color_map = boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, g));
    for (std::size_t v = 0; v < node_count && !found; ++v)
        if (colors[v] == boost::white_color) boost::depth_first_visit(g, v, visitor, color_map);
    if (!found) return {};
    // The back edge (u -> w) closes the tree path w -> ... -> u.
    std::vector<std::uint32_t> path;
    for (Vertex v = back.first;; v = parent[v]) {
        path.push_back(static_cast<std::uint32_t>(v));
        if (v == back.second) break;
    }
    std::reverse(path.begin(), path.end());
    path.push_back(static_cast<std::uint32_t>(back.second));
    return path;
}

std::vector<std::vector<std::uint32_t>> find_cycles(std::size_t node_count,
                                                    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges) {
    std::vector<std::vector<std::uint32_t>> cycles;
    for (;;) {
        std::vector<std::uint32_t> cycle = find_cycle(node_count, edges);
        if (cycle.empty()) return cycles;
        std::pair<std::uint32_t, std::uint32_t> closing{cycle[cycle.size() - 2], cycle.back()};
        edges.erase(std::remove(edges.begin(), edges.end(), closing), edges.end());
        cycles.push_back(std::move(cycle));
    }
}

}  // namespace credo::engine

// ---- The policy graph ----------------------------------------------------------------------

namespace credo::engine {

struct PolicyGraph::Impl {
    explicit Impl(std::size_t node_count) : graph(node_count) {}
    Graph graph;
};

const char* edge_kind_name(PolicyGraph::EdgeKind kind) {
    switch (kind) {
        case PolicyGraph::EdgeKind::requires_unit: return "requires";
        case PolicyGraph::EdgeKind::stacks: return "stacks";
        case PolicyGraph::EdgeKind::counts_toward: return "counts_toward";
        case PolicyGraph::EdgeKind::equivalence: return "equivalence";
    }
    return "requires";
}

namespace {

void prereq_leaves(const Prereq& p, std::vector<UnitIndex>& out) {
    if (p.op == Prereq::Op::unit) out.push_back(p.unit);
    for (const Prereq& t : p.terms) prereq_leaves(t, out);
}

}  // namespace

PolicyGraph::PolicyGraph(const Ruleset& rs) {
    unit_count_ = static_cast<std::uint32_t>(rs.units.size());
    for (UnitIndex u = 0; u < rs.units.size(); ++u) nodes_.push_back(Node{NodeKind::unit, u, rs.units[u].id});
    for (AwardIndex a = 0; a < rs.awards.size(); ++a) nodes_.push_back(Node{NodeKind::award, a, rs.awards[a].id});
    for (std::uint32_t n = 0; n < nodes_.size(); ++n) by_id_.emplace(nodes_[n].id, n);
    auto source_node = [&](const std::string& id) {
        auto it = by_id_.find(id);
        if (it != by_id_.end()) return it->second;
        std::uint32_t n = static_cast<std::uint32_t>(nodes_.size());
        nodes_.push_back(Node{NodeKind::source, n, id});
        by_id_.emplace(id, n);
        return n;
    };
    std::set<std::tuple<std::uint32_t, std::uint32_t, int>> seen;
    auto add = [&](std::uint32_t from, std::uint32_t to, EdgeKind kind) {
        if (seen.insert({from, to, static_cast<int>(kind)}).second) edges_.push_back(Edge{from, to, kind});
    };
    for (UnitIndex u = 0; u < rs.units.size(); ++u) {
        if (!rs.units[u].prereq) continue;
        std::vector<UnitIndex> needed;
        prereq_leaves(*rs.units[u].prereq, needed);
        for (UnitIndex p : needed) add(unit_node(p), unit_node(u), EdgeKind::requires_unit);
    }
    for (AwardIndex a = 0; a < rs.awards.size(); ++a) {
        Bitset counted(rs.units.size());  // units some requirement of the award can take
        for (const Requirement& r : rs.awards[a].requirements) {
            if (r.kind == Requirement::Kind::award) {
                add(award_node(r.award), award_node(a), EdgeKind::stacks);
                continue;
            }
            if (r.shared) continue;
            for (UnitIndex u : r.units) counted.set(u);
            if (r.kind != Requirement::Kind::all) counted |= r.selector.units;
        }
        counted.for_each([&](std::size_t u) {
            edges_.push_back(Edge{unit_node(static_cast<UnitIndex>(u)), award_node(a), EdgeKind::counts_toward});
        });
    }
    for (const Equivalence& e : rs.equivalences) {
        if (e.pattern) {
            add(source_node(*e.pattern + "*"), unit_node(e.target), EdgeKind::equivalence);
            continue;
        }
        for (const std::string& id : e.sources) add(source_node(id), unit_node(e.target), EdgeKind::equivalence);
    }
    impl_ = std::make_unique<Impl>(nodes_.size());
    for (const Edge& e : edges_) boost::add_edge(e.from, e.to, impl_->graph);
    // What leads to each node, compactly (edges grouped by target): a node's sources are
    // in_from_[in_start_[n]] to in_from_[in_start_[n + 1]].
    in_start_.assign(nodes_.size() + 1, 0);
    for (const Edge& e : edges_) ++in_start_[e.to + 1];
    for (std::size_t n = 0; n < nodes_.size(); ++n) in_start_[n + 1] += in_start_[n];
    in_from_.resize(edges_.size());
    std::vector<std::uint32_t> fill(in_start_.begin(), in_start_.end() - 1);
    for (const Edge& e : edges_) in_from_[fill[e.to]++] = e.from;
}

PolicyGraph::~PolicyGraph() = default;

std::uint32_t PolicyGraph::find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? kNone : it->second;
}

namespace {

/// Records every vertex a breadth-first search reaches.
struct ReachVisitor : boost::default_bfs_visitor {
    std::vector<bool>* reached;
    void discover_vertex(Vertex v, const Graph&) const { (*reached)[v] = true; }
};

}  // namespace

std::vector<AwardIndex> PolicyGraph::awards_reached_from(std::uint32_t node) const {
    std::vector<bool> reached(nodes_.size(), false);
    std::vector<boost::default_color_type> colors(nodes_.size());
    ReachVisitor visitor;
    visitor.reached = &reached;
    boost::breadth_first_search(
        impl_->graph, node,
        boost::visitor(visitor).color_map(
            boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, impl_->graph))));
    std::vector<AwardIndex> out;
    for (std::uint32_t n = 0; n < nodes_.size(); ++n)
        if (reached[n] && n != node && nodes_[n].kind == NodeKind::award) out.push_back(nodes_[n].index);
    return out;
}

std::vector<UnitIndex> PolicyGraph::prerequisite_order() const {
    Graph prereqs(unit_count_);
    for (const Edge& e : edges_)
        if (e.kind == EdgeKind::requires_unit) boost::add_edge(e.from, e.to, prereqs);
    std::vector<Vertex> reversed;
    boost::topological_sort(prereqs, std::back_inserter(reversed));
    return std::vector<UnitIndex>(reversed.rbegin(), reversed.rend());
}

std::vector<std::uint32_t> PolicyGraph::award_neighbourhood(AwardIndex award) const {
    // Edges walked backwards: what stacks into, counts toward, is required by or gives what is in.
    std::vector<bool> in(nodes_.size(), false);
    std::vector<std::uint32_t> work{award_node(award)};
    in[award_node(award)] = true;
    while (!work.empty()) {
        const std::uint32_t n = work.back();
        work.pop_back();
        for (std::uint32_t k = in_start_[n]; k < in_start_[n + 1]; ++k)
            if (!in[in_from_[k]]) in[in_from_[k]] = true, work.push_back(in_from_[k]);
    }
    std::vector<std::uint32_t> out;
    for (std::uint32_t n = 0; n < nodes_.size(); ++n)
        if (in[n]) out.push_back(n);
    return out;
}

namespace {

std::string dot_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::string dot_quote(const std::string& s) { return "\"" + dot_escape(s) + "\""; }

std::vector<bool> selected_nodes(const PolicyGraph& g, std::optional<AwardIndex> focus) {
    std::vector<bool> keep(g.nodes().size(), !focus);
    if (focus)
        for (std::uint32_t n : g.award_neighbourhood(*focus)) keep[n] = true;
    return keep;
}

/// A node's label lines: id, title, and its size.
std::vector<std::string> node_label(const Ruleset& rs, const PolicyGraph::Node& node) {
    switch (node.kind) {
        case PolicyGraph::NodeKind::unit: {
            const Unit& u = rs.units[node.index];
            return {u.id, u.title,
                    format_centi(u.credits) + " credits, level " + std::to_string(u.level) + (u.rpl_never ? ", rpl never" : "")};
        }
        case PolicyGraph::NodeKind::award: {
            const Award& a = rs.awards[node.index];
            return {a.id, a.title,
                    format_centi(a.credits) + " credits, " + award_class_name(a.award_class) + ", level " +
                        std::to_string(a.level)};
        }
        case PolicyGraph::NodeKind::source: return {node.id, "(outside the catalogue)"};
    }
    return {node.id};
}

}  // namespace

std::string policy_graph_dot(const Ruleset& rs, std::optional<AwardIndex> focus) {
    const PolicyGraph& g = *rs.graph;
    std::vector<bool> keep = selected_nodes(g, focus);
    std::string out = "digraph credo {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
                      "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    for (std::uint32_t n = 0; n < g.nodes().size(); ++n) {
        if (!keep[n]) continue;
        const PolicyGraph::Node& node = g.nodes()[n];
        std::string label;  // lines joined with DOT's line break
        for (const std::string& line : node_label(rs, node)) label += (label.empty() ? "" : "\\n") + dot_escape(line);
        const char* shape = node.kind == PolicyGraph::NodeKind::award    ? "shape=box, style=\"rounded,bold\""
                            : node.kind == PolicyGraph::NodeKind::unit   ? "shape=box"
                                                                         : "shape=note, color=gray50";
        out += "  " + dot_quote(node.id) + " [" + shape + ", label=\"" + label + "\"];\n";
    }
    for (const PolicyGraph::Edge& e : g.edges()) {
        if (!keep[e.from] || !keep[e.to]) continue;
        const char* style = "";
        switch (e.kind) {
            case PolicyGraph::EdgeKind::requires_unit: style = "style=dashed, label=\"requires\""; break;
            case PolicyGraph::EdgeKind::stacks: style = "style=bold, color=blue, label=\"stacks into\""; break;
            case PolicyGraph::EdgeKind::counts_toward: style = "color=gray40"; break;
            case PolicyGraph::EdgeKind::equivalence: style = "style=dotted, color=darkgreen, label=\"equivalent\""; break;
        }
        out += "  " + dot_quote(g.nodes()[e.from].id) + " -> " + dot_quote(g.nodes()[e.to].id) + " [" + style + "];\n";
    }
    return out + "}\n";
}

std::string policy_graph_json(const Ruleset& rs, std::optional<AwardIndex> focus) {
    const PolicyGraph& g = *rs.graph;
    std::vector<bool> keep = selected_nodes(g, focus);
    nlohmann::ordered_json nodes = nlohmann::ordered_json::array(), edges = nlohmann::ordered_json::array();
    for (std::uint32_t n = 0; n < g.nodes().size(); ++n) {
        if (!keep[n]) continue;
        const PolicyGraph::Node& node = g.nodes()[n];
        nlohmann::ordered_json j;
        j["id"] = node.id;
        if (node.kind == PolicyGraph::NodeKind::unit) {
            const Unit& u = rs.units[node.index];
            j["kind"] = "unit";
            j["title"] = u.title;
            j["credits"] = u.credits % 100 ? nlohmann::ordered_json(static_cast<double>(u.credits) / 100) : nlohmann::ordered_json(u.credits / 100);
            j["level"] = u.level;
        } else if (node.kind == PolicyGraph::NodeKind::award) {
            const Award& a = rs.awards[node.index];
            j["kind"] = "award";
            j["title"] = a.title;
            j["credits"] = a.credits % 100 ? nlohmann::ordered_json(static_cast<double>(a.credits) / 100) : nlohmann::ordered_json(a.credits / 100);
            j["level"] = a.level;
            j["class"] = award_class_name(a.award_class);
        } else {
            j["kind"] = "source";
        }
        nodes.push_back(std::move(j));
    }
    for (const PolicyGraph::Edge& e : g.edges())
        if (keep[e.from] && keep[e.to])
            edges.push_back({{"from", g.nodes()[e.from].id}, {"to", g.nodes()[e.to].id}, {"kind", edge_kind_name(e.kind)}});
    nlohmann::ordered_json out;
    out["nodes"] = std::move(nodes);
    out["edges"] = std::move(edges);
    return out.dump(2) + "\n";
}

}  // namespace credo::engine
