// Query building: the QueryParser set up from the schema, and facet/date filters.
#pragma once

#include <xapian.h>

#include <memory>
#include <set>
#include <optional>
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

    // The parsed query for `text` (empty text gives MatchAll).
    Xapian::Query parse(const std::string& text);

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

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Filter terms for a facet value (location filters select every place inside it).
Xapian::Query facet_value_query(const FacetValueInfo& v);

// The query matching dates from `from` to `to` inclusive (either may be open).
Xapian::Query date_range_query(const std::optional<Date>& from, const std::optional<Date>& to);

}  // namespace ndx
