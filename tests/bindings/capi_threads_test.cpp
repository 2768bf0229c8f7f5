// Concurrency test of the C API: one compiled ruleset, 8 threads each making many decisions (a mix of
// learners, options and credo_is_eligible calls); every result must equal the single-threaded one.
// CREDO_THREADS_ITERATIONS sets the decisions per thread (default 10000; the sanitizer run uses fewer).
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <credo/credo.h>

namespace {

constexpr int kThreads = 8;

const char* const kLearners[] = {"cert-earned", "dissertation-rpl", "future-dated", "low-grade-transfer",
                                 "msc-complete", "no-level8-entry", "rpl-at-cap", "rpl-over-cap",
                                 "sample", "substitute", "too-old"};

// Options variants; the first three decide as of a fixed date (one learner record may lack as_of).
const char* const kOptions[] = {
    "{\"as_of\":\"2026-11-28\"}",
    "{\"as_of\":\"2026-11-28\",\"explain\":false}",
    "{\"as_of\":\"2027-06-30\",\"awards\":[\"MTU:MSC-DA\",\"MTU:CERT-DA\"]}",
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::exit(1);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// One call: a full decision (as JSON) for an options variant, or `eligible=N` for an award.
struct Call {
    std::size_t learner;
    int kind;  ///< 0..2: credo_evaluate with kOptions[kind]; 3: credo_is_eligible for award `award`
    std::size_t award;
};

/// The result of a call as text, or "error CODE: message".
std::string run(const credo_ruleset* rs, const std::string& record, const Call& call) {
    credo_error* err = nullptr;
    std::string result;
    int rc;
    if (call.kind < 3) {
        char* decision = nullptr;
        rc = credo_evaluate(rs, record.data(), record.size(), kOptions[call.kind], &decision, &err);
        if (rc == CREDO_OK) result = decision;
        credo_string_free(decision);
    } else {
        int eligible = -1;
        rc = credo_is_eligible(rs, record.data(), record.size(), credo_ruleset_award_id(rs, call.award), &eligible,
                               &err);
        if (rc == CREDO_OK) result = "eligible=" + std::to_string(eligible);
    }
    if (rc != CREDO_OK) result = "error " + std::to_string(rc) + ": " + credo_error_message(err);
    credo_error_free(err);
    return result;
}

}  // namespace

int main() {
    const std::string dir = CREDO_SOURCE_DIR "/rulesets/microcred-l9";
    int iterations = 10000;
    if (const char* env = std::getenv("CREDO_THREADS_ITERATIONS")) iterations = std::atoi(env);

    credo_ruleset* rs = nullptr;
    credo_error* err = nullptr;
    if (credo_ruleset_load((dir + "/main.credo").c_str(), &rs, &err) != CREDO_OK) {
        std::fprintf(stderr, "cannot load the ruleset: %s\n", credo_error_message(err));
        credo_error_free(err);
        return 1;
    }
    std::vector<std::string> records;
    for (const char* name : kLearners) records.push_back(read_file(dir + "/learners/" + name + ".json"));

    // Every distinct call, and its single-threaded result.
    std::vector<Call> calls;
    for (std::size_t l = 0; l < records.size(); ++l) {
        for (int k = 0; k < 3; ++k) calls.push_back(Call{l, k, 0});
        for (std::size_t a = 0; a < credo_ruleset_award_count(rs); ++a) calls.push_back(Call{l, 3, a});
    }
    std::vector<std::string> expected;
    for (const Call& call : calls) {
        expected.push_back(run(rs, records[call.learner], call));
        if (expected.back().rfind("error", 0) == 0) {
            std::fprintf(stderr, "learner %s: %s\n", kLearners[call.learner], expected.back().c_str());
            return 1;
        }
    }

    std::atomic<long> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            // Each thread walks every call from its own starting point, so threads mix learners.
            std::size_t i = static_cast<std::size_t>(t) * 9;
            for (int n = 0; n < iterations; ++n, ++i) {
                const Call& call = calls[i % calls.size()];
                if (run(rs, records[call.learner], call) != expected[i % calls.size()]) {
                    if (mismatches.fetch_add(1) < 5)
                        std::fprintf(stderr, "thread %d, call %zu: result differs from the single-threaded one\n", t,
                                     i % calls.size());
                }
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    credo_ruleset_free(rs);
    if (mismatches.load() != 0) {
        std::fprintf(stderr, "capi_threads_test: %ld of %d results differ\n", mismatches.load(), kThreads * iterations);
        return 1;
    }
    std::printf("capi_threads_test: %d threads x %d decisions, all identical to the single-threaded results\n",
                kThreads, iterations);
    return 0;
}
