// Writes the decision benchmarks' synthetic ruleset (300 units, 50 awards, 100 equivalences) to a
// file, for benchmarks run through the credo program (tools/bench/simulate_bench.sh).
#include <cstdio>
#include <fstream>
#include <string>

#include "tools/bench/synthetic_ruleset.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_ruleset FILE.credo\n");
        return 2;
    }
    std::string text;
    credo::bench::decision_ruleset(&text);
    std::ofstream out(argv[1], std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        std::fprintf(stderr, "bench_ruleset: cannot write '%s'\n", argv[1]);
        return 2;
    }
    return 0;
}
