// Unit tests for common/date: parsing publication dates, dates in datelines, command-line
// date bounds, and epoch timestamps.
#include "common/date.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

namespace {

std::string iso_or_none(const std::optional<ndx::Date>& d) { return d ? d->iso() : "none"; }

struct Row {
    const char* input;
    const char* want;  // "none" for nullopt
};

}  // namespace

TEST_CASE("date: Date formats as ISO and compact, and orders by calendar") {
    ndx::Date d{2023, 10, 3};
    CHECK(d.iso() == "2023-10-03");
    CHECK(d.compact() == "20231003");
    CHECK(ndx::Date{1999, 12, 31} < ndx::Date{2000, 1, 1});
    CHECK(ndx::Date{2024, 2, 29} < ndx::Date{2024, 3, 1});
    CHECK(ndx::Date{2024, 3, 1} == ndx::Date{2024, 3, 1});
}

TEST_CASE("date: parse_date reads ISO dates and timestamps as written") {
    const Row rows[] = {
        {"2023-10-03", "2023-10-03"},
        {"2023-1-5", "2023-01-05"},
        {"  2023-10-03  ", "2023-10-03"},
        {"2023-10-03T18:20:00Z", "2023-10-03"},
        {"2023-10-03T18:20Z", "2023-10-03"},
        {"2023-10-03t18:20:00z", "2023-10-03"},
        {"2023-10-03 18:20:00", "2023-10-03"},
        {"2023-10-03T18:20:00.123Z", "2023-10-03"},
        {"2023-10-03T18:20:00,5Z", "2023-10-03"},
        {"2023-10-03T18:20:00.123456789+05:30", "2023-10-03"},
        {"2023-10-03 18:20:00+05:00", "2023-10-03"},
        {"2023-10-03T18:20:00+0500", "2023-10-03"},
        {"2023-10-03T18:20:00 UTC", "2023-10-03"},
        // The date stays the one written in the timestamp's own zone (UTC would be 10-04).
        {"2023-10-03T23:30:00-07:00", "2023-10-03"},
        {"2023-10-04T01:00:00+05:00", "2023-10-04"},
        {"2023/10/03", "2023-10-03"},
        {"2023/10/03 09:15", "2023-10-03"},
        {"20231003", "2023-10-03"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.input);
        CHECK(iso_or_none(ndx::parse_date(r.input)) == std::string(r.want));
    }
}

TEST_CASE("date: parse_date reads RFC 2822 and English dates") {
    const Row rows[] = {
        {"Tue, 03 Oct 2023 10:00:00 GMT", "2023-10-03"},
        {"Tue, 3 Oct 2023 10:00:00 +0000", "2023-10-03"},
        {"Tue, 03 Oct 2023 23:59:59 -0700", "2023-10-03"},
        {"03 Oct 2023", "2023-10-03"},
        {"October 3, 2023", "2023-10-03"},
        {"October 3 2023", "2023-10-03"},
        {"october 3, 2023", "2023-10-03"},
        {"Oct. 3, 2023", "2023-10-03"},
        {"Oct 3, 2023", "2023-10-03"},
        {"Sept. 5, 2023", "2023-09-05"},
        {"Sep 5, 2023", "2023-09-05"},
        {"October 3rd, 2023", "2023-10-03"},
        {"August 1st, 2024", "2024-08-01"},
        {"Tuesday, October 3, 2023 10:00", "2023-10-03"},
        {"3 October 2023", "2023-10-03"},
        {"3 Oct. 2023", "2023-10-03"},
        {"31 December 1999", "1999-12-31"},
        {"May 9, 2024", "2024-05-09"},
        {"9 May 2024", "2024-05-09"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.input);
        CHECK(iso_or_none(ndx::parse_date(r.input)) == std::string(r.want));
    }
}

TEST_CASE("date: parse_date refuses impossible dates and anything it would have to guess") {
    const char* bad[] = {
        "2023-02-30",
        "2023-13-01",
        "2023-00-10",
        "2023-04-31",
        "2023-10-00",
        "2023-10-32",
        "0999-01-01",
        "garbage",
        "",
        "   ",
        "2023",
        "2023-10",
        "10/03/2023",
        "03.10.2023",
        "2023-10-03 garbage",
        "2023-10-03Z",
        "Octember 3, 2023",
        "October 32, 2023",
        "February 30, 2024",
        "30 February 2024",
        "Mayo 3, 2023",
        "October 2023",
        "3 October",
        "yesterday",
        "2023-10-03T18:20:00+05:00 extra",
    };
    for (const char* s : bad) {
        CAPTURE(s);
        CHECK(iso_or_none(ndx::parse_date(s)) == "none");
    }
    SUBCASE("over-long input") {
        std::string long_text = "2023-10-03" + std::string(100, ' ');
        CHECK_FALSE(ndx::parse_date(long_text).has_value());
    }
}

