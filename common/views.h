// The analyst's views over the matches of a search: timelines (a facet's top values per
// date interval), pivots (co-occurrence of two facets' values) and the list of every value
// of a facet.  Every count is exact: the count of the equivalent filtered search.
//
// On local databases one pass over the matches reads each document's facet values (from
// the facet table, or from the packed value slots of a shard set) and every cell is
// counted from them.  Through remote servers, which run only Xapian's built-in match spies,
// a view takes one pass for its rows and one per row, each row's documents selected by a
// value range over the one-value-per-slot layout (schema.h): the same counts.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "common/database.h"
#include "common/schema.h"
#include "common/search.h"

namespace ndx {

// One value's series in a timeline.
struct TimelineRow {
    FacetCount value;                      // value.count: matches with this value
    std::vector<Xapian::doccount> counts;  // per interval (Timeline::labels)
    Xapian::doccount undated = 0;          // matches with this value and no date
};

struct Timeline {
    Facet facet = Facet::Speaker;
    std::string interval;             // "year", "month", "day"
    std::vector<std::string> labels;  // every interval from the first match's to the last's
    // The selected values of `facet` when the search selects some (each counted as its
    // filter selects: a place and every place inside it), else the top values.
    std::vector<TimelineRow> rows;
    bool selection = false;  // rows are the selected values
    std::size_t more = 0;    // values not shown
    TimelineRow all;         // every match (the date histogram of the search)
    Xapian::doccount total = 0;
    std::vector<std::string> notes;
};

// One value of the first facet of a pivot, with the values of the second found with it.
struct PivotRow {
    FacetCount value;             // value.count: matches with this value
    std::vector<FacetCount> sub;  // sub[i].count: matches with both values
    std::size_t more = 0;         // further values of the second facet
};

struct Pivot {
    Facet first = Facet::Speaker, second = Facet::Group;
    std::vector<PivotRow> rows;
    bool selection = false;  // rows are the selected values of the first facet
    std::size_t more = 0;    // values of the first facet not shown
    Xapian::doccount total = 0;
    std::vector<std::string> notes;
};

struct ValueList {
    Facet facet = Facet::Speaker;
    std::string prefix;
    bool every_article = true;  // counted over every article (no query, no filter)
    std::vector<FacetCount> values;
    std::size_t matched = 0;     // values that match the prefix (and have a count)
    std::size_t more = 0;        // of those, not shown
    Xapian::doccount total = 0;  // documents the counts are over
    std::vector<std::string> notes;
};

// The top req.facet_limit values of `facet` (by count, or name with FacetOrder::Name) over
// the matches of `req`, or its selected values, with their counts per interval
// (req.date_interval, or picked from the span of the matches).  req.location_level
// applies to places.
Timeline run_timeline(const SearchTarget& target, const SearchRequest& req, Facet facet);

// The top req.facet_limit values of `first` (or its selected values) and, under each, the
// top `sub_limit` values of `second` among the matches having both (each level in
// req.facet_order).  With first == second,
// a value is not listed under itself.
Pivot run_pivot(const SearchTarget& target, const SearchRequest& req, Facet first, Facet second,
                std::size_t sub_limit);

// Every value of `facet` over every article (a request with no query and no filter) or
// over the matches, whose name or alias -- or a word of it -- begins with `prefix` (case
// and accents ignored; empty: every value); the first req.facet_limit of them (0: all) by
// req.facet_order.
ValueList run_values(const SearchTarget& target, const SearchRequest& req, Facet facet,
                     const std::string& prefix);

}  // namespace ndx
