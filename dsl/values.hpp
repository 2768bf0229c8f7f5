// Exact values of the language: fixed-point numbers (hundredths) and calendar dates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace credo {

/// A number with at most two decimals, held exactly as hundredths (7.5 credits is 750).
using Centi = std::int64_t;

/// The largest number the language accepts, in hundredths (one billion).
constexpr Centi kMaxCenti = 100000000000;

/// Parses `digits[.d[d]]` into hundredths; empty when malformed, over two decimals or too large.
std::optional<Centi> parse_centi(std::string_view text);

/// Shortest form: 500 -> "5", 750 -> "7.5", 755 -> "7.55".
std::string format_centi(Centi value);

/// A calendar date as days since 1970-01-01.
using Date = std::int32_t;

struct Ymd {
    int year;
    int month;
    int day;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
Date days_from_civil(Ymd ymd);
Ymd civil_from_days(Date days);

/// Parses an ISO `YYYY-MM-DD` that names a real date.
std::optional<Date> parse_date(std::string_view text);

/// Why `text` is not a real date ("" when it is one), e.g. "2026-02 has 28 days".
std::string date_problem(std::string_view text);

std::string format_date(Date date);

/// `years` years and `months` months before `date`: the same day of the month, clamped to the
/// last day of the resulting month (29 February one year back is 28 February).
Date subtract_period(Date date, int years, int months);

}  // namespace credo
