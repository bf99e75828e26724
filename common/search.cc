// Running a search, as a sequence of stages: parse the query and build the filters
// (search_filters.cc), set up the ranking and the facet counters (search_count.cc), run
// the match, collect the hits (search_hits.cc), count the facets and, for an empty answer,
// find the rescue hints (search_rescue.cc).
#include "common/search.h"

#include <algorithm>
#include <optional>

#include "common/database.h"
#include "common/error.h"
#include "common/expand.h"
#include "common/facet_catalog.h"
#include "common/query.h"
#include "common/relax.h"
#include "common/search_stages.h"

namespace ndx {
namespace {

using Q = Xapian::Query;
using namespace search_stages;

// A search's query: its text parsed, its filters, and the two combined.
struct ParsedSearch {
    Filters filters;
    bool has_text = false;
    Q text;
    Q query;
};

// Stage 1: the filters and the query text, as `mode` combines its words.
ParsedSearch parse_search(QueryBuilder& qb, const FacetCatalog& catalog, const SearchRequest& req,
                          MatchMode mode, SearchResult& res) {
    ParsedSearch p;
    p.filters = build_filters(req, catalog, res.notes);
    qb.set_said_speakers(p.filters.selected_keys[index_of(Facet::Speaker)]);
    p.has_text = req.query.find_first_not_of(" \t") != std::string::npos;
    p.text = p.has_text ? qb.parse(req.query, mode) : Q();
    const ParseInfo parse_info = qb.last_parse();
    if (p.has_text) res.match = parse_info.all ? "all" : "any";
    res.parsed = parse_info;
    p.query = combine(p.text, p.filters, Leave::Nothing);
    return p;
}

// The same key for every document: see set_order().
class NoKey : public Xapian::KeyMaker {
  public:
    std::string operator()(const Xapian::Document&) const override { return {}; }
};

// Stage 2: the order of the hits, by relevance or by date.
bool set_order(Xapian::Enquire& enq, const SearchRequest& req, bool has_text, bool remote) {
    enq.set_weighting_scheme(ranking_weight());
    SortOrder sort = req.sort.value_or(has_text ? SortOrder::Relevance : SortOrder::DateDescending);
    const bool sorted = sort != SortOrder::Relevance;
    if (sorted) {
        enq.set_sort_by_value_then_relevance(slot_no(Slot::Date),
                                             sort == SortOrder::DateDescending);
    } else if (remote) {
        // (a remote server cannot be sent a key maker of ours)
        enq.set_docid_order(Xapian::Enquire::ASCENDING);
    } else {
        // By relevance, then an empty key, then docid: the order of Xapian's plain
        // relevance sort, hit for hit.  With the exact total asked for (check_at_least =
        // every document), Xapian 1.4's plain relevance sort pushes every match through
        // its top-N heap; sorting by relevance then a key, it first compares a match with
        // the worst of the top N kept so far and only counts (and shows the spies) one that
        // ranks below it.  (The key compares as "reversed" so that the comparison is the
        // relevance sort's own, docid 0 included.)
        static NoKey no_key;
        enq.set_sort_by_relevance_then_key(&no_key, true);
        enq.set_docid_order(Xapian::Enquire::ASCENDING);
    }
    return sorted;
}

// One search, its query's words combined as `mode` says.
SearchResult search_as(const SearchTarget& target, const SearchRequest& req, MatchMode mode) {
    const Xapian::Database& db = target.db;
    SearchResult res;
    res.query = req.query;
    std::optional<FacetCatalog> own_catalog;
    const FacetCatalog& catalog =
        target.catalog ? *target.catalog : own_catalog.emplace(db, target.parts);
    QueryBuilder qb(db, catalog,
                    req.quotes ? QueryBuilder::Mode::Statements : QueryBuilder::Mode::Articles);
    ParsedSearch p = parse_search(qb, catalog, req, mode, res);
    const Xapian::doccount all = db.get_doccount();
    try {
        // --expand (expand.h) ranks by more words; the matches, and so the counts, the
        // snippets and the rescue, stay those of the query's own
        Q ranked = p.text;
        if (req.expand && p.has_text) ranked = expand_ranking(db, p.query, p.text);
        Xapian::Enquire enq(db);
        enq.set_query(combine(ranked, p.filters, Leave::Nothing));
        const bool sorted = set_order(enq, req, p.has_text, target.remote);
        SearchCounting counting(target, req, p.filters);
        counting.prepare(enq, ranked, p.has_text, sorted);
        // with a match decider Xapian takes the heap path either way (set_order())
        if (!sorted && counting.decider()) enq.set_sort_by_relevance();
        Xapian::MSet mset =
            enq.get_mset(static_cast<Xapian::doccount>(std::min<std::size_t>(req.offset, all)),
                         static_cast<Xapian::doccount>(std::min<std::size_t>(req.limit, all)), all,
                         nullptr, counting.decider());
        counting.after_main_pass(p.text);
        res.total = mset.get_matches_estimated();
        res.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        collect_hits({db, req, catalog, qb, p.query, p.text, p.has_text}, mset, res.hits);
        counting.fill(res, catalog, p.text);
        if (res.total == 0 && (p.has_text || !p.filters.labelled.empty()))
            find_rescue(db, req, qb, p.text, p.filters, res.rescue);
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;  // the caller reopens and retries
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError(e.get_msg());
    } catch (const Xapian::Error& e) {
        throw IndexError("search failed: " + e.get_description());
    }
    return res;
}

}  // namespace

SearchResult run_search(const Xapian::Database& db, const SearchRequest& req) {
    SearchTarget target;
    target.db = db;
    target.parts = {db};
    target.names = {"index"};
    return run_search(target, req);
}

SearchResult run_search(const SearchTarget& target, const SearchRequest& req) {
    // Query semantics, relaxation and spelling: see relax.h.
    return search_relaxed(target, req, search_as);
}

SearchPlan plan_search(const SearchTarget& target, const FacetCatalog& catalog,
                       const SearchRequest& req) {
    SearchPlan plan;
    QueryBuilder qb(target.db, catalog,
                    req.quotes ? QueryBuilder::Mode::Statements : QueryBuilder::Mode::Articles);
    Filters filters = build_filters(req, catalog, plan.notes);
    qb.set_said_speakers(filters.selected_keys[index_of(Facet::Speaker)]);
    plan.has_text = req.query.find_first_not_of(" \t") != std::string::npos;
    try {
        Q text = plan.has_text ? qb.parse(req.query, req.match) : Q();
        plan.query = combine(text, filters, Leave::Nothing);
        // As a search does (relax.h): when no article has every word of a short query,
        // the view counts the articles with any of them, and says so.
        if (plan.has_text && qb.last_parse().strict) {
            Xapian::Enquire probe(target.db);
            probe.set_query(plan.query);
            probe.set_weighting_scheme(Xapian::BoolWeight());
            if (probe.get_mset(0, 1).empty()) {
                plan.query = combine(qb.parse(req.query, MatchMode::Any), filters, Leave::Nothing);
                plan.relaxed = true;
                plan.notes.push_back(
                    "no article has every word of the query: counted over the "
                    "articles with any of them");
            }
        }
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError(e.get_msg());
    }
    for (std::size_t i = 0; i < 3; ++i)
        plan.selected_keys[i].assign(filters.selected_keys[i].begin(),
                                     filters.selected_keys[i].end());
    return plan;
}

}  // namespace ndx
