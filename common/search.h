// Running a search: SearchRequest -> SearchResult (hits, exact totals, facet counts).
#pragma once

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/query.h"
#include "common/record.h"
#include "common/schema.h"

namespace ndx {

enum class SortOrder { Relevance, DateAscending, DateDescending };
enum class FacetOrder { Count, Name };
// Which places the location facet counts: the places named (default), or every place
// rolled up to one level of the hierarchy.
enum class LocationLevel { Named, Country, Province, City };
enum class DateInterval { Auto, Year, Month, Day };

// The names users write for these choices, the same in ndx-search's options and ndx-serve's
// parameters (`--sort -date`, `sort=-date`).  Each throws UsageError naming `--OPTION` and
// the names it takes.
SortOrder sort_order_named(const std::string& name);          // relevance, date, -date
FacetOrder facet_order_named(const std::string& name);        // count, name
LocationLevel location_level_named(const std::string& name);  // named, country, province, city
DateInterval date_interval_named(const std::string& name);    // year, month, day
const char* location_level_name(LocationLevel level);         // as written in the JSON output

// Values a facet must (any of `include`) and must not (any of `exclude`) have.
struct FacetSelection {
    std::vector<std::string> include;
    std::vector<std::string> exclude;
    bool active() const { return !include.empty() || !exclude.empty(); }
};

struct SearchRequest {
    std::string query;                     // free text and query-language filters; may be empty
    std::array<FacetSelection, 3> facets;  // indexed by Facet
    std::optional<Date> from, to;
    bool undated = false;  // only articles without a date
    std::size_t offset = 0;
    std::size_t limit = 10;
    std::optional<SortOrder> sort;  // default: relevance, or newest first without text
    std::size_t facet_limit = 10;
    FacetOrder facet_order = FacetOrder::Count;
    LocationLevel location_level = LocationLevel::Named;
    DateInterval date_interval = DateInterval::Auto;
    bool count_facets = true;
    MatchMode match = MatchMode::Auto;  // how the query's plain words combine (--all, --any)
    bool expand = false;      // rank also by the words of the best hits (--expand, expand.h)
    bool quotes = false;      // search statements (quotations, reported speech), not articles
    bool explain = false;     // show the evidence behind each hit's facet values
    bool snippets = true;     // a passage of each article hit (statements are shown whole)
    bool hit_values = false;  // each hit's speaker, location and group names (Hit::values)
    std::string highlight_start = "\x1b[1m", highlight_end = "\x1b[0m";
};

struct Hit {
    std::size_t rank = 0;  // 1-based, counting from the first match
    Xapian::docid docid = 0;
    double score = 0;
    StoredRecord record;  // the stored record (schema.h; without facets unless --explain)
    std::string snippet;
    // With SearchRequest::hit_values: the display names of the document's speakers, places
    // named and groups, indexed by Facet.
    std::array<std::vector<std::string>, 3> values;
};

struct FacetCount {
    std::string value;  // display name
    std::string key;
    std::string path;  // locations
    std::string kind;  // groups and locations
    Xapian::doccount count = 0;
    bool selected = false;
};

struct FacetResult {
    std::vector<FacetCount> values;  // the top facet_limit values
    std::size_t more = 0;            // how many further values there are
    bool multi_select = false;       // counted without this facet's own filter
};

struct DateBucket {
    std::string label;  // "2023", "2023-10" or "2023-10-03"
    Xapian::doccount count = 0;
};

struct DateHistogram {
    std::string interval;  // "year", "month" or "day"
    std::vector<DateBucket> buckets;
    Xapian::doccount undated = 0;
    bool multi_select = false;
};

struct SearchResult {
    std::string query;
    Xapian::doccount total = 0;
    bool total_exact = true;
    std::vector<Hit> hits;
    std::array<FacetResult, 3> facets;  // indexed by Facet
    DateHistogram dates;
    bool facets_exact = true;
    std::vector<std::string> notes;   // what a partial facet name selected, etc.
    std::vector<std::string> rescue;  // for no results: what to drop to get some
    // How the query's words were combined: "all" or "any" (empty without query text).
    std::string match;
    // Nothing had every word: the hits, total and facet counts are of the articles with
    // any of them (match is then "any").
    bool relaxed = false;
    // The query with its unknown or misspelt words corrected from the index's spelling
    // data (empty: none), and how many articles it finds.
    std::string did_you_mean;
    Xapian::doccount did_you_mean_total = 0;
    ParseInfo parsed;  // what the query text was taken for
};

struct SearchTarget;
class FacetCatalog;
struct FacetValueInfo;

// Runs `req` against `db`.  Throws QueryError for a bad query or an unknown facet value,
// IndexError when the database fails.  Facet counts cover every match (exact).
SearchResult run_search(const Xapian::Database& db, const SearchRequest& req);

// The same over several databases searched as one (shards, remote servers): the same
// ranking, totals and facet counts as one database holding the same articles.
SearchResult run_search(const SearchTarget& target, const SearchRequest& req);

// What a search matches, for the views built over its matches (common/views.h): the
// Xapian query run_search() counts as its total, every filter in it, and the values the
// facet filters select.  Throws QueryError like run_search().
struct SearchPlan {
    Xapian::Query query;
    bool has_text = false;
    bool relaxed = false;  // no article had every word: the query matches any word
    std::array<std::vector<std::string>, 3> selected_keys;  // by Facet: keys of the include filters
    std::vector<std::string> notes;  // what a partial facet name selected, etc.
};
SearchPlan plan_search(const SearchTarget& target, const FacetCatalog& catalog,
                       const SearchRequest& req);

// How many spread slots (100+i, ...: schema.h) of a packed slot hold values in any shard
// (metadata ndx:maxvalues): what counting through remote servers must read.
std::size_t spread_width(const SearchTarget& target, Slot slot);

// A facet value's count as searches and views show it.
FacetCount make_facet_count(const FacetValueInfo& info, Xapian::doccount count, bool selected);

// Whether a place is counted at `level` of the hierarchy (--location-level).
bool location_at_level(const FacetValueInfo& info, LocationLevel level);

// Date buckets.  `first` and `last` are days as "YYYYMMDD".
// The interval picked when none is asked for: days within one month, months within three
// years, else years (Year when there are no days).
DateInterval pick_interval(const std::string& first, const std::string& last);
std::string interval_name(DateInterval interval);  // "year", "month", "day"
// The bucket of a day: "2023", "2023-10" or "2023-10-03".
std::string bucket_label(const std::string& day, DateInterval interval);
// Every bucket from the one of `first` to the one of `last`, in order, empty ones included.
// Throws QueryError past 100,000 buckets (days over centuries).
std::vector<std::string> bucket_labels(const std::string& first, const std::string& last,
                                       DateInterval interval);

}  // namespace ndx
