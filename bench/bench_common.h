// What every benchmark tool shares: reading the articles (JSON Lines from
// reuters_to_jsonl.py), the facet values ndx extracted (ndx-index --dump), the query file,
// timing, and writing timings and results in one format for report.py.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bench {

struct Article {
    std::string id;
    std::string title;
    std::string text;
    std::string date;  // "YYYY-MM-DD" or empty (the JSON date cut to the day)
};

// Calls `fn` for every record of a JSON Lines file, in order.  Throws on a bad line.
void for_each_article(const std::string& path, const std::function<void(Article&&)>& fn);

// The facets the peers count, in this order everywhere.
enum FacetKind { kSpeaker = 0, kLocation = 1, kGroup = 2, kMonth = 3 };
inline constexpr std::array<const char*, 4> kFacetNames = {"speaker", "location", "group", "date"};
inline constexpr const char* kUndated = "undated";

// One article's facet values as ndx extracted them (from `ndx-index --dump`), by their
// normalised keys, which is what ndx counts: "BankAmerica Corp" and "BANKAMERICA CORP" in
// two articles are one value, "bankamerica corp".
struct ArticleFacets {
    std::vector<std::string> speaker, location, group;
    // Every place named and every place above it, as key paths ("japan", "japan/tokyo"):
    // what a --location filter matches, as ndx's XLO terms do.
    std::vector<std::string> location_tree;
    std::string month;  // "YYYY-MM", or kUndated
    std::string day;    // "YYYYMMDD", or empty
};

struct Dump {
    std::unordered_map<std::string, ArticleFacets> by_id;
    // Display name (as written in queries.txt) -> key, per entity facet (first seen).
    std::array<std::unordered_map<std::string, std::string>, 3> key_of_name;
    // The key a filter names; throws when no article has that value.
    const std::string& key(FacetKind facet, const std::string& name) const;
};

// Reads `ndx-index --dump` output.  Throws on a bad line.
Dump read_dump(const std::string& path);

// One line of queries.txt: "LABEL | TEXT | FILTER; FILTER" with FILTER one of
// speaker=NAME, location=NAME, group=NAME (the display names of the dump).
struct Filter {
    FacetKind facet;
    std::string value;
};
struct Query {
    std::string label;
    std::string text;  // words, "phrases", AND/OR/NOT in capitals; may be empty
    std::vector<Filter> filters;
};
std::vector<Query> read_queries(const std::string& path);

// The query text as tokens: words, operators (AND, OR, NOT) and phrases (kept with their
// quotes), for engines whose syntax differs (FTS5).
std::vector<std::string> tokenize_query(const std::string& text);

// ndx's match rule for a query's words (docs/ranking.md, "Query semantics"): a query of
// two or three words or phrases and no operator (AND, OR, NOT, XOR, NEAR, ADJ, +word,
// -word) matches the articles with every one of them, and only when no article has them
// all, those with any of them ("relaxation"); other queries are run as written, their
// loose words ORed.  Every engine is given the same rule, so their totals and facets
// describe the same articles.
bool all_words_first(const std::string& text);

// What one engine answered for one query: compared across engines by report.py.
struct Answer {
    std::size_t total = 0;
    std::vector<std::string> top;  // ids of the top 10, best first
    // Key -> count for every facet (top 10 values by count then key; all months).
    std::array<std::vector<std::pair<std::string, std::size_t>>, 4> facets;
    bool has_facets = false;
};

// Sorts counts by count (descending) then name, and keeps the first `limit` (0: all).
std::vector<std::pair<std::string, std::size_t>> top_counts(
    const std::unordered_map<std::string, std::size_t>& counts, std::size_t limit);

// Command-line options shared by every query mode.
struct QueryOptions {
    std::string queries;
    int passes = 5;
    int warmup = 1;
    std::string times_out;    // TSV: engine, label, pass, milliseconds
    std::string results_out;  // JSON Lines: one Answer per query (from the first pass)
    std::string engine;       // the name written in both files
    // --clock cpu: each query timed by the CPU time of the thread running it (unaffected
    // by other programs competing for the cores) instead of wall time
    bool cpu_clock = false;
};
// Parses "--passes N --warmup N --times FILE --results FILE --engine NAME --clock
// wall|cpu" from
// argv[first...], leaving positional arguments in `rest`.  Throws on a bad option.
QueryOptions parse_query_options(int argc, char** argv, int first, std::vector<std::string>& rest);

// Runs every query `warmup` times unmeasured, then `passes` times measured, calling
// `run(query, answer)`; writes the timings and the first measured answers.  `skip(q)`
// leaves a query out (an engine that cannot express it).  Prints a one-line summary.
void run_query_passes(const QueryOptions& opt, const std::vector<Query>& queries,
                      const std::function<bool(const Query&)>& skip,
                      const std::function<void(const Query&, Answer&)>& run);

using Clock = std::chrono::steady_clock;
inline double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace bench
