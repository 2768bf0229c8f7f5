// Golden diagnostics: each tests/data/check/NAME.credo beside NAME.err, the exact text
// `credo check` prints for it (empty when the file is clean).
#include <filesystem>

#include <catch2/catch.hpp>

#include "engine/compile.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;

TEST_CASE("check diagnostics match their golden files", "[golden][check]") {
    const std::string dir = std::string(CREDO_TEST_DATA) + "/check";
    auto inputs = credo::test::files_with_suffix(dir, ".credo");
    REQUIRE(!inputs.empty());
    for (const std::string& input : inputs) {
        std::string golden = input.substr(0, input.size() - 6) + ".err";
        if (!fs::exists(golden)) continue;  // an included file, checked through its includer
        std::string relative = fs::relative(input, dir).string();
        DYNAMIC_SECTION(relative) {
            std::string actual = credo::test::in_directory(dir, [&] {
                credo::engine::CompileResult result = credo::engine::compile_file(relative);
                std::string out;
                for (const auto& d : result.diagnostics.list()) out += credo::dsl::format_diagnostic(d, result.files);
                return out;
            });
            credo::test::check_golden(golden, actual);
        }
    }
}
