// Helpers shared by tests: reading files and comparing with golden files.
#pragma once

#include <string>
#include <vector>

namespace credo::test {

/// The whole content of a file; fails the test when it cannot be read.
std::string read_text(const std::string& path);

/// Every file under `dir` (recursively) whose name ends with `suffix`, sorted.
std::vector<std::string> files_with_suffix(const std::string& dir, const std::string& suffix);

/// Compares `actual` with the golden file; with CREDO_UPDATE_GOLDEN=1 in the environment,
/// rewrites the golden file instead.
void check_golden(const std::string& golden_path, const std::string& actual);

/// Runs `fn` with the working directory set to `dir`, then restores it.
template <typename F>
auto in_directory(const std::string& dir, F&& fn) -> decltype(fn());

}  // namespace credo::test

#include <filesystem>

namespace credo::test {

template <typename F>
auto in_directory(const std::string& dir, F&& fn) -> decltype(fn()) {
    struct Restore {
        std::filesystem::path old = std::filesystem::current_path();
        ~Restore() { std::filesystem::current_path(old); }
    } restore;
    std::filesystem::current_path(dir);
    return fn();
}

}  // namespace credo::test
