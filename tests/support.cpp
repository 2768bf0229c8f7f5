// Shared test helpers: file reading and golden-file comparison.
#include "tests/support.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

namespace credo::test {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    INFO("reading " << path);
    REQUIRE(in.good());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<std::string> files_with_suffix(const std::string& dir, const std::string& suffix) {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        const std::string path = entry.path().string();
        if (entry.is_regular_file() && path.size() >= suffix.size() &&
            path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(path);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void check_golden(const std::string& golden_path, const std::string& actual) {
    const char* update = std::getenv("CREDO_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::ofstream(golden_path, std::ios::binary) << actual;
        return;
    }
    INFO("golden file " << golden_path << " (CREDO_UPDATE_GOLDEN=1 rewrites it)");
    CHECK(read_text(golden_path) == actual);
}

}  // namespace credo::test
