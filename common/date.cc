// Date parsing: see date.h.
#include "common/date.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <regex>

namespace ndx {
namespace {

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return kDays[static_cast<std::size_t>(m - 1)];
}

std::optional<Date> make(int y, int m, int d) {
    if (!valid_date(y, m, d)) return std::nullopt;
    return Date{y, m, d};
}

// 1-12 for an English month name or its abbreviation (case-insensitive), else 0.
int month_number(std::string_view word) {
    static constexpr std::array<const char*, 12> kNames = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    std::string w;
    for (char c : word)
        if (c != '.') w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (w.size() < 3) return 0;
    if (w == "sept") return 9;
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        std::string_view name = kNames[i];
        if (w == name || (w.size() == 3 && name.substr(0, 3) == w)) return static_cast<int>(i) + 1;
    }
    return 0;
}

const std::regex& iso_re() {
    static const std::regex re(
        R"(^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?\s*$)",
        std::regex::icase);
    return re;
}
const std::regex& compact_re() {
    static const std::regex re(R"(^\s*(\d{4})(\d{2})(\d{2})\s*$)");
    return re;
}
// "Tue, 03 Oct 2023 ..." and "3 October 2023"
const std::regex& day_month_year_re() {
    static const std::regex re(
        R"(^\s*(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9}\.?)\s+(\d{4})(?:\s+.*)?$)");
    return re;
}
// "October 3, 2023", "Oct. 3 2023", "Tuesday, October 3, 2023 10:00"
const std::regex& month_day_year_re() {
    static const std::regex re(
        R"(^\s*(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:\W.*)?$)");
    return re;
}
const std::regex& month_day_year_search_re() {
    static const std::regex re(
        R"(\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b)");
    return re;
}
const std::regex& day_month_year_search_re() {
    static const std::regex re(
        R"(\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)\.?,?\s+(\d{4})\b)");
    return re;
}
const std::regex& iso_search_re() {
    static const std::regex re(R"(\b(\d{4})-(\d{2})-(\d{2})\b)");
    return re;
}

}  // namespace

bool valid_date(int y, int m, int d) {
    return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::compact() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
    return buf;
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() > 64) return std::nullopt;
    std::string s(text);
    std::smatch m;
    if (std::regex_match(s, m, iso_re()) || std::regex_match(s, m, compact_re()))
        return make(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
    if (std::regex_match(s, m, day_month_year_re())) {
        int month = month_number(m[2].str());
        if (month) return make(std::stoi(m[3]), month, std::stoi(m[1]));
    }
    if (std::regex_match(s, m, month_day_year_re())) {
        int month = month_number(m[1].str());
        if (month) return make(std::stoi(m[3]), month, std::stoi(m[2]));
    }
    return std::nullopt;
}

std::optional<Date> date_from_epoch(double seconds) {
    if (!std::isfinite(seconds)) return std::nullopt;
    if (std::fabs(seconds) > 1e11) seconds /= 1000.0;
    if (seconds < -30610224000.0 || seconds > 253402300799.0) return std::nullopt;
    std::time_t t = static_cast<std::time_t>(std::floor(seconds));
    std::tm tm{};
    if (!gmtime_r(&t, &tm)) return std::nullopt;
    return make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::optional<Date> find_date_in(std::string_view text) {
    text = text.substr(0, 512);
    // every form searched for holds a year of four digits: without four digits in a row
    // (most datelines: "SALVADOR, Feb 26 -") there is nothing for the regexes to find
    std::size_t run = 0;
    for (char c : text) {
        run = c >= '0' && c <= '9' ? run + 1 : 0;
        if (run == 4) break;
    }
    if (run < 4) return std::nullopt;
    std::string s(text);
    std::smatch m;
    if (std::regex_search(s, m, month_day_year_search_re()))
        if (auto d = make(std::stoi(m[3]), month_number(m[1].str()), std::stoi(m[2]))) return d;
    if (std::regex_search(s, m, day_month_year_search_re()))
        if (auto d = make(std::stoi(m[3]), month_number(m[2].str()), std::stoi(m[1]))) return d;
    if (std::regex_search(s, m, iso_search_re()))
        return make(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
    return std::nullopt;
}

std::optional<Date> parse_date_bound(std::string_view text, bool end) {
    static const std::regex re(R"(^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$)");
    std::string s(text);
    std::smatch m;
    if (!std::regex_match(s, m, re)) return std::nullopt;
    int y = std::stoi(m[1]);
    int mo = m[2].matched ? std::stoi(m[2]) : (end ? 12 : 1);
    if (mo < 1 || mo > 12 || y < 1000) return std::nullopt;
    int d = m[3].matched ? std::stoi(m[3]) : (end ? days_in_month(y, mo) : 1);
    return make(y, mo, d);
}

std::uint32_t day_number(std::string_view yyyymmdd) {
    if (yyyymmdd.size() != 8) return 0;
    std::uint32_t n = 0;
    for (char c : yyyymmdd) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return n;
}

}  // namespace ndx
