// Policy graph tests: reachability, prerequisite order, golden DOT, and rendering with Graphviz
// when it is installed.
#include <cstdlib>
#include <filesystem>

#include <catch2/catch.hpp>

#include "engine/compile.hpp"
#include "engine/graph.hpp"
#include "tests/support.hpp"

using namespace credo::engine;

namespace {

const std::string kGraphData = std::string(CREDO_TEST_DATA) + "/graph";

std::shared_ptr<const Ruleset> example() {
    auto result = compile_file(kGraphData + "/language_example.credo");
    REQUIRE(result.ruleset);
    return result.ruleset;
}

std::vector<std::string> award_ids(const Ruleset& rs, const std::vector<AwardIndex>& awards) {
    std::vector<std::string> out;
    for (AwardIndex a : awards) out.push_back(rs.awards[a].id);
    return out;
}

}  // namespace

TEST_CASE("the policy graph says what a unit or award leads to", "[graph]") {
    auto rs = example();
    const PolicyGraph& g = *rs->graph;
    using V = std::vector<std::string>;
    // A unit of the certificate leads to the certificate and, by stacking, the MSc.
    CHECK(award_ids(*rs, g.awards_reached_from(g.find("MTU:DATA9003"))) == V{"MTU:CERT-DA", "MTU:MSC-DA"});
    // The capstone counts only toward the MSc.
    CHECK(award_ids(*rs, g.awards_reached_from(g.find("MTU:DATA9090"))) == V{"MTU:MSC-DA"});
    // An equivalence source leads through the unit it gives.
    CHECK(award_ids(*rs, g.awards_reached_from(g.find("TUS:COMP9101"))) == V{"MTU:CERT-DA", "MTU:MSC-DA"});
    // The certificate stacks into the MSc; the MSc leads nowhere further.
    CHECK(award_ids(*rs, g.awards_reached_from(g.find("MTU:CERT-DA"))) == V{"MTU:MSC-DA"});
    CHECK(g.awards_reached_from(g.find("MTU:MSC-DA")).empty());
    CHECK(g.find("MTU:NOPE") == kNone);
}

TEST_CASE("prerequisite order puts every unit after its prerequisites", "[graph]") {
    auto rs = example();
    std::vector<UnitIndex> order = rs->graph->prerequisite_order();
    REQUIRE(order.size() == rs->units.size());
    std::vector<std::size_t> position(rs->units.size());
    for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
    auto before = [&](const char* a, const char* b) { return position[rs->find_unit(a)] < position[rs->find_unit(b)]; };
    CHECK(before("MTU:DATA9001", "MTU:DATA9002"));
    CHECK(before("MTU:DATA9001", "MTU:DATA9004"));
    CHECK(before("MTU:DATA9002", "MTU:DATA9090"));
    CHECK(before("MTU:DATA9004", "MTU:DATA9090"));
}

TEST_CASE("the DOT output matches its golden files", "[graph][golden]") {
    auto rs = example();
    credo::test::check_golden(kGraphData + "/language_example.dot", policy_graph_dot(*rs, std::nullopt));
    credo::test::check_golden(kGraphData + "/language_example.cert.dot", policy_graph_dot(*rs, rs->find_award("MTU:CERT-DA")));
}

TEST_CASE("the JSON graph lists nodes and typed edges", "[graph]") {
    auto rs = example();
    std::string json = policy_graph_json(*rs, rs->find_award("MTU:CERT-DA"));
    CHECK(json.find("\"id\": \"MTU:CERT-DA\",\n      \"kind\": \"award\"") != std::string::npos);
    CHECK(json.find("\"from\": \"TUS:COMP9101\",\n      \"to\": \"MTU:DATA9001\",\n      \"kind\": \"equivalence\"") !=
          std::string::npos);
    CHECK(json.find("MTU:MSC-DA") == std::string::npos);
}

TEST_CASE("Graphviz renders the DOT output", "[graph]") {
    if (std::system("command -v dot >/dev/null 2>&1") != 0) {
        WARN("Graphviz is not installed: rendering not checked");
        return;
    }
    auto dir = std::filesystem::temp_directory_path() / "credo_graph_test";
    std::filesystem::create_directories(dir);
    std::string svg = (dir / "graph.svg").string();
    int rc = std::system(("dot -Tsvg '" + kGraphData + "/language_example.dot' -o '" + svg + "'").c_str());
    CHECK(rc == 0);
    CHECK(credo::test::read_text(svg).find("<svg") != std::string::npos);
    std::filesystem::remove_all(dir);
}