TEST_CASE("date: leap years") {
    const Row rows[] = {
        {"2024-02-29", "2024-02-29"},                                // divisible by 4
        {"2023-02-29", "none"},       {"2000-02-29", "2000-02-29"},  // divisible by 400
        {"1900-02-29", "none"},                                      // divisible by 100, not 400
        {"2100-02-29", "none"},       {"February 29, 2024", "2024-02-29"}, {"29 Feb 2023", "none"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.input);
        CHECK(iso_or_none(ndx::parse_date(r.input)) == std::string(r.want));
    }
    CHECK(ndx::valid_date(2024, 2, 29));
    CHECK_FALSE(ndx::valid_date(2023, 2, 29));
    CHECK(ndx::valid_date(1000, 1, 1));
    CHECK(ndx::valid_date(9999, 12, 31));
    CHECK_FALSE(ndx::valid_date(999, 12, 31));
    CHECK_FALSE(ndx::valid_date(10000, 1, 1));
    CHECK_FALSE(ndx::valid_date(2024, 0, 1));
    CHECK_FALSE(ndx::valid_date(2024, 13, 1));
    CHECK_FALSE(ndx::valid_date(2024, 6, 31));
}

TEST_CASE("date: find_date_in finds dates inside datelines and free text") {
    const Row rows[] = {
        {"PESHAWAR, Pakistan, March 3, 2024 (AP)", "2024-03-03"},
        {"BAMAKO, Mali, Aug. 1, 2024 (AP)", "2024-08-01"},
        {"WASHINGTON, Sept. 9, 2024 (AP)", "2024-09-09"},
        {"LONDON, 5 March 2024 (Reuters)", "2024-03-05"},
        {"LONDON, 5 March, 2024 (Reuters)", "2024-03-05"},
        {"Updated 2024-03-05 10:00 PKT", "2024-03-05"},
        {"on June 15th, 2023 the court ruled", "2023-06-15"},
        {"WASHINGTON, Nov. 14 (AP)", "none"},         // no year: not a date
        {"SALVADOR, Feb 26 - 155,221 bags", "none"},  // digits, but no four in a row
        {"Oct 3 2023", "2023-10-03"},                 // the year ends the text
        {"ISLAMABAD", "none"},
        {"March 32, 2024", "none"},
        {"2024-02-30", "none"},
        {"Marching 3, 2024", "none"},
        {"", "none"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.input);
        CHECK(iso_or_none(ndx::find_date_in(r.input)) == std::string(r.want));
    }
}

TEST_CASE("date: parse_date_bound expands YYYY and YYYY-MM to the first or last day") {
    struct BoundRow {
        const char* input;
        bool end;
        const char* want;
    };
    const BoundRow rows[] = {
        {"2024", false, "2024-01-01"},
        {"2024", true, "2024-12-31"},
        {"2024-02", false, "2024-02-01"},
        {"2024-02", true, "2024-02-29"},
        {"2023-02", true, "2023-02-28"},
        {"1900-02", true, "1900-02-28"},
        {"2000-02", true, "2000-02-29"},
        {"2024-04", true, "2024-04-30"},
        {"2024-12", true, "2024-12-31"},
        {"2024-2", true, "2024-02-29"},
        {"2024-02-10", false, "2024-02-10"},
        {"2024-02-10", true, "2024-02-10"},
        {"2024-2-9", true, "2024-02-09"},
        {"2024-02-30", true, "none"},
        {"2024-13", false, "none"},
        {"2024-00", true, "none"},
        {"0999", false, "none"},
        {"24", false, "none"},
        {"2024-", false, "none"},
        {"2024/02", false, "none"},
        {"2024-02-10T00:00", false, "none"},
        {" 2024", false, "none"},
        {"last year", true, "none"},
        {"", false, "none"},
    };
    for (const BoundRow& r : rows) {
        CAPTURE(r.input);
        CAPTURE(r.end);
        CHECK(iso_or_none(ndx::parse_date_bound(r.input, r.end)) == std::string(r.want));
    }
}

TEST_CASE("date: date_from_epoch takes seconds, or milliseconds above 1e11, in UTC") {
    struct EpochRow {
        double value;
        const char* want;
    };
    const EpochRow rows[] = {
        {0.0, "1970-01-01"},
        {86399.0, "1970-01-01"},
        {86400.0, "1970-01-02"},
        {1700000000.0, "2023-11-14"},     // 2023-11-14T22:13:20Z
        {1700000000000.0, "2023-11-14"},  // the same instant in milliseconds
        {1700000000123.0, "2023-11-14"},
        {1709510399.0, "2024-03-03"},  // 2024-03-03T23:59:59Z
        {1709510400.0, "2024-03-04"},
        {1709251200.0, "2024-03-01"},  // the day after 2024-02-29
        {1709164800.0, "2024-02-29"},
        {-86400.0, "1969-12-31"},
        {-1.0, "1969-12-31"},
        {-0.5, "1969-12-31"},            // half a second before the epoch
        {99999999999.0, "5138-11-16"},   // just below the milliseconds threshold
        {-30610224000.0, "1000-01-01"},  // first representable day
        {-30610224001.0, "none"},
    };
    for (const EpochRow& r : rows) {
        CAPTURE(r.value);
        CHECK(iso_or_none(ndx::date_from_epoch(r.value)) == std::string(r.want));
    }
    CHECK_FALSE(ndx::date_from_epoch(std::nan("")).has_value());
    CHECK_FALSE(ndx::date_from_epoch(std::numeric_limits<double>::infinity()).has_value());
    CHECK_FALSE(ndx::date_from_epoch(-std::numeric_limits<double>::infinity()).has_value());
    CHECK_FALSE(ndx::date_from_epoch(1e300).has_value());
}
