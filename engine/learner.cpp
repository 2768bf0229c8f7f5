// Strict reading of learner records: every rejection names its field as a JSON pointer.
//
// One pass of a SAX parser, with no document built: engine/json_scan.hpp for the plain JSON of
// the usual record, nlohmann's for anything else (and for its syntax error messages). Each
// credential is checked when its object closes and written straight into the Learner; the
// top-level fields, held awards and exceptions are kept as the parser gave them and checked
// once the text is known to be JSON. The checks report the problem a walk over the parsed
// document would meet first: a syntax error anywhere, then the record's type and its unknown
// fields (by key, the order in which a JSON object holds them), `learner`, `as_of`,
// `credentials`, each credential in turn, `awards_held`, then `exceptions`. A key given twice in
// one object keeps its last value.
#include "engine/learner.hpp"

#include <cmath>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/json_scan.hpp"

namespace credo::engine {

namespace {

using json = nlohmann::json;
using namespace std::string_view_literals;

/// The JSON type of a value as the record gave it; `absent` for a field that is not there.
enum class Kind : std::uint8_t { absent, null, boolean, signed_integer, unsigned_integer, floating, string, array, object };

const char* type_name(Kind kind) {
    switch (kind) {
        case Kind::null: return "null";
        case Kind::boolean: return "a boolean";
        case Kind::signed_integer:
        case Kind::unsigned_integer:
        case Kind::floating: return "a number";
        case Kind::string: return "a string";
        case Kind::array: return "an array";
        case Kind::object: return "an object";
        default: return "a value of another type";
    }
}

/// "expected an array, got a string" and the like.
std::string expected(const char* what, Kind got) { return std::string("expected ") + what + ", got " + type_name(got); }

/// Records the rejection of the record at `pointer`; false, for returning.
bool reject(LearnerError& error, std::string pointer, std::string message) {
    error = LearnerError{std::move(pointer), std::move(message)};
    return false;
}

/// One field as the parser gave it (the last one when its key repeats). Containers keep only
/// their kind, except where the reader descends into them.
struct Value {
    Kind kind = Kind::absent;
    std::int64_t signed_number = 0;
    std::uint64_t unsigned_number = 0;
    double float_number = 0;
    std::string text;  ///< a string's contents
};

/// The unknown key an object reports: the byte-wise smallest, as a JSON object holds its keys sorted.
struct UnknownKey {
    bool any = false;
    std::string key;

    void note(std::string_view k) {
        if (!any || k < key) key = k;
        any = true;
    }
};

/// A credential's fields while its object is read.
struct RawCredential {
    Value id, unit, date, grade, basis, credits, level;
    UnknownKey unknown;

