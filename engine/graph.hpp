// The policy graph (Boost.Graph): cycle finding for the checker's prerequisite, stacking and pool
// cycles, and the graph of units and awards for reachability, prerequisite order and DOT.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/model.hpp"

namespace credo::engine {

/// A directed cycle among `node_count` nodes joined by `edges` (from, to), as the node path with
/// its first node repeated at the end; empty when the edges form no cycle. Deterministic: the
/// search starts from the lowest node index and follows edges in the order given.
std::vector<std::uint32_t> find_cycle(std::size_t node_count,
                                      const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges);

/// Every cycle `find_cycle` reports when, after each one, the edge that closes it (the last step
/// of its path, every copy of it) is removed and the search repeated; empty when there are none.
/// Each cycle is reported once, in the order found.
std::vector<std::vector<std::uint32_t>> find_cycles(std::size_t node_count,
                                                    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges);

}  // namespace credo::engine

namespace credo::engine {

/// The policy graph of a compiled ruleset: units, awards and outside sources of equivalences as
/// nodes; edges say what leads to what. Built once when a ruleset compiles; immutable.
class PolicyGraph {
public:
    enum class NodeKind : std::uint8_t { unit, award, source };
    /// requires: prerequisite -> unit; stacks: nested award -> the award that requires it;
    /// counts_toward: unit -> award with a requirement that can take it; equivalence: source ->
    /// the unit it gives.
    enum class EdgeKind : std::uint8_t { requires_unit, stacks, counts_toward, equivalence };

    struct Node {
        NodeKind kind = NodeKind::unit;
        std::uint32_t index = 0;  ///< UnitIndex or AwardIndex; for a source, index into sources()
        std::string id;
    };
    struct Edge {
        std::uint32_t from = 0;
        std::uint32_t to = 0;
        EdgeKind kind = EdgeKind::requires_unit;
    };

    explicit PolicyGraph(const Ruleset& ruleset);
    ~PolicyGraph();
    PolicyGraph(const PolicyGraph&) = delete;
    PolicyGraph& operator=(const PolicyGraph&) = delete;

    const std::vector<Node>& nodes() const { return nodes_; }
    const std::vector<Edge>& edges() const { return edges_; }
    std::uint32_t unit_node(UnitIndex u) const { return u; }
    std::uint32_t award_node(AwardIndex a) const { return unit_count_ + a; }
    /// The node of an id (unit, award or outside source), or kNone.
    std::uint32_t find(const std::string& id) const;

    /// The awards a node leads to (through prerequisites, counting, stacking and equivalence),
    /// in award order; an award does not list itself.
    std::vector<AwardIndex> awards_reached_from(std::uint32_t node) const;
    /// Catalogue units ordered so that each comes after its prerequisites (ties by unit order).
    std::vector<UnitIndex> prerequisite_order() const;
    /// The nodes an award depends on: itself, the awards it stacks, the units that count toward
    /// them, their prerequisites and the sources equivalent to them.
    std::vector<std::uint32_t> award_neighbourhood(AwardIndex award) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::uint32_t unit_count_ = 0;
    std::vector<Node> nodes_;
    std::vector<Edge> edges_;
    std::vector<std::uint32_t> in_start_, in_from_;  ///< what leads to each node (see the constructor)
    std::unordered_map<std::string, std::uint32_t> by_id_;
};

const char* edge_kind_name(PolicyGraph::EdgeKind kind);

/// Graphviz DOT: nodes labelled with id, title and credits; edge kinds styled apart. With
/// `focus`, only that award's neighbourhood.
std::string policy_graph_dot(const Ruleset& ruleset, std::optional<AwardIndex> focus);

/// The same graph as JSON: {"nodes": [...], "edges": [...]}.
std::string policy_graph_json(const Ruleset& ruleset, std::optional<AwardIndex> focus);

}  // namespace credo::engine
