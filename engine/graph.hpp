// The policy graph (Boost.Graph): cycle finding for the checker's prerequisite, stacking and pool
// cycles.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

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
