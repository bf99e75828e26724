// The rescue hints of a search that found nothing: what dropping one filter, or one word
// or phrase of the query, would find.
#include <string>
#include <vector>

#include "common/error.h"
#include "common/query.h"
#include "common/search_stages.h"

namespace ndx::search_stages {
namespace {

using Q = Xapian::Query;

// Splits query text into top-level chunks (quoted phrases kept whole).
std::vector<std::string> query_chunks(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    int depth = 0;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (!quoted && c == '(') ++depth;
        if (!quoted && c == ')') --depth;
        if (c == ' ' && !quoted && depth <= 0) {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// AND, OR, NOT, XOR, NEAR, NEAR/n, ADJ, ADJ/n: query syntax, not words
bool is_operator(const std::string& chunk) {
    return chunk == "AND" || chunk == "OR" || chunk == "NOT" || chunk == "XOR" ||
           chunk.rfind("NEAR", 0) == 0 || chunk.rfind("ADJ", 0) == 0;
}
}  // namespace

void find_rescue(const Xapian::Database& db, const SearchRequest& req, QueryBuilder& qb,
                 const Q& text, Filters& filters, std::vector<std::string>& rescue) {
    // Dropping one filter.
    for (std::size_t i = 0; i < 3; ++i) {
        if (!filters.include[i]) continue;
        Xapian::doccount n = count_matches(db, combine(text, filters, leave_facet(i)));
        if (n)
            rescue.push_back("without --" + std::string(facet_name(static_cast<Facet>(i))) + ": " +
                             std::to_string(n) + " result" + (n == 1 ? "" : "s"));
    }
    for (std::size_t i = 0; i < 3; ++i) {
        if (!filters.exclude[i]) continue;
        auto saved = filters.exclude[i];
        filters.exclude[i].reset();
        Xapian::doccount n = count_matches(db, combine(text, filters, Leave::Nothing));
        filters.exclude[i] = saved;
        if (n)
            rescue.push_back("without --exclude-" + std::string(facet_name(static_cast<Facet>(i))) +
                             ": " + std::to_string(n) + " result" + (n == 1 ? "" : "s"));
    }
    if (filters.date) {
        Xapian::doccount n = count_matches(db, combine(text, filters, Leave::Date));
        if (n)
            rescue.push_back(std::string("without ") +
                             (req.undated ? "--undated" : "the date range") + ": " +
                             std::to_string(n) + " result" + (n == 1 ? "" : "s"));
    }
    // Dropping one word or phrase of the query text: one search per word, each as long as
    // the query, so only for short queries (a 10,000-word query matching nothing ran for
    // minutes).
    constexpr std::size_t kMaxRescueWords = 16;
    std::vector<std::string> chunks = query_chunks(req.query);
    if (chunks.size() > 1 && chunks.size() <= kMaxRescueWords) {
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            // an operator is no word to drop; it goes with the word it joins
            if (is_operator(chunks[i])) continue;
            std::size_t with = chunks.size();
            if (i > 0 && is_operator(chunks[i - 1]))
                with = i - 1;
            else if (i + 1 < chunks.size() && is_operator(chunks[i + 1]) && chunks[i + 1] != "NOT")
                with = i + 1;
            std::string rest;
            for (std::size_t j = 0; j < chunks.size(); ++j)
                if (j != i && j != with) rest += (rest.empty() ? "" : " ") + chunks[j];
            if (rest.empty()) continue;
            Q q;
            try {
                q = qb.parse(rest, req.match);
            } catch (const QueryError&) {
                continue;
            }
            Xapian::doccount n = count_matches(db, combine(q, filters, Leave::Nothing));
            if (n)
                rescue.push_back("without '" + chunks[i] + "': " + std::to_string(n) + " result" +
                                 (n == 1 ? "" : "s"));
        }
    }
}

}  // namespace ndx::search_stages
