// A learner record (JSON) read and validated against a compiled ruleset.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.hpp"

namespace credo::engine {

/// One entry of `credentials`.
struct Credential {
    std::string id;
    std::string unit;         ///< as written; may be outside the catalogue
    UnitIndex catalogue = kNone;
    std::string institution;  ///< the unit id's prefix
    InstIndex home = kNone;   ///< that institution in the ruleset, or kNone when the ruleset does not declare it
    Date date = 0;
    std::optional<Centi> grade;
    Basis basis = Basis::earned;
    std::optional<Centi> credits;  ///< stated or the catalogue's
    std::optional<int> level;      ///< stated or the catalogue's
};

/// One entry of `awards_held`.
struct HeldAward {
    AwardIndex award = kNone;
    Date date = 0;
    std::vector<std::uint32_t> credentials;  ///< indices into Learner::credentials
};

/// One entry of `exceptions`: a registrar's decision for this learner.
struct RuleException {
    enum class Kind : std::uint8_t { waive, substitute };
    Kind kind = Kind::waive;
    AwardIndex award = kNone;
    std::uint32_t requirement = 0;  ///< index into the award's requirements, or its entry's when `entry`
    bool entry = false;
    UnitIndex unit = kNone;                    ///< substitute: the unit it stands for
    std::uint32_t credential = kNone;          ///< substitute: index into Learner::credentials
    std::string note;
};

struct Learner {
    std::string id;
    std::optional<Date> as_of;
    std::vector<Credential> credentials;
    std::vector<HeldAward> awards_held;
    std::vector<RuleException> exceptions;
};

/// Why a record was rejected: the field as a JSON pointer (`/credentials/3/date`) and what is wrong.
struct LearnerError {
    std::string pointer;
    std::string message;
    /// "/credentials/3/date: not a real date: 2026-02 has 28 days"
    std::string what() const { return (pointer.empty() ? std::string("/") : pointer) + ": " + message; }
};

/// Reads a learner record. Returns false and fills `error` when the record is rejected; nothing
/// is half-read (on failure `out` is left unspecified and must not be used).
bool read_learner(std::string_view json, const Ruleset& ruleset, Learner& out, LearnerError& error);

}  // namespace credo::engine
