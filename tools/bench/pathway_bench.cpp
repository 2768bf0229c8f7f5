// Benchmark: pathways for learners of 30 credentials in the 50-award synthetic ruleset of
// eval_bench. Reports the time of one pathway (to the first award the learner is not eligible
// for) and of a decision with pathways to every award not eligible: median and p99.
// Usage: pathway_bench [LEARNERS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "engine/evaluate.hpp"
#include "engine/pathway.hpp"
#include "tools/bench/synthetic_ruleset.hpp"

namespace {

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

double micros(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double, std::micro>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
    const int learners = argc > 1 ? std::atoi(argv[1]) : 200;
    const std::shared_ptr<const credo::engine::Ruleset> ruleset = credo::bench::decision_ruleset();
    const credo::engine::Ruleset& rs = *ruleset;
    const credo::cohort::CohortGenerator generator(rs, credo::bench::decision_cohort_options());

    std::vector<double> one_us, all_us;
    std::size_t plans = 0, not_optimal = 0, impossible = 0;
    std::uint64_t steps = 0;
    for (int i = 0; i < learners; ++i) {
        const std::string record = generator.learner(static_cast<std::uint64_t>(i) + 1);
        credo::engine::Learner learner;
        credo::engine::LearnerError learner_error;
        if (!credo::engine::read_learner(record, rs, learner, learner_error)) {
            std::fprintf(stderr, "record %d rejected: %s\n", i, learner_error.what().c_str());
            return 1;
        }
        credo::engine::EvaluateOptions options;
        options.explain = false;
        credo::engine::Decision decision;
        credo::engine::EvaluateError error;
        if (!credo::engine::evaluate(rs, learner, options, decision, error)) {
            std::fprintf(stderr, "learner %d: %s\n", i, error.message.c_str());
            return 1;
        }
        auto target = std::find_if(decision.awards.begin(), decision.awards.end(),
                                   [](const credo::engine::AwardDecision& d) { return !d.eligible; });
        if (target != decision.awards.end()) {
            auto t0 = std::chrono::steady_clock::now();
            credo::engine::Pathway p =
                credo::engine::find_pathway(rs, learner, decision.as_of, target->award, credo::engine::PathwayOptions{});
            auto t1 = std::chrono::steady_clock::now();
            one_us.push_back(micros(t0, t1));
            steps += p.steps;
        }
        options.pathways = true;
        auto t0 = std::chrono::steady_clock::now();
        if (!credo::engine::evaluate(rs, learner, options, decision, error)) {
            std::fprintf(stderr, "learner %d with pathways: %s\n", i, error.message.c_str());
            return 1;
        }
        auto t1 = std::chrono::steady_clock::now();
        all_us.push_back(micros(t0, t1));
        for (const auto& d : decision.awards) {
            if (!d.pathway) continue;
            ++plans;
            not_optimal += d.pathway->possible && !d.pathway->optimal;
            impossible += !d.pathway->possible;
        }
    }
    std::printf("ruleset: %zu units, %zu awards; %d learners of 30 credentials\n", rs.units.size(), rs.awards.size(),
                learners);
    if (!one_us.empty())
        std::printf("one pathway (first award not eligible): median %.1f us, p99 %.1f us, %.1f search steps on average\n",
                    percentile(one_us, 0.5), percentile(one_us, 0.99),
                    static_cast<double>(steps) / static_cast<double>(one_us.size()));
    std::printf("decision with pathways to every award not eligible: median %.1f us, p99 %.1f us "
                "(%zu pathways: %zu not possible, %zu past the search budget)\n",
                percentile(all_us, 0.5), percentile(all_us, 0.99), plans, impossible, not_optimal);
    return 0;
}
