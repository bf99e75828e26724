// What a search answers when its query is strict: relaxation to any word when nothing has
// every word, and "did you mean" (see docs/ranking.md).
#pragma once

#include "common/database.h"
#include "common/search.h"

namespace ndx {

// One search with its query's plain words combined as the MatchMode says.
using SearchOnce = SearchResult (*)(const SearchTarget&, const SearchRequest&, MatchMode);

// Runs `once` for `req`; when its query wanted every word of several (MatchMode::Auto) and
// nothing has them all, runs it again for any word and marks the result relaxed (its
// rescue hints are those of the strict query).  A query with words the index does not
// know, or that finds nothing, gets a spelling correction when the corrected query finds
// something: it comes first among the rescue hints.
SearchResult search_relaxed(const SearchTarget& target, const SearchRequest& req, SearchOnce once);

}  // namespace ndx
