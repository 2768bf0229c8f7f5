// Benchmark (Google Benchmark): credo_is_eligible and credo_evaluate through the C API for learners of 30
// credentials against a synthetic 50-award ruleset, JSON parsing of the record included. Besides the mean
// time per call, each benchmark reports the median (p50_us) and 99th percentile (p99_us) of single calls.
// Run: build/tools/bench/capi_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <credo/credo.h>

#include "engine/compile.hpp"
#include "tools/bench/synthetic_ruleset.hpp"

namespace {

constexpr int kLearners = 500;

/// The ruleset (compiled through the C API) and the learner records, made once.
struct Fixture {
    credo_ruleset* rs = nullptr;
    std::vector<std::string> records;
    std::vector<std::string> awards;

    Fixture() {
        std::string text;
        // The learner generator works on the engine's model of the same text.
        const std::shared_ptr<const credo::engine::Ruleset> model = credo::bench::decision_ruleset(&text);
        credo_error* err = nullptr;
        if (credo_ruleset_compile(text.data(), text.size(), "bench.credo", &rs, &err) != CREDO_OK) {
            std::fprintf(stderr, "synthetic ruleset does not compile: %s\n", credo_error_message(err));
            std::exit(1);
        }
        const credo::cohort::CohortGenerator generator(*model, credo::bench::decision_cohort_options());
        for (int i = 1; i <= kLearners; ++i) records.push_back(generator.learner(static_cast<std::uint64_t>(i)));
        for (std::size_t a = 0; a < credo_ruleset_award_count(rs); ++a) awards.push_back(credo_ruleset_award_id(rs, a));
    }
    ~Fixture() { credo_ruleset_free(rs); }
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

double percentile(std::vector<double>& v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

/// Times every call; reports p50_us and p99_us counters and the share of eligible answers.
template <class Call>
void run(benchmark::State& state, Call&& call) {
    const Fixture& f = fixture();
    std::vector<double> micros;
    micros.reserve(1 << 16);
    std::size_t k = 0, positive = 0;
    for (auto _ : state) {
        const std::string& record = f.records[k % f.records.size()];
        const std::string& award = f.awards[(k / f.records.size() + k) % f.awards.size()];
        auto start = std::chrono::steady_clock::now();
        int answer = call(f.rs, record, award);
        auto stop = std::chrono::steady_clock::now();
        if (answer < 0) {
            state.SkipWithError("the C API returned an error");
            break;
        }
        positive += static_cast<std::size_t>(answer);
        micros.push_back(std::chrono::duration<double, std::micro>(stop - start).count());
        ++k;
    }
    state.counters["p50_us"] = percentile(micros, 0.50);
    state.counters["p99_us"] = percentile(micros, 0.99);
    state.counters["eligible"] = k ? static_cast<double>(positive) / static_cast<double>(k) : 0.0;
}

/// One award for one learner: record parsed, decided, no explanation.
void BM_is_eligible(benchmark::State& state) {
    run(state, [](const credo_ruleset* rs, const std::string& record, const std::string& award) {
        int eligible = 0;
        if (credo_is_eligible(rs, record.data(), record.size(), award.c_str(), &eligible, nullptr) != CREDO_OK)
            return -1;
        return eligible;
    });
}

/// Every award for one learner, decision JSON written; `explain` as the argument says.
void BM_evaluate(benchmark::State& state) {
    const char* options = state.range(0) ? nullptr : "{\"explain\":false}";
    run(state, [options](const credo_ruleset* rs, const std::string& record, const std::string&) {
        char* decision = nullptr;
        if (credo_evaluate(rs, record.data(), record.size(), options, &decision, nullptr) != CREDO_OK) return -1;
        credo_string_free(decision);
        return 0;
    });
}

}  // namespace

BENCHMARK(BM_is_eligible)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_evaluate)->ArgName("explain")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
