// Date buckets of the histogram and the timelines: every interval from the first to the
// last, empty ones included.
#include <doctest/doctest.h>

#include "common/error.h"
#include "common/search.h"

using ndx::DateInterval;

TEST_CASE("bucket labels cover every interval, across month and year ends") {
    using V = std::vector<std::string>;
    CHECK(ndx::bucket_labels("20231230", "20240102", DateInterval::Day) ==
          V{"2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02"});
    CHECK(ndx::bucket_labels("20240227", "20240301", DateInterval::Day) ==
          V{"2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"});
    CHECK(ndx::bucket_labels("20230228", "20230301", DateInterval::Day) ==
          V{"2023-02-28", "2023-03-01"});
    CHECK(ndx::bucket_labels("20231015", "20240220", DateInterval::Month) ==
          V{"2023-10", "2023-11", "2023-12", "2024-01", "2024-02"});
    CHECK(ndx::bucket_labels("19991231", "20020101", DateInterval::Year) ==
          V{"1999", "2000", "2001", "2002"});
    CHECK(ndx::bucket_labels("20230105", "20230105", DateInterval::Month) == V{"2023-01"});
    CHECK(ndx::bucket_labels("", "", DateInterval::Month).empty());
    CHECK(ndx::bucket_labels("20240101", "20230101", DateInterval::Year).empty());
}

TEST_CASE("bucket labels refuse days over centuries") {
    CHECK(ndx::bucket_labels("10000101", "99991231", DateInterval::Year).size() == 9000);
    CHECK_THROWS_AS(ndx::bucket_labels("10000101", "99991231", DateInterval::Day), ndx::QueryError);
}

TEST_CASE("the interval picked from the span") {
    CHECK(ndx::pick_interval("20231001", "20231031") == DateInterval::Day);
    CHECK(ndx::pick_interval("20231001", "20251231") == DateInterval::Month);
    CHECK(ndx::pick_interval("20201001", "20231231") == DateInterval::Year);
    CHECK(ndx::pick_interval("", "") == DateInterval::Year);
    CHECK(ndx::bucket_label("20231003", DateInterval::Month) == "2023-10");
    CHECK(ndx::interval_name(DateInterval::Day) == "day");
}
