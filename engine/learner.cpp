// Strict reading of learner records: every rejection names its field as a JSON pointer.
#include "engine/learner.hpp"

#include <cmath>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace credo::engine {

namespace {

using json = nlohmann::json;

/// Thrown inside the reader only; turned into a LearnerError at its boundary.
struct Rejection {
    std::string pointer;
    std::string message;
};

[[noreturn]] void reject(std::string pointer, std::string message) { throw Rejection{std::move(pointer), std::move(message)}; }

const char* type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "a value of another type";
    }
}

void check_fields(const json& object, const std::string& pointer, std::initializer_list<const char*> allowed) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char* a : allowed) known = known || it.key() == a;
        if (!known) reject(pointer + "/" + it.key(), "unknown field");
    }
}

const json& require_field(const json& object, const std::string& pointer, const char* name) {
    auto it = object.find(name);
    if (it == object.end()) reject(pointer + "/" + name, "missing field");
    return *it;
}

std::string require_string(const json& value, const std::string& pointer) {
    if (!value.is_string()) reject(pointer, std::string("expected a string, got ") + type_name(value));
    std::string s = value.get<std::string>();
    if (s.empty()) reject(pointer, "must not be empty");
    return s;
}

Date require_date(const json& value, const std::string& pointer) {
    std::string text = require_string(value, pointer);
    std::string problem = date_problem(text);
    if (!problem.empty()) reject(pointer, "not a real date (" + text + "): " + problem);
    return *parse_date(text);
}

/// A non-negative number with at most two decimals, held exactly.
Centi require_number(const json& value, const std::string& pointer) {
    if (!value.is_number()) reject(pointer, std::string("expected a number, got ") + type_name(value));
    if (value.is_number_unsigned()) {
        auto n = value.get<std::uint64_t>();
        if (n > static_cast<std::uint64_t>(kMaxCenti / 100)) reject(pointer, "number is too large");
        return static_cast<Centi>(n) * 100;
    }
    if (value.is_number_integer()) {
        auto n = value.get<std::int64_t>();
        if (n < 0) reject(pointer, "must not be negative");
        if (n > kMaxCenti / 100) reject(pointer, "number is too large");
        return n * 100;
    }
    double d = value.get<double>();
    if (!std::isfinite(d)) reject(pointer, "number is too large");
    if (d < 0) reject(pointer, "must not be negative");
    if (d * 100 > static_cast<double>(kMaxCenti)) reject(pointer, "number is too large");
    double scaled = d * 100;
    Centi centi = static_cast<Centi>(std::llround(scaled));
    if (std::fabs(scaled - static_cast<double>(centi)) > 1e-6) reject(pointer, "at most two decimals");
    return centi;
}

int require_level(const json& value, const std::string& pointer) {
    if (value.is_number_float()) reject(pointer, "expected a whole number, got " + value.dump());
    if (!value.is_number_integer() && !value.is_number_unsigned())
        reject(pointer, std::string("expected a whole number, got ") + type_name(value));
    bool in_range = value.is_number_unsigned()
                        ? value.get<std::uint64_t>() >= 1 && value.get<std::uint64_t>() <= 10
                        : value.get<std::int64_t>() >= 1 && value.get<std::int64_t>() <= 10;
    if (!in_range) reject(pointer, "level " + value.dump() + " is not an NFQ level (1 to 10)");
    return static_cast<int>(value.get<std::int64_t>());
}

std::string institution_of(const std::string& id) {
    auto colon = id.find(':');
    return colon == std::string::npos ? std::string() : id.substr(0, colon);
}

bool valid_unit_id(const std::string& id) {
    auto colon = id.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= id.size()) return false;
    if (!(id[0] >= 'A' && id[0] <= 'Z')) return false;
    for (std::size_t i = 1; i < colon; ++i) {
        char c = id[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    for (std::size_t i = colon + 1; i < id.size(); ++i) {
        char c = id[i];
        bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!(alnum || (i > colon + 1 && (c == '_' || c == '.' || c == '-')))) return false;
    }
    return true;
}

