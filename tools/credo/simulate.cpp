// `credo simulate --before OLD --after NEW --cohort FILE.jsonl [--threads N] [--as-of DATE]
// [--report FILE]`: every learner of a cohort decided under both rulesets in parallel, and who
// gains and who loses each award, with the rule changes that can explain it.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include <unistd.h>

#include "dsl/loader.hpp"
#include "engine/evaluate.hpp"
#include "tools/credo/affecting.hpp"
#include "tools/credo/ruleset_diff.hpp"
#include "tools/credo/simulate_report.hpp"
#include "tools/credo/verbs.hpp"

namespace credo::tools {

namespace {

/// Cohort lines handed to a worker at a time.
constexpr std::size_t kChunkLines = 64;
/// Chunks read but not yet tallied, per worker thread: what bounds memory.
constexpr std::size_t kChunksInFlightPerThread = 4;

/// Consecutive lines of the cohort.
struct Chunk {
    std::uint64_t sequence = 0;
    std::uint64_t first_line = 0;  ///< 1-based line number of lines[0]
    std::vector<std::string> lines;
    std::uint64_t end_offset = 0;  ///< bytes of the cohort read up to the end of this chunk
};

/// One cohort record decided under both rulesets (or why it could not be).
struct LearnerOutcome {
    std::uint64_t line = 0;
    std::string learner;
    std::string error;                 ///< empty when decided under both
    std::vector<std::uint8_t> before;  ///< eligible (or held), by award index of the old ruleset
    std::vector<std::uint8_t> after;   ///< the same under the new ruleset
};

/// A chunk's records decided, blank lines left out.
struct ChunkOutcome {
    std::vector<LearnerOutcome> learners;
    std::uint64_t lines = 0;
    std::uint64_t end_offset = 0;
};

/// Chunks waiting for a worker, and decided chunks waiting to be tallied in cohort order.
class Pipeline {
public:
    void push(Chunk chunk) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            work_.push_back(std::move(chunk));
        }
        work_ready_.notify_one();
    }

    /// The next chunk to decide; false once closed and drained.
    bool pop(Chunk& chunk) {
        std::unique_lock<std::mutex> lock(mutex_);
        work_ready_.wait(lock, [this] { return !work_.empty() || closed_; });
        if (work_.empty()) return false;
        chunk = std::move(work_.front());
        work_.pop_front();
        return true;
    }

    void close() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            closed_ = true;
        }
        work_ready_.notify_all();
    }

    void done(std::uint64_t sequence, ChunkOutcome outcome) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_.emplace(sequence, std::move(outcome));
        }
        outcome_ready_.notify_all();
    }

    /// Waits for chunk `sequence` to be decided and takes it.
    ChunkOutcome take(std::uint64_t sequence) {
        std::unique_lock<std::mutex> lock(mutex_);
        outcome_ready_.wait(lock, [&] { return done_.count(sequence) != 0; });
        auto it = done_.find(sequence);
        ChunkOutcome outcome = std::move(it->second);
        done_.erase(it);
        return outcome;
    }

private:
    std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable outcome_ready_;
    std::deque<Chunk> work_;
    std::map<std::uint64_t, ChunkOutcome> done_;
    bool closed_ = false;
};

/// Decides records under both rulesets; one per worker thread (it owns its scratch space).
class Decider {
public:
    Decider(const engine::Ruleset& before, const engine::Ruleset& after, const engine::EvaluateOptions& options)
        : before_(before), after_(after), options_(options) {
        options_.scratch = &scratch_;
    }

    ChunkOutcome decide(const Chunk& chunk) {
        ChunkOutcome out;
        out.lines = chunk.lines.size();
        out.end_offset = chunk.end_offset;
        for (std::size_t i = 0; i < chunk.lines.size(); ++i) {
            const std::string& record = chunk.lines[i];
            if (record.find_first_not_of(" \t\r") == std::string::npos) continue;
            out.learners.push_back(decide_record(chunk.first_line + i, record));
        }
        return out;
    }

private:
    const engine::Ruleset& before_;
    const engine::Ruleset& after_;
    engine::SearchScratch scratch_;
    engine::EvaluateOptions options_;  ///< the shared options, with this worker's scratch
    engine::Learner learner_;
    engine::Decision decision_;

