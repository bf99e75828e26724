// The buckets of a search's date histogram: the interval, and every bucket's label.
#include <cstdio>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/search.h"

namespace ndx {

DateInterval pick_interval(const std::string& first, const std::string& last) {
    if (first.size() < 8 || last.size() < 8) return DateInterval::Year;
    if (first.substr(0, 6) == last.substr(0, 6)) return DateInterval::Day;
    if (std::stoi(last.substr(0, 4)) - std::stoi(first.substr(0, 4)) < 3)
        return DateInterval::Month;
    return DateInterval::Year;
}

std::string interval_name(DateInterval interval) {
    switch (interval) {
        case DateInterval::Day:
            return "day";
        case DateInterval::Month:
            return "month";
        case DateInterval::Year:
        case DateInterval::Auto:
            break;
    }
    return "year";
}

std::string bucket_label(const std::string& day, DateInterval interval) {
    std::string label = day.substr(0, 4);
    if (interval == DateInterval::Month || interval == DateInterval::Day)
        label += "-" + day.substr(4, 2);
    if (interval == DateInterval::Day) label += "-" + day.substr(6, 2);
    return label;
}

std::vector<std::string> bucket_labels(const std::string& first, const std::string& last,
                                       DateInterval interval) {
    std::vector<std::string> out;
    if (first.size() < 8 || last.size() < 8 || last < first) return out;
    int y = std::stoi(first.substr(0, 4)), m = std::stoi(first.substr(4, 2)),
        d = std::stoi(first.substr(6, 2));
    const std::string end = bucket_label(last, interval);
    if (interval != DateInterval::Day) d = 1;
    if (interval == DateInterval::Year || interval == DateInterval::Auto) m = 1;
    constexpr std::size_t kMaxBuckets = 100000;  // as Elasticsearch's max_buckets, about
    for (;;) {
        if (out.size() == kMaxBuckets)
            throw QueryError("the dates from " + first.substr(0, 4) + " to " + last.substr(0, 4) +
                             " make more than " + std::to_string(kMaxBuckets) + " " +
                             interval_name(interval) + "s: use a longer --date-interval");
        char ymd[16];
        std::snprintf(ymd, sizeof ymd, "%04d%02d%02d", y, m, d);
        out.push_back(bucket_label(ymd, interval));
        if (out.back() >= end || y > 9999) break;
        if (interval == DateInterval::Day && valid_date(y, m, d + 1)) {
            ++d;
        } else if (interval != DateInterval::Year && interval != DateInterval::Auto && m < 12) {
            ++m;
            d = 1;
        } else {
            ++y;
            m = 1;
            d = 1;
        }
    }
    return out;
}

}  // namespace ndx
