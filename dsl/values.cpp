// Fixed-point numbers and calendar dates, exact and allocation-free.
#include "dsl/values.hpp"

#include <cstdio>

namespace credo {

std::optional<Centi> parse_centi(std::string_view text) {
    Centi whole = 0;
    std::size_t i = 0;
    if (text.empty() || text[0] < '0' || text[0] > '9') return std::nullopt;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        whole = whole * 10 + (text[i] - '0');
        if (whole * 100 > kMaxCenti) return std::nullopt;
    }
    Centi fraction = 0;
    if (i < text.size()) {
        if (text[i] != '.') return std::nullopt;
        std::size_t digits = text.size() - i - 1;
        if (digits == 0 || digits > 2) return std::nullopt;
        for (std::size_t k = i + 1; k < text.size(); ++k) {
            if (text[k] < '0' || text[k] > '9') return std::nullopt;
            fraction = fraction * 10 + (text[k] - '0');
        }
        if (digits == 1) fraction *= 10;
    }
    return whole * 100 + fraction;
}

std::string format_centi(Centi value) {
    std::string out;
    if (value < 0) {
        out += '-';
        value = -value;
    }
    out += std::to_string(value / 100);
    Centi fraction = value % 100;
    if (fraction != 0) {
        out += '.';
        out += static_cast<char>('0' + fraction / 10);
        if (fraction % 10 != 0) out += static_cast<char>('0' + fraction % 10);
    }
    return out;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

// Civil-calendar conversions over 400-year eras (proleptic Gregorian calendar).
Date days_from_civil(Ymd ymd) {
    int y = ymd.year - (ymd.month <= 2 ? 1 : 0);
    int era = (y >= 0 ? y : y - 399) / 400;
    int year_of_era = y - era * 400;
    int shifted_month = ymd.month + (ymd.month > 2 ? -3 : 9);
    int day_of_year = (153 * shifted_month + 2) / 5 + ymd.day - 1;
    int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

Ymd civil_from_days(Date days) {
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int day_of_era = z - era * 146097;
    int year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int shifted_month = (5 * day_of_year + 2) / 153;
    int day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    int month = shifted_month + (shifted_month < 10 ? 3 : -9);
    return Ymd{year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

namespace {

bool split_date(std::string_view text, Ymd& out) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    auto number = [&](std::size_t from, std::size_t count, int& value) {
        value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
            value = value * 10 + (text[i] - '0');
        }
        return true;
    };
    return number(0, 4, out.year) && number(5, 2, out.month) && number(8, 2, out.day);
}

}  // namespace

std::string date_problem(std::string_view text) {
    Ymd ymd{};
    if (!split_date(text, ymd)) return "a date is written YYYY-MM-DD";
    if (ymd.month < 1 || ymd.month > 12) return "month " + std::string(text.substr(5, 2)) + " does not exist";
    int days = days_in_month(ymd.year, ymd.month);
    if (ymd.day < 1 || ymd.day > days)
        return std::string(text.substr(0, 7)) + " has " + std::to_string(days) + " days";
    return "";
}

std::optional<Date> parse_date(std::string_view text) {
    Ymd ymd{};
    if (!date_problem(text).empty() || !split_date(text, ymd)) return std::nullopt;
    return days_from_civil(ymd);
}

std::string format_date(Date date) {
    Ymd ymd = civil_from_days(date);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", ymd.year, ymd.month, ymd.day);
    return buffer;
}

Date subtract_period(Date date, int years, int months) {
    Ymd ymd = civil_from_days(date);
    int total = ymd.year * 12 + (ymd.month - 1) - years * 12 - months;
    int year = total / 12;
    int month = total % 12 + 1;
    int day = ymd.day < days_in_month(year, month) ? ymd.day : days_in_month(year, month);
    return days_from_civil(Ymd{year, month, day});
}

}  // namespace credo
