// Calendar dates: parsing the forms news data uses, and formatting for the index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ndx {

struct Date {
    int year = 0;
    int month = 0;  // 1-12
    int day = 0;    // 1-31

    std::string iso() const;      // "2023-10-03"
    std::string compact() const;  // "20231003" (the stored, sortable form)
    auto operator<=>(const Date&) const = default;
};

// True when y-m-d is a real calendar date (leap years included), year 1000-9999.
bool valid_date(int y, int m, int d);

// A publication date as datasets write it: ISO 8601 dates and timestamps
// ("2023-10-03", "2023-10-03T18:20:00Z", "2023-10-03 18:20:00+05:00"), "2023/10/03",
// RFC 2822 ("Tue, 03 Oct 2023 10:00:00 GMT"), and English forms ("October 3, 2023",
// "Oct. 3, 2023", "3 October 2023").  A timestamp keeps the date as written (its own
// time zone).  Returns nullopt for anything else; never guesses.
std::optional<Date> parse_date(std::string_view text);

// A date given as seconds (or, above 1e11, milliseconds) since the Unix epoch, in UTC.
std::optional<Date> date_from_epoch(double seconds);

// Finds an English or ISO date inside free text such as a dateline
// ("PESHAWAR, Pakistan, March 3, 2024 (AP)"); nullopt when none.
std::optional<Date> find_date_in(std::string_view text);

// A date bound as users give it on the command line: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
// `end` selects the last day of the period instead of the first.
std::optional<Date> parse_date_bound(std::string_view text, bool end);

// A stored day ("YYYYMMDD", the Date value slot) as the number 20240305; 0 when it is not
// one (an undated document).
std::uint32_t day_number(std::string_view yyyymmdd);

}  // namespace ndx
