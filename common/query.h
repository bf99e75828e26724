// Query building: the QueryParser set up from the schema, and facet/date filters.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/facet_catalog.h"
#include "common/schema.h"

namespace ndx {

// said: selects articles through at most this many matching statements.
inline constexpr Xapian::doccount kMaxSaidStatements = 100000;

// The internal field expand_aliases() writes ("ndxentity:ID").
inline constexpr const char* kEntityField = "ndxentity";

// Upper bound on terms a wildcard may expand to (larger expansions are an error).
inline constexpr Xapian::termcount kMaxWildcardExpansion = 1000;

// How the plain words of a query combine (ndx-search --all / --any; see docs/ranking.md).
//   Auto  a query of up to kMaxStrictWords words, phrases and text fields and no
//         operator (AND, OR, NOT, XOR, NEAR, ADJ, +word, -word) matches articles holding
//         every one of them; a longer one is ranked by every word and matches any of them
//   All   every word, whatever the length (--all)
//   Any   any word, ranked by how many and how well they match (--any)
// A query with operators keeps Xapian's meaning under Auto: its loose words are optional.
enum class MatchMode { Auto, All, Any };
inline constexpr std::size_t kMaxStrictWords = 3;

// What parse() made of its last query text.
struct ParseInfo {
    bool operators = false;  // AND/OR/NOT/XOR/NEAR/ADJ or +/- written in the query
    std::size_t words = 0;   // words, phrases and text fields (facet and date fields aside)
    bool all = false;        // its words were required (all of them must match)
    bool strict = false;     // all, under Auto, of several words: relaxable to any
    // The words of free text as written (not field values, operators or wildcards), in
    // order, for spelling suggestions.
    std::vector<std::string> free_words;
};

// Builds the QueryParser for `db`: BM25 free text, title:/byline:/dateline:/source:,
// speaker:/location:/group: filters, date:FROM..TO ranges, wildcards, phrases, NEAR.
// Throws QueryError on a syntax error or an unknown facet value.
class QueryBuilder {
  public:
    // Articles: free text is the article text.  Statements (--quotes): free text is what
    // was said.
    enum class Mode { Articles, Statements };

    QueryBuilder(const Xapian::Database& db, const FacetCatalog& catalog,
                 Mode mode = Mode::Articles);

    // Speaker keys selected by flags: said: then searches their statements only (with
    // none, and none named by speaker: in the query, said: searches every statement).
    void set_said_speakers(const std::set<std::string>& keys);
    ~QueryBuilder();

    // The parsed query for `text` (empty text gives MatchAll), its plain words combined
    // as `mode` says.
    Xapian::Query parse(const std::string& text, MatchMode mode = MatchMode::Auto);
    // What the last parse() made of its text.
    const ParseInfo& last_parse() const { return info_; }

    // For an index of stemming All, the query whose MSet is to make the snippets of the
    // hits of `parsed` (what parse() gave for `text`), which Xapian's snippet maker could
    // not match against the text itself; nullopt when `parsed` serves.
    std::optional<Xapian::Query> snippet_query(const std::string& text,
                                               const Xapian::Query& parsed) const;

  private:
    // The query text with every phrase that names a group or place by an alias written as
    // "(PHRASE OR _entity:ID ...)".
    std::string expand_aliases(const std::string& folded) const;
    std::set<std::string> flag_speakers_;
    ParseInfo info_;

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The weighting that ranks text matches: BM25 with the k1 and b chosen on the test
// collections (docs/ranking.md).
inline constexpr double kBm25K1 = 2.0, kBm25B = 0.75;
Xapian::BM25Weight ranking_weight();

// Filter terms for a facet value (location filters select every place inside it).
Xapian::Query facet_value_query(const FacetValueInfo& v);

// The query matching dates from `from` to `to` inclusive (either may be open).
Xapian::Query date_range_query(const std::optional<Date>& from, const std::optional<Date>& to);

}  // namespace ndx