    LearnerOutcome decide_record(std::uint64_t line, const std::string& record) {
        LearnerOutcome out;
        out.line = line;
        std::string before_error = decide_side(before_, record, out.before, out.learner);
        std::string after_error = decide_side(after_, record, out.after, out.learner);
        if (before_error == after_error) out.error = before_error;
        else if (before_error.empty()) out.error = "under the new ruleset: " + after_error;
        else if (after_error.empty()) out.error = "under the old ruleset: " + before_error;
        else out.error = "under the old ruleset: " + before_error + "; under the new ruleset: " + after_error;
        return out;
    }

    /// Decides one side; returns the error, empty when decided.
    std::string decide_side(const engine::Ruleset& rs, const std::string& record, std::vector<std::uint8_t>& eligible,
                            std::string& learner) {
        std::string message, pointer;
        try {
            if (!tools::decide(rs, record, options_, learner_, decision_, message, pointer)) return message;
        } catch (const std::exception& e) {
            return std::string("internal error: ") + e.what();
        }
        learner = learner_.id;
        eligible.assign(rs.awards.size(), 0);
        for (const engine::AwardDecision& d : decision_.awards) eligible[d.award] = d.eligible ? 1 : 0;
        return std::string();
    }
};

/// A progress bar on standard error, redrawn at most ten times a second; nothing when disabled.
class Progress {
public:
    Progress(bool enabled, std::uint64_t total_bytes) : enabled_(enabled), total_(total_bytes) {}

    void update(std::uint64_t lines, std::uint64_t bytes) {
        if (!enabled_) return;
        auto now = std::chrono::steady_clock::now();
        if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        double seconds = std::chrono::duration<double>(now - start_).count();
        std::string text = "\r";
        if (total_) {
            const int width = 30;
            std::uint64_t done = std::min(bytes, total_);
            int filled = static_cast<int>(done * width / total_);
            text += "[" + std::string(static_cast<std::size_t>(filled), '#') +
                    std::string(static_cast<std::size_t>(width - filled), '.') + "] ";
            char percent[16];
            std::snprintf(percent, sizeof percent, "%3d%%  ", static_cast<int>(done * 100 / total_));
            text += percent;
        }
        char rate[64];
        std::snprintf(rate, sizeof rate, "%llu lines  %.0f/s", static_cast<unsigned long long>(lines),
                      seconds > 0 ? static_cast<double>(lines) / seconds : 0.0);
        text += rate;
        text += "\033[K";
        std::cerr << text << std::flush;
        shown_ = true;
    }

    /// Clears the bar, so that a message can be printed on a line of its own.
    void clear() {
        if (!shown_) return;
        std::cerr << "\r\033[K" << std::flush;
        shown_ = false;
    }

private:
    bool enabled_;
    std::uint64_t total_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_;
};

/// An award of either ruleset: its index in each (kNone when absent) and its CSV rule fields.
struct AwardColumn {
    engine::AwardIndex before = engine::kNone;
    engine::AwardIndex after = engine::kNone;
    std::string rule_fields;
};

/// Adds decided records, in cohort order, to the simulation (and the CSV rows to `csv`).
class Tally {
public:
    Tally(Simulation& simulation, std::vector<AwardColumn> columns, std::ostream* csv, Progress& progress,
          std::string cohort_name)
        : s_(simulation), columns_(std::move(columns)), csv_(csv), progress_(progress), cohort_(std::move(cohort_name)) {}

    void add(const LearnerOutcome& o) {
        if (!o.error.empty()) {
            ++s_.bad;
            if (s_.bad_lines.size() < kListedBadLines) s_.bad_lines.push_back(BadLine{o.line, o.error});
            progress_.clear();
            std::cerr << cohort_ << ":" << o.line << ": error: " << o.error << "\n";
            return;
        }
        ++s_.learners;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            const AwardColumn& c = columns_[i];
            bool before = c.before != engine::kNone && o.before[c.before];
            bool after = c.after != engine::kNone && o.after[c.after];
            AwardOutcome& a = s_.awards[i];
            a.eligible_before += before;
            a.eligible_after += after;
            if (before == after) continue;
            std::vector<ExampleLearner>& examples = after ? a.gained_examples : a.lost_examples;
            ++(after ? a.gained : a.lost);
            if (examples.size() < kExamples) examples.push_back(ExampleLearner{o.line, o.learner});
            if (csv_)
                *csv_ << csv_row(o.line, o.learner, a.id, state(c.before, before), state(c.after, after),
                                 c.rule_fields);
        }
    }

private:
    Simulation& s_;
    std::vector<AwardColumn> columns_;
    std::ostream* csv_;
    Progress& progress_;
    std::string cohort_;

    static const char* state(engine::AwardIndex award, bool eligible) {
        if (award == engine::kNone) return "absent";
        return eligible ? "eligible" : "not eligible";
    }
};

