// Rendering search results and views for people (text), scripts (JSON) and spreadsheets
// (CSV).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "common/search.h"
#include "common/views.h"

namespace ndx {

// Version of the --json output; bumped on any change (see docs/output-format.md).
inline constexpr int kJsonFormatVersion = 4;

struct TextStyle {
    bool bold = false;  // highlight matches and selected values (terminal, no NO_COLOR)
};

// One line of a --batch file and what it gave.
struct BatchEntry {
    std::size_t line = 0;  // 1-based line in the file
    std::string query;
    std::optional<SearchResult> result;  // empty when the line failed
    std::string error;                   // why it failed
};

void print_text(std::ostream& out, const SearchRequest& req, const SearchResult& res,
                const TextStyle& style);
void print_json(std::ostream& out, const SearchRequest& req, const SearchResult& res);
// The search document (docs/output-format.md) as dump_json(..., 2) (flat_json.h) writes
// it, written without building a tree: members in key order, two spaces a level.
void write_search_json(std::string& out, const SearchRequest& req, const SearchResult& res);

// The JSON documents (docs/output-format.md), for ndx-search and the HTTP API alike; the
// search document and its facets are those write_search_json writes, read back.
nlohmann::json search_json(const SearchRequest& req, const SearchResult& res);
nlohmann::json facets_json(const SearchRequest& req, const SearchResult& res);
nlohmann::json timeline_json(const SearchRequest& req, const Timeline& tl);
nlohmann::json pivot_json(const SearchRequest& req, const Pivot& pv);
nlohmann::json values_json(const SearchRequest& req, const ValueList& vl);
nlohmann::json batch_json(const SearchRequest& req, const std::string& file,
                          const std::vector<BatchEntry>& entries);

// Text for people.
void print_facets_text(std::ostream& out, const SearchResult& res, const TextStyle& style);
// --facets-only: the total and the facets.
void print_facets_only_text(std::ostream& out, const SearchRequest& req, const SearchResult& res,
                            const TextStyle& style);
void print_timeline_text(std::ostream& out, const SearchRequest& req, const Timeline& tl);
void print_pivot_text(std::ostream& out, const SearchRequest& req, const Pivot& pv);
void print_values_text(std::ostream& out, const SearchRequest& req, const ValueList& vl);
void print_batch_text(std::ostream& out, const SearchRequest& req,
                      const std::vector<BatchEntry>& entries, const TextStyle& style);

// CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks
// quoted, quotes doubled), one header line first.
std::string csv_field(const std::string& s);
void print_csv_hits(std::ostream& out, const SearchRequest& req, const SearchResult& res);
void print_csv_facets(std::ostream& out, const SearchRequest& req, const SearchResult& res);
void print_csv_timeline(std::ostream& out, const SearchRequest& req, const Timeline& tl);
void print_csv_pivot(std::ostream& out, const SearchRequest& req, const Pivot& pv);
void print_csv_values(std::ostream& out, const SearchRequest& req, const ValueList& vl);
void print_csv_batch(std::ostream& out, const SearchRequest& req,
                     const std::vector<BatchEntry>& entries);

}  // namespace ndx
