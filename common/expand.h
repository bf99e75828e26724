// Pseudo-relevance feedback (ndx-search --expand): the words most typical of a query's
// best hits rank its matches too.  See docs/ranking.md for what it gains and loses.
#pragma once

#include <xapian.h>

namespace ndx {

// Feedback settings, chosen on the test collections (docs/ranking.md).
inline constexpr Xapian::doccount kExpandDocs = 5;     // top hits taken as relevant
inline constexpr Xapian::termcount kExpandTerms = 20;  // words taken from them
inline constexpr double kExpandWeight = 0.5;           // their weight against the query's

// `text` (the query's words), with Xapian's expand set of the kExpandDocs best hits of
// `query` (text and filters) added as optional evidence: AND_MAYBE, so the articles that
// match, the total and the facet counts stay those of `query`; only their order changes.
// `text` itself when the query finds nothing.
Xapian::Query expand_ranking(const Xapian::Database& db, const Xapian::Query& query,
                             const Xapian::Query& text);

}  // namespace ndx