/// The worker threads; closes the pipeline and joins them when it goes out of scope.
class Workers {
public:
    Workers(Pipeline& pipeline, unsigned count, const engine::Ruleset& before, const engine::Ruleset& after,
            const engine::EvaluateOptions& options)
        : pipeline_(pipeline) {
        for (unsigned i = 0; i < count; ++i)
            threads_.emplace_back([&pipeline, &before, &after, &options] {
                Decider decider(before, after, options);
                Chunk chunk;
                while (pipeline.pop(chunk)) pipeline.done(chunk.sequence, decider.decide(chunk));
            });
    }
    ~Workers() {
        pipeline_.close();
        for (std::thread& t : threads_) t.join();
    }
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

private:
    Pipeline& pipeline_;
    std::vector<std::thread> threads_;
};

/// Reads the cohort a chunk at a time while at most `in_flight` chunks are untallied, and tallies
/// decided chunks in cohort order. False on a read error.
bool run_cohort(std::istream& in, unsigned threads, const engine::Ruleset& before, const engine::Ruleset& after,
                const engine::EvaluateOptions& options, Tally& tally, Progress& progress) {
    Pipeline pipeline;
    Workers workers(pipeline, threads, before, after, options);
    const std::size_t in_flight = kChunksInFlightPerThread * threads;
    std::uint64_t read = 0, tallied = 0, line = 0, offset = 0, lines_tallied = 0;
    bool end = false;
    std::string text;
    while (true) {
        while (!end && read - tallied < in_flight) {
            Chunk chunk;
            chunk.sequence = read;
            chunk.first_line = line + 1;
            while (chunk.lines.size() < kChunkLines && std::getline(in, text)) {
                offset += text.size() + 1;
                chunk.lines.push_back(std::move(text));
            }
            if (chunk.lines.size() < kChunkLines) end = true;
            if (chunk.lines.empty()) break;
            line += chunk.lines.size();
            chunk.end_offset = offset;
            pipeline.push(std::move(chunk));
            ++read;
        }
        if (tallied == read) break;
        ChunkOutcome outcome = pipeline.take(tallied++);
        for (const LearnerOutcome& o : outcome.learners) tally.add(o);
        lines_tallied += outcome.lines;
        progress.update(lines_tallied, outcome.end_offset);
    }
    return !in.bad();
}

/// The report's format from its file name's extension, or empty when it has none of ours.
std::string report_format(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    for (const char* known : {".md", ".json", ".csv", ".html"})
        if (extension == known) return extension.substr(1);
    return std::string();
}

struct SimulateOptions {
    std::string before;
    std::string after;
    std::string cohort;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::string as_of;
    std::string report;
};

RulesetInfo ruleset_info(const std::string& path, const engine::Ruleset& rs) {
    return RulesetInfo{path, rs.name, rs.version, rs.digest};
}