    void reset() {
        id.kind = unit.kind = date.kind = grade.kind = basis.kind = credits.kind = level.kind = Kind::absent;
        unknown.any = false;
    }
};

/// An entry of `awards_held` as given.
struct RawHeldAward {
    Kind entry_kind = Kind::absent;  ///< the entry's own JSON type
    UnknownKey unknown;
    Value award, date;
    Value credentials;              ///< its kind; an array's entries are in `credential_ids`
    std::vector<Value> credential_ids;
};

/// An entry of `exceptions` as given.
struct RawException {
    Kind entry_kind = Kind::absent;  ///< the entry's own JSON type
    UnknownKey unknown;
    Value award, requirement, kind, unit, credential, note;
};

// The checks of one value. Each returns false with what is wrong in `why`; the caller names the field.

/// A string that is not empty.
bool string_value(const Value& v, std::string& why) {
    if (v.kind != Kind::string) {
        why = expected("a string", v.kind);
        return false;
    }
    if (v.text.empty()) {
        why = "must not be empty";
        return false;
    }
    return true;
}

/// A field that must be there, holding a string that is not empty.
bool required_string(const Value& v, std::string& why) {
    if (v.kind == Kind::absent) {
        why = "missing field";
        return false;
    }
    return string_value(v, why);
}

/// `text` as a date when it is a real one written YYYY-MM-DD, as parse_date reads it, without
/// building date_problem's message.
bool quick_date(std::string_view text, Date& out) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    bool digits = true;
    auto digit = [&](std::size_t i) {
        unsigned d = static_cast<unsigned char>(text[i]) - unsigned{'0'};
        digits = digits && d <= 9;
        return static_cast<int>(d);
    };
    int year = ((digit(0) * 10 + digit(1)) * 10 + digit(2)) * 10 + digit(3);
    int month = digit(5) * 10 + digit(6);
    int day = digit(8) * 10 + digit(9);
    if (!digits || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
    out = days_from_civil(Ymd{year, month, day});
    return true;
}

/// A real date written YYYY-MM-DD.
bool date_value(const Value& v, Date& out, std::string& why) {
    if (!string_value(v, why)) return false;
    if (quick_date(v.text, out)) return true;
    std::string problem = date_problem(v.text);
    if (!problem.empty()) {
        why = "not a real date (" + v.text + "): " + problem;
        return false;
    }
    out = *parse_date(v.text);
    return true;
}

bool required_date(const Value& v, Date& out, std::string& why) {
    if (v.kind == Kind::absent) {
        why = "missing field";
        return false;
    }
    return date_value(v, out, why);
}

/// A non-negative number with at most two decimals, held exactly.
bool number_value(const Value& v, Centi& out, std::string& why) {
    switch (v.kind) {
        case Kind::unsigned_integer:
            if (v.unsigned_number > static_cast<std::uint64_t>(kMaxCenti / 100)) return why = "number is too large", false;
            out = static_cast<Centi>(v.unsigned_number) * 100;
            return true;
        case Kind::signed_integer:
            if (v.signed_number < 0) return why = "must not be negative", false;
            if (v.signed_number > kMaxCenti / 100) return why = "number is too large", false;
            out = v.signed_number * 100;
            return true;
        case Kind::floating: {
            double d = v.float_number;
            if (!std::isfinite(d)) return why = "number is too large", false;
            if (d < 0) return why = "must not be negative", false;
            if (d * 100 > static_cast<double>(kMaxCenti)) return why = "number is too large", false;
            double scaled = d * 100;
            Centi centi = static_cast<Centi>(std::llround(scaled));
            if (std::fabs(scaled - static_cast<double>(centi)) > 1e-6) return why = "at most two decimals", false;
            out = centi;
            return true;
        }
        default: why = expected("a number", v.kind); return false;
    }
}

/// An NFQ level: a whole number from 1 to 10. A number is shown as nlohmann writes it.
bool level_value(const Value& v, int& out, std::string& why) {
    switch (v.kind) {
        case Kind::floating: why = "expected a whole number, got " + json(v.float_number).dump(); return false;
        case Kind::unsigned_integer:
            if (v.unsigned_number < 1 || v.unsigned_number > 10) {
                why = "level " + json(v.unsigned_number).dump() + " is not an NFQ level (1 to 10)";
                return false;
            }
            out = static_cast<int>(v.unsigned_number);
            return true;
        case Kind::signed_integer:
            if (v.signed_number < 1 || v.signed_number > 10) {
                why = "level " + json(v.signed_number).dump() + " is not an NFQ level (1 to 10)";
                return false;
            }
            out = static_cast<int>(v.signed_number);
            return true;
        default: why = expected("a whole number", v.kind); return false;
    }
}

/// Where the institution ends in a unit id (INST:CODE), or npos when it is not one.
std::size_t unit_id_colon(const std::string& id) {
    constexpr std::size_t kBad = std::string::npos;
    auto colon = id.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= id.size()) return kBad;
    if (!(id[0] >= 'A' && id[0] <= 'Z')) return kBad;
    for (std::size_t i = 1; i < colon; ++i) {
        char c = id[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return kBad;
    }
    for (std::size_t i = colon + 1; i < id.size(); ++i) {
        char c = id[i];
        bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!(alnum || (i > colon + 1 && (c == '_' || c == '.' || c == '-')))) return kBad;
    }
    return colon;
}

/// Checks a credential's fields and fills `out`. On failure `field` is what follows the
/// credential's pointer ("/date", "/ects") and `why` the message.
bool check_credential(RawCredential& raw, const Ruleset& rs, Credential& out, std::string& field, std::string& why) {
    if (raw.unknown.any) {
        field = "/" + raw.unknown.key;
        why = "unknown field";
        return false;
    }
    if (!required_string(raw.id, why)) return field = "/id", false;
    out.id = std::move(raw.id.text);
    if (!required_string(raw.unit, why)) return field = "/unit", false;
    out.unit = std::move(raw.unit.text);
    std::size_t colon = unit_id_colon(out.unit);
    if (colon == std::string::npos) return field = "/unit", why = "not a unit id (INST:CODE): " + out.unit, false;
    // Units and awards share one namespace (the compiler rejects an id declared as both), so a
    // catalogue unit is never an award: one lookup for the usual credential.
    out.catalogue = rs.find_unit(out.unit);
    if (out.catalogue == kNone && rs.find_award(out.unit) != kNone)
        return field = "/unit", why = out.unit + " is an award; list conferred awards in awards_held", false;
    out.institution.assign(out.unit, 0, colon);
    if (!required_date(raw.date, out.date, why)) return field = "/date", false;
    if (raw.grade.kind != Kind::absent && raw.grade.kind != Kind::null) {
        Centi grade = 0;
        if (!number_value(raw.grade, grade, why)) return field = "/grade", false;
        if (grade > 10000) return field = "/grade", why = "a grade is at most 100", false;
        out.grade = grade;
    }
    if (raw.basis.kind != Kind::absent) {
        if (!string_value(raw.basis, why)) return field = "/basis", false;
        const std::string_view basis(raw.basis.text);
        if (basis == "earned"sv) out.basis = Basis::earned;
        else if (basis == "transfer"sv) out.basis = Basis::transfer;
        else if (basis == "experiential"sv) out.basis = Basis::experiential;
        else return field = "/basis", why = "unknown basis '" + raw.basis.text + "' (earned, transfer or experiential)", false;
    }
    if (raw.credits.kind != Kind::absent) {
        Centi credits = 0;
        if (!number_value(raw.credits, credits, why)) return field = "/credits", false;
        out.credits = credits;
    }
    if (raw.level.kind != Kind::absent) {
        int level = 0;
        if (!level_value(raw.level, level, why)) return field = "/level", false;
        out.level = level;
    }
    if (out.catalogue != kNone) {
        const Unit& u = rs.units[out.catalogue];
        if (out.credits && *out.credits != u.credits) {
            field = "/credits";
            why = "the catalogue gives " + out.unit + " " + format_centi(u.credits) + " credits, not " +
                  format_centi(*out.credits);
            return false;
        }
        if (out.level && *out.level != u.level) {
            field = "/level";
            why = "the catalogue gives " + out.unit + " level " + std::to_string(u.level) + ", not " +
                  std::to_string(*out.level);
            return false;
        }
        out.credits = u.credits;
        out.level = u.level;
        out.home = u.institution;
    } else if (out.credits.has_value() != out.level.has_value()) {
        field = out.credits ? "/level" : "/credits";
        why = out.unit + " is not in the catalogue: state both credits and level, or neither (" +
              (out.credits ? "level" : "credits") + " is missing)";
        return false;
    }
    if (out.credits && *out.credits == 0) return field = "/credits", why = "credits must be greater than 0", false;
    if (out.catalogue == kNone)
        if (auto it = rs.institution_index.find(out.institution); it != rs.institution_index.end()) out.home = it->second;
    return true;
}

/// Credential ids to their index in Learner::credentials: open addressing over the indices,
/// so the ids are stored once, in the credentials themselves.
class CredentialIds {
public:
    void clear() {
        slots_.clear();
        size_ = 0;
    }

