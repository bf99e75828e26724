// The query text as ndx reads it before Xapian's parser does: its tokens, its words and
// operators (for the match mode), its wildcard words (for snippets).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ndx {

struct ParseInfo;

// A token of the folded query text: a word (what stands between spaces, tabs, brackets
// and double quotes), or one of '"', '(' and ')'.
struct QueryToken {
    std::size_t begin, end;
    bool quoted;  // a word inside a "phrase"
    bool mark;    // '"', '(' or ')'
};

std::vector<QueryToken> query_tokens(const std::string& folded);

// The words of free text (no field, not quoted) written with a trailing * ("sanction*"),
// without the * (nor a + or - before them).
std::vector<std::string> free_wildcards(const std::string& folded);

// What a query's text holds, for its match mode (MatchMode in query.h): operators, and
// how many words, phrases and text fields (a facet or date field is a filter, not a word).
ParseInfo analyse_query(const std::string& folded);

// The values of speaker:"Name" and speaker:name in query text.  A scan, not std::regex,
// which recurses once per character: a 120 KB value overflowed the stack.
std::vector<std::string> speaker_fields(const std::string& text);

}  // namespace ndx
