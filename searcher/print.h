// Rendering search results for people (text) and for scripts (JSON).
#pragma once

#include <ostream>

#include "common/search.h"

namespace ndx {

// Version of the --json output; bumped on any change (see docs/output-format.md).
inline constexpr int kJsonFormatVersion = 3;

struct TextStyle {
    bool bold = false;  // highlight matches and selected values (terminal, no NO_COLOR)
};

void print_text(std::ostream& out, const SearchRequest& req, const SearchResult& res,
                const TextStyle& style);
void print_json(std::ostream& out, const SearchRequest& req, const SearchResult& res);

}  // namespace ndx