    /// The index of the credential with this id, or kNone.
    std::uint32_t find(const std::vector<Credential>& credentials, std::string_view id) const {
        if (slots_.empty()) return kNone;
        for (std::size_t at = start(id);; at = (at + 1) & (slots_.size() - 1)) {
            std::uint32_t index = slots_[at];
            if (index == kNone || credentials[index].id == id) return index;
        }
    }

    /// Adds credential `index` unless its id is already there; returns the earlier index, or kNone.
    std::uint32_t add(const std::vector<Credential>& credentials, std::uint32_t index) {
        if ((size_ + 1) * 2 > slots_.size()) grow(credentials);
        const std::string& id = credentials[index].id;
        std::size_t at = start(id);
        for (; slots_[at] != kNone; at = (at + 1) & (slots_.size() - 1))
            if (credentials[slots_[at]].id == id) return slots_[at];
        slots_[at] = index;
        ++size_;
        return kNone;
    }

private:
    /// FNV-1a: ids are short ("c1"), where it is cheaper than std::hash.
    std::size_t start(std::string_view id) const {
        std::uint64_t h = 14695981039346656037ull;
        for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        return static_cast<std::size_t>(h ^ (h >> 32)) & (slots_.size() - 1);
    }

    void grow(const std::vector<Credential>& credentials) {
        std::vector<std::uint32_t> old = std::move(slots_);
        slots_.assign(old.empty() ? 64 : old.size() * 2, kNone);
        for (std::uint32_t index : old) {
            if (index == kNone) continue;
            std::size_t at = start(credentials[index].id);
            while (slots_[at] != kNone) at = (at + 1) & (slots_.size() - 1);
            slots_[at] = index;
        }
    }

