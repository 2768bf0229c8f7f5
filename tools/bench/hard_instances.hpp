// Generator of the hard allocation instances shared by the test and the benchmark.
#pragma once

#include <cstdio>
#include <string>

namespace credo::bench {

struct HardInstance {
    std::string rules;
    std::string learner;
};

/// A 30-unit pool under overlapping `credits from` and `N of` requirements, a nested award, and
/// a learner holding all 30 units, the first `transfers` of them by transfer; the outer award's
/// RPL cap is `cap_percent`.
inline HardInstance hard_instance(int transfers, int cap_percent) {
    HardInstance h;
    h.rules = "ruleset \"hard\" version \"1\"\ninstitution MTU \"Munster Technological University\"\n";
    for (int u = 1; u <= 30; ++u) {
        char id[16];
        std::snprintf(id, sizeof id, "MTU:P%02d", u);
        h.rules += std::string("unit ") + id + " \"Pool unit\" credits 5 level 9\n";
    }
    h.rules +=
        "pool p = MTU:P*\n"
        "award MTU:INNER \"Inner\" class minor level 9 credits 30 {\n"
        "  require \"a\" 20 credits from p\n"
        "  require \"b\" 2 of p\n"
        "}\n"
        "award MTU:OUTER \"Outer\" class major level 9 credits 120 {\n"
        "  require \"inner\" award MTU:INNER\n"
        "  require \"x\" 30 credits from p\n"
        "  require \"y\" 4 of p\n"
        "  require \"z\" 25 credits from p\n"
        "  require \"w\" 10 credits from MTU:P0*\n"
        "  require \"v\" 2 of p shared\n"
        "  limit rpl " + std::to_string(cap_percent) + "%\n"
        "}\n";
    h.learner = "{\"learner\": \"H\", \"as_of\": \"2026-11-28\", \"credentials\": [";
    for (int u = 1; u <= 30; ++u) {
        char entry[160];
        std::snprintf(entry, sizeof entry, "%s{\"id\": \"c%02d\", \"unit\": \"MTU:P%02d\", \"date\": \"2025-06-01\"%s}",
                      u > 1 ? ", " : "", u, u, u <= transfers ? ", \"basis\": \"transfer\"" : "");
        h.learner += entry;
    }
    h.learner += "]}";
    return h;
}

}  // namespace credo::bench
