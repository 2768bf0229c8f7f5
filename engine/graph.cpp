// Cycle finding over the policy graph with Boost.Graph's depth-first search.
#include "engine/graph.hpp"

#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

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
