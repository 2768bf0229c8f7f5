// Benchmark: parse + check a synthetic ruleset of 10,000 units, 1,000 awards and 5,000
// equivalences; prints the median and worst time of several runs and the peak memory.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/compile.hpp"
#include "tools/bench/synthetic_ruleset.hpp"

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::atoi(argv[1]) : 5;
    credo::bench::RulesetShape shape;
    std::string text = credo::bench::synthetic_ruleset(shape);
    std::vector<double> seconds;
    std::size_t errors = 0, warnings = 0;
    for (int r = 0; r < runs; ++r) {
        auto start = std::chrono::steady_clock::now();
        credo::engine::CompileResult result = credo::engine::compile_text(text, "synthetic.credo");
        auto stop = std::chrono::steady_clock::now();
        seconds.push_back(std::chrono::duration<double>(stop - start).count());
        errors = result.diagnostics.error_count();
        warnings = result.diagnostics.warning_count();
        if (!result.ruleset) {
            for (std::size_t i = 0; i < std::min<std::size_t>(5, result.diagnostics.list().size()); ++i)
                std::fprintf(stderr, "%s", credo::dsl::format_diagnostic(result.diagnostics.list()[i], result.files).c_str());
            return 1;
        }
    }
    std::sort(seconds.begin(), seconds.end());
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("ruleset: %d units, %d awards, %d equivalences, %zu bytes\n", shape.units, shape.awards,
                shape.equivalences, text.size());
    std::printf("parse + check: median %.3f s, worst %.3f s over %d runs (%zu errors, %zu warnings)\n",
                seconds[seconds.size() / 2], seconds.back(), runs, errors, warnings);
    std::printf("peak memory (max RSS): %.1f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    return 0;
}
