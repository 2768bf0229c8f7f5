// Names of model enumerations and lookups in a compiled ruleset.
#include "engine/model.hpp"

namespace credo::engine {

const char* basis_name(Basis b) {
    switch (b) {
        case Basis::earned: return "earned";
        case Basis::transfer: return "transfer";
        case Basis::experiential: return "experiential";
    }
    return "earned";
}

const char* cmp_name(Cmp c) {
    switch (c) {
        case Cmp::ge: return ">=";
        case Cmp::le: return "<=";
        case Cmp::gt: return ">";
        case Cmp::lt: return "<";
        case Cmp::eq: return "=";
    }
    return "=";
}

const char* award_class_name(AwardClass c) {
    switch (c) {
        case AwardClass::major: return "major";
        case AwardClass::minor: return "minor";
        case AwardClass::special_purpose: return "special-purpose";
        case AwardClass::supplemental: return "supplemental";
    }
    return "major";
}

bool compare(Centi left, Cmp cmp, Centi right) {
    switch (cmp) {
        case Cmp::ge: return left >= right;
        case Cmp::le: return left <= right;
        case Cmp::gt: return left > right;
        case Cmp::lt: return left < right;
        case Cmp::eq: return left == right;
    }
    return false;
}

UnitIndex Ruleset::find_unit(const std::string& id) const {
    auto it = unit_index.find(id);
    return it == unit_index.end() ? kNone : it->second;
}

AwardIndex Ruleset::find_award(const std::string& id) const {
    auto it = award_index.find(id);
    return it == award_index.end() ? kNone : it->second;
}

}  // namespace credo::engine
