// Depth-first loading of included rule files, with include-cycle detection.
#include "dsl/loader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dsl/parser.hpp"

namespace credo::dsl {

namespace fs = std::filesystem;

bool read_file(const std::string& path, std::string& text, std::string& error) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        error = "is a directory";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = fs::exists(path, ec) ? "permission denied" : "no such file";
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    return true;
}

namespace {

std::string normal_key(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::path(path), ec);
    if (ec) p = fs::absolute(fs::path(path), ec).lexically_normal();
    return p.string();
}

class Loader {
public:
    Loader(Program& program, const FileReader& reader) : program_(program), reader_(reader) {}

    void load(std::string text, const std::string& path) {
        std::uint32_t index = static_cast<std::uint32_t>(program_.files.size());
        program_.files.emplace_back(index, path, std::move(text));
        program_.asts.emplace_back();
        program_.asts[index] = parse_file(program_.files[index], program_.diagnostics);
        std::string key = normal_key(path);
        loaded_.push_back(key);
        stack_.push_back(key);
        stack_paths_.push_back(path);
        // Follow includes in declaration order, depth first. Copy the paths first: loading
        // appends to program_.asts.
        std::vector<ast::IncludeDecl> includes;
        for (const ast::Declaration& d : program_.asts[index].declarations)
            if (auto inc = std::get_if<ast::IncludeDecl>(&d)) includes.push_back(*inc);
        for (const ast::IncludeDecl& inc : includes) follow(inc, path);
        stack_.pop_back();
        stack_paths_.pop_back();
    }

private:
    void follow(const ast::IncludeDecl& inc, const std::string& from) {
        fs::path base = fs::path(from).parent_path();
        std::string target = (base / inc.path.text).lexically_normal().string();
        std::string key = normal_key(target);
        for (std::size_t i = 0; i < stack_.size(); ++i) {
            if (stack_[i] != key) continue;
            std::string cycle;
            for (std::size_t k = i; k < stack_paths_.size(); ++k) cycle += stack_paths_[k] + " -> ";
            cycle += target;
            program_.diagnostics.error(inc.path.loc, "include cycle: " + cycle);
            return;
        }
        for (const std::string& done : loaded_)
            if (done == key) return;
        std::string text, error;
        if (!reader_(target, text, error)) {
            program_.diagnostics.error(inc.path.loc, "cannot read included file '" + target + "': " + error);
            return;
        }
        load(std::move(text), target);
    }

    Program& program_;
    const FileReader& reader_;
    std::vector<std::string> loaded_;
    std::vector<std::string> stack_;
    std::vector<std::string> stack_paths_;
};

}  // namespace

Program load_program(const std::string& path, const FileReader& reader) {
    Program program;
    std::string text, error;
    if (!reader(path, text, error)) {
        program.diagnostics.error(ast::Loc{}, "cannot read '" + path + "': " + error);
        return program;
    }
    return load_program_text(std::move(text), path, reader);
}

Program load_program_text(std::string text, const std::string& name, const FileReader& reader) {
    Program program;
    Loader(program, reader).load(std::move(text), name);
    program.loaded = true;
    return program;
}

}  // namespace credo::dsl
