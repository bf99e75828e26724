// English function words, left out of queries that are ranked by any of their words.
#pragma once

#include <xapian.h>

#include <string_view>

namespace ndx {

// Whether `word` (folded, unstemmed) is an English function word: an article, pronoun,
// auxiliary verb, preposition, conjunction or question word.
bool is_stopword(std::string_view word);

// A Xapian stopper of those words, for the QueryParser.
const Xapian::Stopper& query_stopper();

}  // namespace ndx
