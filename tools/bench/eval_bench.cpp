// Benchmark: learners of 30 credentials against a 50-award ruleset, every award decided, no
// pathways. Reports per-learner decision time (median, p99; JSON parsing and output excluded),
// the record parse time, and writes a cohort file for `credo eval --cohort --summary`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "engine/allocate.hpp"
#include "engine/compile.hpp"
#include "engine/evaluate.hpp"
#include "tools/bench/hard_instances.hpp"
#include "tools/bench/synthetic_ruleset.hpp"

namespace {

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
    int learners = argc > 1 ? std::atoi(argv[1]) : 2000;
    const char* cohort_path = argc > 2 ? argv[2] : nullptr;
    int cohort_size = argc > 3 ? std::atoi(argv[3]) : 100000;

    std::string rules;
    const std::shared_ptr<const credo::engine::Ruleset> ruleset = credo::bench::decision_ruleset(&rules);
    const credo::engine::Ruleset& rs = *ruleset;
    const credo::cohort::CohortGenerator generator(rs, credo::bench::decision_cohort_options());
    std::vector<double> parse_us, decide_us, items_us, entry_us, eligible_us, other_us;
    std::size_t eligible = 0, decided = 0;
    credo::engine::EvaluateOptions options;
    options.explain = std::getenv("CREDO_BENCH_EXPLAIN") != nullptr;
    credo::engine::SearchScratch scratch;  // kept from learner to learner, as a cohort run keeps it
    options.scratch = &scratch;
    for (int i = 0; i < learners; ++i) {
        std::string record = generator.learner(static_cast<std::uint64_t>(i) + 1);
        credo::engine::Learner learner;
        credo::engine::LearnerError learner_error;
        auto t0 = std::chrono::steady_clock::now();
        bool ok = credo::engine::read_learner(record, rs, learner, learner_error);
        auto t1 = std::chrono::steady_clock::now();
        if (!ok) {
            std::fprintf(stderr, "record %d rejected: %s\n", i, learner_error.what().c_str());
            return 1;
        }
        credo::engine::Decision decision;
        credo::engine::EvaluateError error;
        ok = credo::engine::evaluate(rs, learner, options, decision, error);
        auto t2 = std::chrono::steady_clock::now();
        if (!ok) {
            std::fprintf(stderr, "learner %d: %s\n", i, error.message.c_str());
            return 1;
        }
        for (const auto& d : decision.awards) eligible += d.eligible ? 1 : 0, ++decided;
        parse_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        decide_us.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
        // Where the decision's time goes: the same work as evaluate(), part by part.
        auto p0 = std::chrono::steady_clock::now();
        const credo::engine::ItemSet items = credo::engine::build_items(rs, learner, decision.as_of);
        auto p1 = std::chrono::steady_clock::now();
        credo::engine::AllocateOptions allocate_options;
        allocate_options.explain = options.explain;
        allocate_options.scratch = &scratch;
        double entry = 0, met = 0, unmet = 0;
        std::vector<bool> entry_decided(rs.awards.size(), false);  // per Award::entry_like, as evaluate() shares them
        for (credo::engine::AwardIndex a = 0; a < rs.awards.size(); ++a) {
            auto a0 = std::chrono::steady_clock::now();
            const credo::engine::AwardIndex like = rs.awards[a].entry_like;
            if (rs.awards[a].entry && (!learner.exceptions.empty() || !entry_decided[like])) {
                credo::engine::allocate_entry(rs, learner, items, a, allocate_options);
                entry_decided[like] = true;
            }
            auto a1 = std::chrono::steady_clock::now();
            bool yes = credo::engine::allocate(rs, learner, items, a, allocate_options).status ==
                       credo::engine::Allocation::Status::eligible;
            auto a2 = std::chrono::steady_clock::now();
            entry += std::chrono::duration<double, std::micro>(a1 - a0).count();
            (yes ? met : unmet) += std::chrono::duration<double, std::micro>(a2 - a1).count();
        }
        items_us.push_back(std::chrono::duration<double, std::micro>(p1 - p0).count());
        entry_us.push_back(entry);
        eligible_us.push_back(met);
        other_us.push_back(unmet);
    }
    std::printf("ruleset: %zu units, %zu awards; %d learners of 30 credentials (%zu of %zu award decisions eligible)\n",
                rs.units.size(), rs.awards.size(), learners, eligible, decided);
    std::printf("decision per learner (all awards): median %.1f us, p99 %.1f us\n", percentile(decide_us, 0.5),
                percentile(decide_us, 0.99));
    std::printf("record parse: median %.1f us, p99 %.1f us\n", percentile(parse_us, 0.5), percentile(parse_us, 0.99));
    std::printf("decision by part, median per learner: items %.1f us, entry blocks %.1f us, awards eligible %.1f us, "
                "awards not eligible %.1f us\n",
                percentile(items_us, 0.5), percentile(entry_us, 0.5), percentile(eligible_us, 0.5),
                percentile(other_us, 0.5));
    // Hard instances: 30 interchangeable credentials over one pool, overlapping requirements, a
    // nested award and an RPL cap; the worst time of one award decision.
    double worst_us = 0, worst_explained_us = 0;
    std::uint64_t worst_steps = 0;
    for (auto [transfers, cap] : {std::pair{0, 100}, std::pair{12, 25}, std::pair{12, 20}, std::pair{6, 50}}) {
        credo::bench::HardInstance h = credo::bench::hard_instance(transfers, cap);
        credo::engine::CompileResult hard = credo::engine::compile_text(h.rules, "hard.credo");
        credo::engine::Learner learner;
        credo::engine::LearnerError learner_error;
        if (!hard.ruleset || !credo::engine::read_learner(h.learner, *hard.ruleset, learner, learner_error)) return 1;
        credo::engine::ItemSet items = credo::engine::build_items(*hard.ruleset, learner, *learner.as_of);
        for (const char* award : {"MTU:OUTER", "MTU:INNER"}) {
            for (int rep = 0; rep < 20; ++rep) {
                for (bool explain : {false, true}) {
                    credo::engine::AllocateOptions allocate_options;
                    allocate_options.explain = explain;
                    auto t0 = std::chrono::steady_clock::now();
                    credo::engine::Allocation a = credo::engine::allocate(
                        *hard.ruleset, learner, items, hard.ruleset->find_award(award), allocate_options);
                    auto t1 = std::chrono::steady_clock::now();
                    if (a.status == credo::engine::Allocation::Status::budget_exceeded) return 1;
                    double us = std::chrono::duration<double, std::micro>(t1 - t0).count();
                    (explain ? worst_explained_us : worst_us) = std::max(explain ? worst_explained_us : worst_us, us);
                    worst_steps = std::max(worst_steps, a.steps);
                }
            }
        }
    }
    std::printf("hard instances: worst award decision %.1f us (%llu search steps); with the explanation "
                "(largest partial allocation) %.1f us\n",
                worst_us, static_cast<unsigned long long>(worst_steps), worst_explained_us);
    if (cohort_path) {
        std::ofstream rules_out(std::string(cohort_path) + ".credo");
        rules_out << rules;
        std::ofstream out(cohort_path);
        for (int i = 0; i < cohort_size; ++i)
            out << generator.learner(static_cast<std::uint64_t>(1000000 + i)) << "\n";
        std::printf("wrote %d records to %s and the ruleset to %s.credo\n", cohort_size, cohort_path, cohort_path);
    }
    return 0;
}
