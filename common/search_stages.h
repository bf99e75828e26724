// The stages of one search (common/search.cc), shared by the files that implement them:
// the filters (search_filters.cc), counting the facets (search_count.cc), the hits
// (search_hits.cc) and the rescue hints for an empty answer (search_rescue.cc).  Internal
// to the search: the programs use common/search.h.
#pragma once

#include <xapian.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/facet_count.h"
#include "common/search.h"

namespace ndx {

class QueryBuilder;

namespace search_stages {

inline std::size_t index_of(Facet f) { return static_cast<std::size_t>(f); }

// The filters of one search, each kept apart so any one can be left out.
struct Filters {
    std::array<std::optional<Xapian::Query>, 3> include;  // per facet
    std::array<std::optional<Xapian::Query>, 3> exclude;
    std::array<std::set<std::string>, 3> selected_keys;
    std::optional<Xapian::Query> date;
    std::vector<std::pair<std::string, Xapian::Query>> labelled;  // for the rescue hints
    Xapian::Query kind;       // XA (articles) or XT (statements)
    bool statements = false;  // which of the two
};

// Whether every document `q` matches is a statement (true) or an article (false), as far
// as its text terms tell: the words of articles' text fields (free text, title:,
// byline:, dateline:, source:) are indexed in articles only, said: words in statements
// only (schema.h).  nullopt when they do not tell (a filter, a wildcard, an id, a pure
// NOT, an OR of words of both kinds).
std::optional<bool> only_statements(const Xapian::Query& q);

// Which filters a query leaves out: none, one (for that facet's multi-select counts), or
// every include filter and the date (tested against the facet table instead).
enum class Leave { Nothing, Facet0, Facet1, Facet2, Date, Selections };

// The Leave value for the filter of facet i (0 speaker, 1 location, 2 group).
Leave leave_facet(std::size_t i);

// The query text combined with the filters, less those `leave` names.
Xapian::Query combine(const Xapian::Query& text, const Filters& f, Leave leave);

// The request's facet and date filters; what a partial facet name selected goes to `notes`.
Filters build_filters(const SearchRequest& req, const FacetCatalog& catalog,
                      std::vector<std::string>& notes);

// How many documents match `q` (exact).
Xapian::doccount count_matches(const Xapian::Database& db, const Xapian::Query& q);

// For a search that found nothing: what dropping one filter, or one word or phrase of the
// query, would find.
void find_rescue(const Xapian::Database& db, const SearchRequest& req, QueryBuilder& qb,
                 const Xapian::Query& text, Filters& filters, std::vector<std::string>& rescue);

// What the hits of one search are made from.
struct HitSource {
    const Xapian::Database& db;
    const SearchRequest& req;
    const FacetCatalog& catalog;
    QueryBuilder& qb;
    const Xapian::Query& query;  // the whole query, filters included
    const Xapian::Query& text;   // the query text alone
    bool has_text = false;
};
// The hits of `mset`, with their records, snippets and (SearchRequest::hit_values) values.
void collect_hits(const HitSource& src, const Xapian::MSet& mset, std::vector<Hit>& hits);

// Counting every facet and the dates over every match of one search: from the facet
// table in one pass when the target has a current one, else with a match spy per facet
// and a further pass for each facet that has a filter of its own (multi-select).
class SearchCounting {
  public:
    SearchCounting(const SearchTarget& target, const SearchRequest& req, const Filters& filters);
    SearchCounting(const SearchCounting&) = delete;
    SearchCounting& operator=(const SearchCounting&) = delete;
    ~SearchCounting();

    // Before the main pass: attaches the counters to `enq` (whose query may become the
    // query without its selections, tested by the decider instead).
    void prepare(Xapian::Enquire& enq, const Xapian::Query& text, bool has_text, bool sorted);
    // The decider the main pass runs with (null: none).
    const Xapian::MatchDecider* decider();
    // After the main pass: a pass sorted by date counts in a pass of its own.
    void after_main_pass(const Xapian::Query& text);
    // The facet counts and the date histogram of `res` (whose total is set).
    void fill(SearchResult& res, const FacetCatalog& catalog, const Xapian::Query& text);

  private:
    Slot slot_for(Facet f) const;
    std::unique_ptr<FacetCounter> counter_for(Facet f) const;
    void prepare_table(Xapian::Enquire& enq, const Xapian::Query& text, bool has_text);
    void fill_from_spies(SearchResult& res, const FacetCatalog& catalog, const Xapian::Query& text);

    const SearchTarget& target_;
    const SearchRequest& req_;
    const Filters& filters_;
    const Xapian::doccount all_;
    bool sorted_ = false;
    std::array<std::unique_ptr<FacetCounter>, 3> spies_;
    std::unique_ptr<DateCounter> date_spy_;
    std::optional<TableCounter> one_pass_;
};

}  // namespace search_stages
}  // namespace ndx