Credential read_credential(const json& c, const std::string& pointer, const Ruleset& rs) {
    if (!c.is_object()) reject(pointer, std::string("expected an object, got ") + type_name(c));
    check_fields(c, pointer, {"id", "unit", "date", "grade", "basis", "credits", "level"});
    Credential out;
    out.id = require_string(require_field(c, pointer, "id"), pointer + "/id");
    out.unit = require_string(require_field(c, pointer, "unit"), pointer + "/unit");
    if (!valid_unit_id(out.unit)) reject(pointer + "/unit", "not a unit id (INST:CODE): " + out.unit);
    if (rs.find_award(out.unit) != kNone)
        reject(pointer + "/unit", out.unit + " is an award; list conferred awards in awards_held");
    out.institution = institution_of(out.unit);
    out.date = require_date(require_field(c, pointer, "date"), pointer + "/date");
    if (auto g = c.find("grade"); g != c.end() && !g->is_null()) {
        Centi grade = require_number(*g, pointer + "/grade");
        if (grade > 10000) reject(pointer + "/grade", "a grade is at most 100");
        out.grade = grade;
    }
    if (auto b = c.find("basis"); b != c.end()) {
        std::string basis = require_string(*b, pointer + "/basis");
        if (basis == "earned") out.basis = Basis::earned;
        else if (basis == "transfer") out.basis = Basis::transfer;
        else if (basis == "experiential") out.basis = Basis::experiential;
        else reject(pointer + "/basis", "unknown basis '" + basis + "' (earned, transfer or experiential)");
    }
    if (auto k = c.find("credits"); k != c.end()) out.credits = require_number(*k, pointer + "/credits");
    if (auto l = c.find("level"); l != c.end()) out.level = require_level(*l, pointer + "/level");
    out.catalogue = rs.find_unit(out.unit);
    if (out.catalogue != kNone) {
        const Unit& u = rs.units[out.catalogue];
        if (out.credits && *out.credits != u.credits)
            reject(pointer + "/credits", "the catalogue gives " + out.unit + " " + format_centi(u.credits) +
                                             " credits, not " + format_centi(*out.credits));
        if (out.level && *out.level != u.level)
            reject(pointer + "/level", "the catalogue gives " + out.unit + " level " + std::to_string(u.level) +
                                           ", not " + std::to_string(*out.level));
        out.credits = u.credits;
        out.level = u.level;
    } else if (out.credits.has_value() != out.level.has_value()) {
        reject(pointer + (out.credits ? "/level" : "/credits"),
               out.unit + " is not in the catalogue: state both credits and level, or neither (" +
                   (out.credits ? "level" : "credits") + " is missing)");
    }
    if (out.credits && *out.credits == 0) reject(pointer + "/credits", "credits must be greater than 0");
    return out;
}

