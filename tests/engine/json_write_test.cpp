// The JSON writer against nlohmann's dump: random documents walked into a JsonWriter give the
// same bytes, compact and pretty, strings with escapes, control bytes and UTF-8 included.
#include <random>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine/json_write.hpp"

namespace {

using ojson = nlohmann::ordered_json;

void walk(const ojson& v, credo::engine::JsonWriter& w) {
    switch (v.type()) {
        case ojson::value_t::object:
            w.begin_object();
            for (const auto& [k, member] : v.items()) {
                w.key(k);
                walk(member, w);
            }
            w.end_object();
            break;
        case ojson::value_t::array:
            w.begin_array();
            for (const ojson& element : v) walk(element, w);
            w.end_array();
            break;
        case ojson::value_t::string: w.string(v.get_ref<const std::string&>()); break;
        case ojson::value_t::boolean: w.boolean(v.get<bool>()); break;
        case ojson::value_t::number_integer:
        case ojson::value_t::number_unsigned: w.integer(v.get<std::int64_t>()); break;
        case ojson::value_t::number_float: w.number(v.get<double>()); break;
        default: w.null(); break;
    }
}

std::string written(const ojson& v, int indent) {
    credo::engine::JsonWriter w(indent);
    walk(v, w);
    return w.take();
}

ojson random_value(std::mt19937_64& rng, int depth) {
    static const char* const strings[] = {"", "c1", "a \"quoted\" word", "back\\slash", "tab\there", "line\nbreak",
                                          "\b\f\r", "\x01\x1f\x7f", "Se\xc3\xa1n \xc3\x93 Briain",
                                          "\xe2\x82\xac 5", "MTU:CERT-DA"};
    static const double numbers[] = {7.5, 0.25, 0.1, 1e30, 1234567.89, -2.5, 0.0};
    switch (depth > 3 ? rng() % 5 : rng() % 7) {
        case 0: return strings[rng() % (sizeof strings / sizeof *strings)];
        case 1: return static_cast<std::int64_t>(rng() % 2000) - 1000;
        case 2: return numbers[rng() % (sizeof numbers / sizeof *numbers)];
        case 3: return rng() % 2 == 0;
        case 4: return nullptr;
        case 5: {
            ojson a = ojson::array();
            for (std::size_t n = rng() % 4; n > 0; --n) a.push_back(random_value(rng, depth + 1));
            return a;
        }
        default: {
            ojson o = ojson::object();
            for (std::size_t n = rng() % 4; n > 0; --n)
                o[strings[rng() % (sizeof strings / sizeof *strings)]] = random_value(rng, depth + 1);
            return o;
        }
    }
}

}  // namespace

TEST_CASE("the JSON writer writes what nlohmann's dump writes", "[json]") {
    const ojson doc = ojson::parse(R"({"a": [1, -2, 7.5, true, null, "x\ty"], "b": {}, "c": [], "d": {"e": [[]]}})");
    CHECK(written(doc, -1) == R"({"a":[1,-2,7.5,true,null,"x\ty"],"b":{},"c":[],"d":{"e":[[]]}})");
    CHECK(written(doc, 2) == doc.dump(2));
    CHECK(written(ojson("\x01"), -1) == "\"\\u0001\"");

    std::mt19937_64 rng(20261202);
    for (int i = 0; i < 3000; ++i) {
        const ojson v = random_value(rng, 0);
        INFO("document: " << v.dump());
        for (int indent : {-1, 0, 2, 4}) REQUIRE(written(v, indent) == v.dump(indent));
    }
}

TEST_CASE("the JSON writer rejects bytes that are not UTF-8 as nlohmann does", "[json]") {
    credo::engine::JsonWriter w;
    CHECK_THROWS_AS(w.string("bad \xff byte"), nlohmann::json::type_error);
}
