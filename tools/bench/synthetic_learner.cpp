// Synthetic learner records for benchmarks.
#include "tools/bench/synthetic_learner.hpp"

#include <random>
#include <set>

#include <nlohmann/json.hpp>

namespace credo::bench {

std::string synthetic_learner(const engine::Ruleset& rs, int credentials, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    nlohmann::ordered_json j;
    j["learner"] = "L-" + std::to_string(seed);
    j["as_of"] = "2026-11-28";
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    // Units near a few awards' requirements, so that allocations have real choices.
    std::vector<engine::UnitIndex> pool;
    for (int k = 0; k < 3 && !rs.awards.empty(); ++k) {
        const engine::Award& award = rs.awards[rng() % rs.awards.size()];
        for (const engine::Requirement& r : award.requirements) {
            for (engine::UnitIndex u : r.units) pool.push_back(u);
            r.selector.units.for_each([&](std::size_t u) { pool.push_back(static_cast<engine::UnitIndex>(u)); });
        }
    }
    for (int i = 0; i < credentials; ++i) {
        nlohmann::ordered_json c;
        c["id"] = "c" + std::to_string(i + 1);
        int kind = static_cast<int>(rng() % 10);
        if (i == 0) {
            c["unit"] = "UCC:BSC-CS";
            c["credits"] = 240;
            c["level"] = 8;
            c["date"] = "2015-06-20";
        } else {
            engine::UnitIndex u = !pool.empty() && kind < 8 ? pool[rng() % pool.size()]
                                                           : static_cast<engine::UnitIndex>(rng() % rs.units.size());
            c["unit"] = rs.units[u].id;
            int year = 2019 + static_cast<int>(rng() % 7);
            c["date"] = std::to_string(year) + "-0" + std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10);
            if (rng() % 3) c["grade"] = 40 + static_cast<int>(rng() % 50);
            if (kind == 8) c["basis"] = "transfer";
            if (kind == 9) c["basis"] = "experiential";
        }
        list.push_back(std::move(c));
    }
    j["credentials"] = std::move(list);
    j["awards_held"] = nlohmann::ordered_json::array();
    j["exceptions"] = nlohmann::ordered_json::array();
    return j.dump();
}

}  // namespace credo::bench
