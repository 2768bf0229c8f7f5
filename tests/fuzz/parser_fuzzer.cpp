// libFuzzer target for the parser and checker (configure with -DCREDO_FUZZ=ON and clang).
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/compile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    credo::engine::CompileResult result =
        credo::engine::compile_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.credo");
    if ((result.ruleset != nullptr) == result.diagnostics.has_errors()) __builtin_trap();
    return 0;
}