void read(const json& root, const Ruleset& rs, Learner& out) {
    if (!root.is_object()) reject("", std::string("expected an object, got ") + type_name(root));
    check_fields(root, "", {"learner", "as_of", "credentials", "awards_held", "exceptions"});
    out.id = require_string(require_field(root, "", "learner"), "/learner");
    if (auto a = root.find("as_of"); a != root.end() && !a->is_null()) out.as_of = require_date(*a, "/as_of");

    const json& credentials = require_field(root, "", "credentials");
    if (!credentials.is_array()) reject("/credentials", std::string("expected an array, got ") + type_name(credentials));
    std::unordered_map<std::string, std::uint32_t> by_id;
    for (std::size_t i = 0; i < credentials.size(); ++i) {
        std::string pointer = "/credentials/" + std::to_string(i);
        Credential c = read_credential(credentials[i], pointer, rs);
        auto [first, fresh] = by_id.emplace(c.id, static_cast<std::uint32_t>(i));
        if (!fresh)
            reject(pointer + "/id", "duplicate credential id '" + c.id + "' (first at /credentials/" +
                                        std::to_string(first->second) + ")");
        out.credentials.push_back(std::move(c));
    }

    if (auto held = root.find("awards_held"); held != root.end()) {
        if (!held->is_array()) reject("/awards_held", std::string("expected an array, got ") + type_name(*held));
        std::unordered_map<std::uint32_t, std::string> owner;  // credential -> pointer of its held award
        for (std::size_t i = 0; i < held->size(); ++i) {
            std::string pointer = "/awards_held/" + std::to_string(i);
            const json& h = (*held)[i];
            if (!h.is_object()) reject(pointer, std::string("expected an object, got ") + type_name(h));
            check_fields(h, pointer, {"award", "date", "credentials"});
            HeldAward award;
            std::string id = require_string(require_field(h, pointer, "award"), pointer + "/award");
            award.award = rs.find_award(id);
            if (award.award == kNone) reject(pointer + "/award", "unknown award " + id);
            for (const HeldAward& other : out.awards_held)
                if (other.award == award.award) reject(pointer + "/award", "award " + id + " is listed twice");
            award.date = require_date(require_field(h, pointer, "date"), pointer + "/date");
            if (auto cs = h.find("credentials"); cs != h.end()) {
                if (!cs->is_array()) reject(pointer + "/credentials", std::string("expected an array, got ") + type_name(*cs));
                for (std::size_t k = 0; k < cs->size(); ++k) {
                    std::string cp = pointer + "/credentials/" + std::to_string(k);
                    std::string cid = require_string((*cs)[k], cp);
                    auto found = by_id.find(cid);
                    if (found == by_id.end()) reject(cp, "unknown credential '" + cid + "'");
                    if (!owner.emplace(found->second, pointer).second)
                        reject(cp, "credential '" + cid + "' already belongs to " + owner[found->second]);
                    award.credentials.push_back(found->second);
                }
            }
            out.awards_held.push_back(std::move(award));
        }
    }

    if (auto exceptions = root.find("exceptions"); exceptions != root.end()) {
        if (!exceptions->is_array()) reject("/exceptions", std::string("expected an array, got ") + type_name(*exceptions));
        for (std::size_t i = 0; i < exceptions->size(); ++i) {
            std::string pointer = "/exceptions/" + std::to_string(i);
            const json& e = (*exceptions)[i];
            if (!e.is_object()) reject(pointer, std::string("expected an object, got ") + type_name(e));
            check_fields(e, pointer, {"award", "requirement", "kind", "unit", "credential", "note"});
            RuleException ex;
            std::string award_id = require_string(require_field(e, pointer, "award"), pointer + "/award");
            ex.award = rs.find_award(award_id);
            if (ex.award == kNone) reject(pointer + "/award", "unknown award " + award_id);
            const Award& award = rs.awards[ex.award];
            std::string label = require_string(require_field(e, pointer, "requirement"), pointer + "/requirement");
            bool found = false;
            for (std::uint32_t r = 0; r < award.requirements.size() && !found; ++r)
                if (award.requirements[r].name == label) ex.requirement = r, found = true;
            if (!found && award.entry)
                for (std::uint32_t r = 0; r < award.entry->requirements.size() && !found; ++r)
                    if (award.entry->requirements[r].name == label) ex.requirement = r, ex.entry = true, found = true;
            if (!found) reject(pointer + "/requirement", "award " + award_id + " has no requirement \"" + label + "\"");
            std::string kind = require_string(require_field(e, pointer, "kind"), pointer + "/kind");
            if (kind == "waive") {
                ex.kind = RuleException::Kind::waive;
                if (e.contains("unit")) reject(pointer + "/unit", "a waive takes no unit");
                if (e.contains("credential")) reject(pointer + "/credential", "a waive takes no credential");
            } else if (kind == "substitute") {
                ex.kind = RuleException::Kind::substitute;
                std::string unit = require_string(require_field(e, pointer, "unit"), pointer + "/unit");
                ex.unit = rs.find_unit(unit);
                if (ex.unit == kNone) reject(pointer + "/unit", "unknown unit " + unit + " (a substitute names a catalogue unit)");
                std::string cid = require_string(require_field(e, pointer, "credential"), pointer + "/credential");
                auto c = by_id.find(cid);
                if (c == by_id.end()) reject(pointer + "/credential", "unknown credential '" + cid + "'");
                ex.credential = c->second;
                const Requirement& req = ex.entry ? award.entry->requirements[ex.requirement] : award.requirements[ex.requirement];
                if (req.kind == Requirement::Kind::award)
                    reject(pointer + "/requirement", "a stacking requirement cannot take a substitute; waive it instead");
            } else {
                reject(pointer + "/kind", "unknown kind '" + kind + "' (waive or substitute)");
            }
            if (auto n = e.find("note"); n != e.end()) {
                if (!n->is_string()) reject(pointer + "/note", std::string("expected a string, got ") + type_name(*n));
                ex.note = n->get<std::string>();
            }
            out.exceptions.push_back(std::move(ex));
        }
    }
}

}  // namespace

bool read_learner(std::string_view text, const Ruleset& ruleset, Learner& out, LearnerError& error) {
    json root;
    try {
        root = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        // A syntax error, or a number too large for a double ("number overflow parsing '1e400'"),
        // as "[json.exception.parse_error.101] parse error at line 1, column 2: ...": without the tag.
        std::string what = e.what();
        if (what.rfind("[json.exception.", 0) == 0 && what.find("] ") != std::string::npos)
            what = what.substr(what.find("] ") + 2);
        error = LearnerError{"", "not valid JSON: " + what};
        return false;
    }
    try {
        out = Learner{};
        read(root, ruleset, out);
        return true;
    } catch (const Rejection& r) {
        error = LearnerError{r.pointer, r.message};
        return false;
    } catch (const json::exception& e) {
        error = LearnerError{"", e.what()};
        return false;
    }
}

}  // namespace credo::engine
