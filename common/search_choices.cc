// The names of the search choices (search.h): one table per choice, read to parse an option
// or a parameter and to name a choice in the output.
#include <array>
#include <utility>

#include "common/error.h"
#include "common/search.h"

namespace ndx {
namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<const char*, E>, N>;

constexpr Names<SortOrder, 3> kSortOrders{{{"relevance", SortOrder::Relevance},
                                           {"date", SortOrder::DateAscending},
                                           {"-date", SortOrder::DateDescending}}};
constexpr Names<FacetOrder, 2> kFacetOrders{
    {{"count", FacetOrder::Count}, {"name", FacetOrder::Name}}};
constexpr Names<LocationLevel, 4> kLocationLevels{{{"named", LocationLevel::Named},
                                                   {"country", LocationLevel::Country},
                                                   {"province", LocationLevel::Province},
                                                   {"city", LocationLevel::City}}};
constexpr Names<DateInterval, 3> kDateIntervals{
    {{"year", DateInterval::Year}, {"month", DateInterval::Month}, {"day", DateInterval::Day}}};

}  // namespace

SortOrder sort_order_named(const std::string& name) {
    return parse_choice("sort", name, kSortOrders);
}

FacetOrder facet_order_named(const std::string& name) {
    return parse_choice("facet-order", name, kFacetOrders);
}

LocationLevel location_level_named(const std::string& name) {
    return parse_choice("location-level", name, kLocationLevels);
}

DateInterval date_interval_named(const std::string& name) {
    return parse_choice("date-interval", name, kDateIntervals);
}

const char* location_level_name(LocationLevel level) {
    for (const auto& [name, value] : kLocationLevels)
        if (value == level) return name;
    return "named";
}

}  // namespace ndx
