// "Did you mean": spelling data written by ndx-index, suggestions read by ndx-search.
//
// The index keeps Xapian's spelling table: every word seen twice or more in the articles'
// titles and text, and every word of their facet values (speakers, places, groups), folded and
// lower-cased as the query parser sees words, with how often it occurs.  A query word the index
// does not know (or any word of a query that finds nothing) is corrected to the most frequent
// indexed word within one edit (words of up to five letters) or two (Xapian's
// get_spelling_suggestion), keeping the word's capitals.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/word_map.h"

namespace ndx {

// Distinct words counted before an index commit writes them (each write of the spelling
// table rewrites the lists of the fragments it touches, so it is written rarely).
inline constexpr std::size_t kSpellingBatch = 300000;
// Words added to one database between two of its commits when a batch is written: Xapian
// holds every new word's fragments in memory until the commit (some 600 bytes a word), so
// a batch of a growing archive's new names is written in chunks.
inline constexpr std::size_t kSpellingChunk = 20000;

// Counts the words of one shard's new articles; flush() adds them to its spelling table.
class SpellingCounter {
  public:
    // The words of `text` (as written: folded here when they hold non-ASCII letters).
    void add_text(std::string_view text);
    // The words of a facet value's name: kept even when seen once.
    void add_name(std::string_view name);
    // How many distinct words are counted.
    std::size_t words() const { return counts_.size(); }
    // Adds the counted words to `db`'s spelling table and forgets them; `between_chunks`,
    // when given, is called after every kSpellingChunk words before the next (to commit).
    void flush(Xapian::WritableDatabase& db, const std::function<void()>& between_chunks = {});
    // Adds share `k` of `n` of the counted words to `db`'s spelling table and keeps them.
    // A word's share follows from its letters alone, so n threads can each add their
    // share of one counter to their own database at once, and Xapian's compactor merges
    // those tables into the one flush() would have written into one database (no word is
    // in two of them).
    void flush_share(Xapian::WritableDatabase& db, std::size_t k, std::size_t n,
                     const std::function<void()>& between_chunks = {}) const;

  private:
    WordMap<Xapian::termcount> counts_;
};

// One corrected word of a query.
struct SpellingFix {
    std::string word;        // as written in the query
    std::string correction;  // in the word's capitals
};

// Corrections for `words` (free-text words of a query, as written): for each word the index
// does not know (its stem is no term of the text), or for every word when `all`, the most
// frequent known word within one or two edits, if any.
std::vector<SpellingFix> spelling_fixes(const Xapian::Database& db,
                                        const std::vector<std::string>& words, bool all);

// `query` with each fixed word replaced where it stands as a whole word (not inside a field
// name or another word); the query unchanged when there is nothing to fix.
std::string apply_fixes(const std::string& query, const std::vector<SpellingFix>& fixes);

}  // namespace ndx