    std::vector<std::uint32_t> slots_;  ///< a power of two in size, at most half full; kNone is empty
    std::size_t size_ = 0;
};

/// Room made for credentials at the first one: a record seldom has more, and a list grown from
/// empty to 30 is moved five times on the way.
constexpr std::size_t kUsualCredentials = 32;

/// The SAX handler: follows where the parser is in the record and keeps what the checks need.
class RecordReader {
public:
    RecordReader(const Ruleset& rs, Learner& out) : rs_(rs), out_(out) {}

    // The events of nlohmann::json_sax.
    bool null() {
        scalar(Kind::null);
        return true;
    }
    bool boolean(bool) {
        scalar(Kind::boolean);
        return true;
    }
    bool number_integer(std::int64_t n) {
        if (Value* v = scalar(Kind::signed_integer)) v->signed_number = n;
        return true;
    }
    bool number_unsigned(std::uint64_t n) {
        if (Value* v = scalar(Kind::unsigned_integer)) v->unsigned_number = n;
        return true;
    }
    bool number_float(double n, const std::string&) {
        if (Value* v = scalar(Kind::floating)) v->float_number = n;
        return true;
    }
    bool string(std::string_view s) {  // engine/json_scan.hpp's event
        if (Value* v = scalar(Kind::string)) v->text.assign(s);
        return true;
    }
    bool string(std::string& s) { return string(std::string_view(s)); }
    bool binary(json::binary_t&) { return true; }  // never produced by JSON text
    bool start_object(std::size_t) { return open(Kind::object); }
    bool start_array(std::size_t) { return open(Kind::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string_view k);
    bool key(std::string& k) { return key(std::string_view(k)); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
        syntax_error_ = e.what();
        return false;
    }

    /// nlohmann's message for the syntax error that stopped the parse.
    const std::string& syntax_error() const { return syntax_error_; }

    /// After a parse without syntax errors: the checks that need the whole record, in reading order.
    bool finish(LearnerError& error);

private:
    /// Where the parser is: the container being read.
    enum class In : std::uint8_t { top, root, credentials, credential, held_list, held, held_credentials, exception_list, exception };
    /// Fields whose arrays the reader descends into.
    enum class Field : std::uint8_t { other, credentials, awards_held, exceptions, held_credentials };

    Value* scalar(Kind kind);
    bool open(Kind kind);
    bool close();
    void credential_done();
    void credential_fails(std::string field, std::string why);
    bool finish_held(LearnerError& error);
    bool finish_exceptions(LearnerError& error);

    const Ruleset& rs_;
    Learner& out_;
    std::string syntax_error_;

    In in_ = In::top;
    std::size_t skip_ = 0;     ///< depth inside a value the reader passes over
    Value* slot_ = nullptr;    ///< where the value after the last key goes (null: an unknown field)
    Field field_ = Field::other;

    Kind root_kind_ = Kind::absent;
    UnknownKey root_unknown_;
    Value learner_, as_of_, credentials_, awards_held_, exceptions_;

    RawCredential raw_;                  ///< the credential being read
    std::uint32_t credential_count_ = 0; ///< entries of `credentials` seen
    bool credential_failed_ = false;     ///< the first failing entry is in credential_error_
    LearnerError credential_error_;
    CredentialIds ids_;

    std::vector<RawHeldAward> held_;
    std::vector<RawException> exceptions_list_;
};

Value* RecordReader::scalar(Kind kind) {
    if (skip_ > 0) return nullptr;
    switch (in_) {
        case In::top: root_kind_ = kind; return nullptr;
        case In::root:
        case In::credential:
        case In::held:
        case In::exception:
            if (slot_) slot_->kind = kind;
            return slot_;
        case In::credentials:
            credential_fails("", expected("an object", kind));
            ++credential_count_;
            return nullptr;
        case In::held_list: held_.emplace_back().entry_kind = kind; return nullptr;
        case In::held_credentials: {
            Value& v = held_.back().credential_ids.emplace_back();
            v.kind = kind;
            return &v;
        }
        case In::exception_list: exceptions_list_.emplace_back().entry_kind = kind; return nullptr;
    }
    return nullptr;
}

bool RecordReader::open(Kind kind) {
    if (skip_ > 0) {
        ++skip_;
        return true;
    }
    bool array = kind == Kind::array;
    switch (in_) {
        case In::top:
            root_kind_ = kind;
            if (array) skip_ = 1;
            else in_ = In::root;
            return true;
        case In::root:
            if (slot_) slot_->kind = kind;
            if (array && field_ == Field::credentials) in_ = In::credentials;
            else if (array && field_ == Field::awards_held) in_ = In::held_list;
            else if (array && field_ == Field::exceptions) in_ = In::exception_list;
            else skip_ = 1;
            return true;
        case In::credentials:
            if (array) {
                credential_fails("", "expected an object, got an array");
                ++credential_count_;
                skip_ = 1;
            } else {
                raw_.reset();
                in_ = In::credential;
            }
            return true;
        case In::held_list:
            held_.emplace_back().entry_kind = kind;
            if (array) skip_ = 1;
            else in_ = In::held;
            return true;
        case In::held:
            if (slot_) slot_->kind = kind;
            if (array && field_ == Field::held_credentials) in_ = In::held_credentials;
            else skip_ = 1;
            return true;
        case In::exception_list:
            exceptions_list_.emplace_back().entry_kind = kind;
            if (array) skip_ = 1;
            else in_ = In::exception;
            return true;
        case In::credential:
        case In::exception:
            if (slot_) slot_->kind = kind;
            skip_ = 1;
            return true;
        case In::held_credentials:
            held_.back().credential_ids.emplace_back().kind = kind;
            skip_ = 1;
            return true;
    }
    return true;
}

bool RecordReader::close() {
    if (skip_ > 0) {
        --skip_;
        return true;
    }
    switch (in_) {
        case In::root: in_ = In::top; break;
        case In::credentials:
        case In::held_list:
        case In::exception_list: in_ = In::root; break;
        case In::credential:
            credential_done();
            in_ = In::credentials;
            break;
        case In::held: in_ = In::held_list; break;
        case In::held_credentials: in_ = In::held; break;
        case In::exception: in_ = In::exception_list; break;
        case In::top: break;
    }
    return true;
}

bool RecordReader::key(std::string_view k) {
    if (skip_ > 0) return true;
    slot_ = nullptr;
    field_ = Field::other;
    switch (in_) {
        case In::credential: {
            // The first byte picks the one field the key can be.
            auto field = [&](std::string_view name, Value& v) {
                if (k == name) slot_ = &v;
            };
            switch (k.empty() ? '\0' : k[0]) {
                case 'i': field("id"sv, raw_.id); break;
                case 'u': field("unit"sv, raw_.unit); break;
                case 'd': field("date"sv, raw_.date); break;
                case 'g': field("grade"sv, raw_.grade); break;
                case 'b': field("basis"sv, raw_.basis); break;
                case 'c': field("credits"sv, raw_.credits); break;
                case 'l': field("level"sv, raw_.level); break;
                default: break;
            }
            if (!slot_) raw_.unknown.note(k);
            break;
        }
        case In::root:
            if (k == "learner"sv) {
                slot_ = &learner_;
            } else if (k == "as_of"sv) {
                slot_ = &as_of_;
            } else if (k == "credentials"sv) {
                // A repeated key keeps its last value: start the list again.
                slot_ = &credentials_, field_ = Field::credentials;
                out_.credentials.clear();
                ids_.clear();
                credential_count_ = 0;
                credential_failed_ = false;
            } else if (k == "awards_held"sv) {
                slot_ = &awards_held_, field_ = Field::awards_held;
                held_.clear();
            } else if (k == "exceptions"sv) {
                slot_ = &exceptions_, field_ = Field::exceptions;
                exceptions_list_.clear();
            } else {
                root_unknown_.note(k);
            }
            break;
        case In::held: {
            RawHeldAward& h = held_.back();
            if (k == "award"sv) {
                slot_ = &h.award;
            } else if (k == "date"sv) {
                slot_ = &h.date;
            } else if (k == "credentials"sv) {
                slot_ = &h.credentials, field_ = Field::held_credentials;
                h.credential_ids.clear();
            } else {
                h.unknown.note(k);
            }
            break;
        }
        case In::exception: {
            RawException& e = exceptions_list_.back();
            if (k == "award"sv) slot_ = &e.award;
            else if (k == "requirement"sv) slot_ = &e.requirement;
            else if (k == "kind"sv) slot_ = &e.kind;
            else if (k == "unit"sv) slot_ = &e.unit;
            else if (k == "credential"sv) slot_ = &e.credential;
            else if (k == "note"sv) slot_ = &e.note;
            else e.unknown.note(k);
            break;
        }
        default: break;
    }
    return true;
}

void RecordReader::credential_fails(std::string field, std::string why) {
    if (credential_failed_) return;
    credential_failed_ = true;
    credential_error_ = LearnerError{"/credentials/" + std::to_string(credential_count_) + field, std::move(why)};
}

void RecordReader::credential_done() {
    std::uint32_t index = credential_count_;
    if (!credential_failed_) {
        std::string field, why;
        if (out_.credentials.capacity() < kUsualCredentials) out_.credentials.reserve(kUsualCredentials);
        Credential& c = out_.credentials.emplace_back();
        if (!check_credential(raw_, rs_, c, field, why)) {
            credential_fails(std::move(field), std::move(why));
        } else if (std::uint32_t first = ids_.add(out_.credentials, index); first != kNone) {
            credential_fails("/id", "duplicate credential id '" + c.id + "' (first at /credentials/" +
                                        std::to_string(first) + ")");
        }
    }
    ++credential_count_;
}

bool RecordReader::finish(LearnerError& error) {
    std::string why;
    if (root_kind_ != Kind::object) return reject(error, "", expected("an object", root_kind_));
    if (root_unknown_.any) return reject(error, "/" + root_unknown_.key, "unknown field");
    if (!required_string(learner_, why)) return reject(error, "/learner", why);
    out_.id = std::move(learner_.text);
    if (as_of_.kind != Kind::absent && as_of_.kind != Kind::null) {
        Date as_of = 0;
        if (!date_value(as_of_, as_of, why)) return reject(error, "/as_of", why);
        out_.as_of = as_of;
    }
    if (credentials_.kind == Kind::absent) return reject(error, "/credentials", "missing field");
    if (credentials_.kind != Kind::array)
        return reject(error, "/credentials", expected("an array", credentials_.kind));
    if (credential_failed_) {
        error = std::move(credential_error_);
        return false;
    }
    return finish_held(error) && finish_exceptions(error);
}

bool RecordReader::finish_held(LearnerError& error) {
    if (awards_held_.kind == Kind::absent) return true;
    if (awards_held_.kind != Kind::array)
        return reject(error, "/awards_held", expected("an array", awards_held_.kind));
    std::vector<std::uint32_t> owner;  // per credential: the held award it belongs to, or kNone
    std::string why;
    for (std::size_t i = 0; i < held_.size(); ++i) {
        RawHeldAward& h = held_[i];
        auto pointer = [i] { return "/awards_held/" + std::to_string(i); };
        if (h.entry_kind != Kind::object)
            return reject(error, pointer(), expected("an object", h.entry_kind));
        if (h.unknown.any) return reject(error, pointer() + "/" + h.unknown.key, "unknown field");
        HeldAward award;
        if (!required_string(h.award, why)) return reject(error, pointer() + "/award", why);
        const std::string& id = h.award.text;
        award.award = rs_.find_award(id);
        if (award.award == kNone) return reject(error, pointer() + "/award", "unknown award " + id);
        for (const HeldAward& other : out_.awards_held)
            if (other.award == award.award) return reject(error, pointer() + "/award", "award " + id + " is listed twice");
        if (!required_date(h.date, award.date, why)) return reject(error, pointer() + "/date", why);
        if (h.credentials.kind != Kind::absent) {
            if (h.credentials.kind != Kind::array)
                return reject(error, pointer() + "/credentials", expected("an array", h.credentials.kind));
            if (owner.empty()) owner.assign(out_.credentials.size(), kNone);
            for (std::size_t k = 0; k < h.credential_ids.size(); ++k) {
                const Value& cid = h.credential_ids[k];
                auto at = [&] { return pointer() + "/credentials/" + std::to_string(k); };
                if (!string_value(cid, why)) return reject(error, at(), why);
                std::uint32_t found = ids_.find(out_.credentials, cid.text);
                if (found == kNone) return reject(error, at(), "unknown credential '" + cid.text + "'");
                if (owner[found] != kNone)
                    return reject(error, at(), "credential '" + cid.text + "' already belongs to /awards_held/" +
                                          std::to_string(owner[found]));
                owner[found] = static_cast<std::uint32_t>(i);
                award.credentials.push_back(found);
            }
        }
        out_.awards_held.push_back(std::move(award));
    }
    return true;
}

bool RecordReader::finish_exceptions(LearnerError& error) {
    if (exceptions_.kind == Kind::absent) return true;
    if (exceptions_.kind != Kind::array)
        return reject(error, "/exceptions", expected("an array", exceptions_.kind));
    std::string why;
    for (std::size_t i = 0; i < exceptions_list_.size(); ++i) {
        RawException& e = exceptions_list_[i];
        auto pointer = [i] { return "/exceptions/" + std::to_string(i); };
        if (e.entry_kind != Kind::object)
            return reject(error, pointer(), expected("an object", e.entry_kind));
        if (e.unknown.any) return reject(error, pointer() + "/" + e.unknown.key, "unknown field");
        RuleException ex;
        if (!required_string(e.award, why)) return reject(error, pointer() + "/award", why);
        const std::string& award_id = e.award.text;
        ex.award = rs_.find_award(award_id);
        if (ex.award == kNone) return reject(error, pointer() + "/award", "unknown award " + award_id);
        const Award& award = rs_.awards[ex.award];
        if (!required_string(e.requirement, why)) return reject(error, pointer() + "/requirement", why);
        const std::string& label = e.requirement.text;
        bool found = false;
        for (std::uint32_t r = 0; r < award.requirements.size() && !found; ++r)
            if (award.requirements[r].name == label) ex.requirement = r, found = true;
        if (!found && award.entry)
            for (std::uint32_t r = 0; r < award.entry->requirements.size() && !found; ++r)
                if (award.entry->requirements[r].name == label) ex.requirement = r, ex.entry = true, found = true;
        if (!found) return reject(error, pointer() + "/requirement", "award " + award_id + " has no requirement \"" + label + "\"");
        if (!required_string(e.kind, why)) return reject(error, pointer() + "/kind", why);
        const std::string& kind = e.kind.text;
        if (kind == "waive") {
            ex.kind = RuleException::Kind::waive;
            if (e.unit.kind != Kind::absent) return reject(error, pointer() + "/unit", "a waive takes no unit");
            if (e.credential.kind != Kind::absent) return reject(error, pointer() + "/credential", "a waive takes no credential");
        } else if (kind == "substitute") {
            ex.kind = RuleException::Kind::substitute;
            if (!required_string(e.unit, why)) return reject(error, pointer() + "/unit", why);
            ex.unit = rs_.find_unit(e.unit.text);
            if (ex.unit == kNone)
                return reject(error, pointer() + "/unit", "unknown unit " + e.unit.text + " (a substitute names a catalogue unit)");
            if (!required_string(e.credential, why)) return reject(error, pointer() + "/credential", why);
            ex.credential = ids_.find(out_.credentials, e.credential.text);
            if (ex.credential == kNone) return reject(error, pointer() + "/credential", "unknown credential '" + e.credential.text + "'");
            const Requirement& req =
                ex.entry ? award.entry->requirements[ex.requirement] : award.requirements[ex.requirement];
            if (req.kind == Requirement::Kind::award)
                return reject(error, pointer() + "/requirement", "a stacking requirement cannot take a substitute; waive it instead");
        } else {
            return reject(error, pointer() + "/kind", "unknown kind '" + kind + "' (waive or substitute)");
        }
        if (e.note.kind != Kind::absent) {
            if (e.note.kind != Kind::string)
                return reject(error, pointer() + "/note", expected("a string", e.note.kind));
            ex.note = std::move(e.note.text);
        }
        out_.exceptions.push_back(std::move(ex));
    }
    return true;
}

}  // namespace

bool read_learner(std::string_view text, const Ruleset& ruleset, Learner& out, LearnerError& error) {
    // A fresh record, keeping the credential list's storage for the next one.
    auto fresh = [&] {
        std::vector<Credential> credentials = std::move(out.credentials);
        credentials.clear();
        out = Learner{};
        out.credentials = std::move(credentials);
    };
    fresh();
    std::string buffer;
    {
        RecordReader reader(ruleset, out);
        if (scan_json(text, reader, buffer)) return reader.finish(error);
    }
    // Not the plain JSON the scanner reads (or not JSON): nlohmann reads it, from the start.
    fresh();
    RecordReader reader(ruleset, out);
    if (!json::sax_parse(text.begin(), text.end(), &reader)) {
        // A syntax error, or a number too large for a double ("number overflow parsing '1e400'"),
        // as "[json.exception.parse_error.101] parse error at line 1, column 2: ...": without the tag.
        std::string what = reader.syntax_error();
        if (what.rfind("[json.exception.", 0) == 0 && what.find("] ") != std::string::npos)
            what = what.substr(what.find("] ") + 2);
        error = LearnerError{"", "not valid JSON: " + what};
        return false;
    }
    return reader.finish(error);
}

}  // namespace credo::engine