int run_simulate(const SimulateOptions& o) {
    std::string format = o.report.empty() ? "md" : report_format(o.report);
    if (format.empty()) {
        std::cerr << "credo simulate: --report " << o.report << ": the file name must end in .md, .json, .csv or .html\n";
        return kExitUsage;
    }
    engine::EvaluateOptions options;
    options.explain = false;
    options.entry = false;  // gains and losses are of eligibility; entry blocks are not reported
    options.detail = engine::EvaluateOptions::Detail::eligibility;
    if (!read_as_of("simulate", o.as_of, options)) return kExitUsage;

    int before_code = kExitOk, after_code = kExitOk;
    dsl::Program before_program, after_program;
    std::shared_ptr<const engine::Ruleset> before = load_ruleset(o.before, before_code, &before_program);
    std::shared_ptr<const engine::Ruleset> after = load_ruleset(o.after, after_code, &after_program);
    if (!before || !after) return std::max(before_code, after_code);

    std::ifstream cohort_file;
    std::istream* cohort = &std::cin;
    std::uint64_t cohort_bytes = 0;
    if (o.cohort != "-") {
        cohort_file.open(o.cohort, std::ios::binary);
        if (!cohort_file) {
            std::cerr << "credo simulate: cannot read '" << o.cohort << "'\n";
            return kExitUsage;
        }
        std::error_code error;
        if (std::filesystem::is_regular_file(o.cohort, error)) cohort_bytes = std::filesystem::file_size(o.cohort, error);
        if (error) cohort_bytes = 0;
        cohort = &cohort_file;
    }
    std::ofstream report_file;
    if (!o.report.empty()) {
        report_file.open(o.report, std::ios::binary | std::ios::trunc);
        if (!report_file) {
            std::cerr << "credo simulate: cannot write '" << o.report << "'\n";
            return kExitUsage;
        }
    }

    Simulation simulation;
    simulation.before = ruleset_info(o.before, *before);
    simulation.after = ruleset_info(o.after, *after);
    simulation.cohort = o.cohort;
    if (!o.as_of.empty()) simulation.as_of = o.as_of;
    simulation.changes = diff_rulesets(before_program, after_program);

    // Every award of either ruleset, by id.
    std::map<std::string, AwardColumn> by_id;
    for (engine::AwardIndex a = 0; a < before->awards.size(); ++a) by_id[before->awards[a].id].before = a;
    for (engine::AwardIndex a = 0; a < after->awards.size(); ++a) by_id[after->awards[a].id].after = a;
    const RulesetSide before_side{&before_program, before.get()};
    const RulesetSide after_side{&after_program, after.get()};
    std::vector<AwardColumn> columns;
    for (auto& [id, column] : by_id) {
        AwardOutcome a;
        a.id = id;
        a.in_before = column.before != engine::kNone;
        a.in_after = column.after != engine::kNone;
        a.title = a.in_after ? after->awards[column.after].title : before->awards[column.before].title;
        a.changes = changes_affecting(id, before_side, after_side, simulation.changes);
        column.rule_fields = csv_rule_fields(simulation, a);
        simulation.awards.push_back(std::move(a));
        columns.push_back(std::move(column));
    }

    std::ostream* csv = format == "csv" ? &report_file : nullptr;
    if (csv) *csv << csv_header();
    Progress progress(isatty(STDERR_FILENO) != 0, cohort_bytes);
    Tally tally(simulation, std::move(columns), csv, progress, o.cohort == "-" ? std::string("<stdin>") : o.cohort);
    bool read_ok = run_cohort(*cohort, o.threads, *before, *after, options, tally, progress);
    progress.clear();
    if (!read_ok) {
        std::cerr << "credo simulate: cannot read '" << o.cohort << "'\n";
        return kExitUsage;
    }

    std::string text;
    if (format == "md") text = simulation_markdown(simulation);
    else if (format == "json") text = simulation_json(simulation);
    else if (format == "html") text = simulation_html(simulation);
    std::ostream& out = o.report.empty() ? std::cout : report_file;
    out << text;
    out.flush();
    if (!out) {
        std::cerr << "credo simulate: cannot write '" << (o.report.empty() ? std::string("<stdout>") : o.report) << "'\n";
        return kExitUsage;
    }
    return simulation.bad ? kExitFailed : kExitOk;
}

}  // namespace

void add_simulate(CLI::App& app, Runner& run) {
    auto o = std::make_shared<SimulateOptions>();
    CLI::App* cmd = app.add_subcommand(
        "simulate",
        "Decide every learner of a cohort (JSON Lines) under an old and a new ruleset, in parallel, and report per "
        "award who is eligible before and after, who gains and who loses it, with the first learners of each (in "
        "cohort order) and the rule changes (as credo diff finds them) that can affect the award. Prints the report "
        "as Markdown, or writes it to --report FILE (.md, .json, .csv: one row per changed learner and award, .html: "
        "a page with a chart). A line that cannot be read or decided is reported on standard error as "
        "FILE:LINE: error: MESSAGE and the rest still run. Exit 0, 1 when a ruleset has errors or any line failed, "
        "2 on usage or I/O errors");
    cmd->add_option("--before", o->before, "Entry rule file of the old ruleset")->required();
    cmd->add_option("--after", o->after, "Entry rule file of the new ruleset")->required();
    cmd->add_option("--cohort", o->cohort, "JSON Lines file of learner records (- for standard input)")->required();
    cmd->add_option("--threads", o->threads, "Worker threads deciding learners (default: the number of cores)")
        ->check(CLI::Range(1u, 256u));
    cmd->add_option("--as-of", o->as_of, "Decide as of this date (YYYY-MM-DD); wins over each record's as_of");
    cmd->add_option("--report", o->report, "Write the report to this file, in the format its extension names "
                                           "(.md, .json, .csv, .html), instead of Markdown on standard output");
    cmd->callback([o, &run] { run = [o]() -> int { return run_simulate(*o); }; });
}

}  // namespace credo::tools
