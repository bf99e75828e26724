// Relaxation and "did you mean": see relax.h.
#include "common/relax.h"

#include "common/spelling.h"

namespace ndx {
namespace {

std::string results(Xapian::doccount n) {
    return std::to_string(n) + " result" + (n == 1 ? "" : "s");
}

}  // namespace

SearchResult search_relaxed(const SearchTarget& target, const SearchRequest& req, SearchOnce once) {
    SearchResult res = once(target, req, req.match);
    const bool nothing = res.total == 0;
    if (nothing && res.parsed.strict) {
        SearchResult any = once(target, req, MatchMode::Any);
        if (any.total > 0) {
            any.relaxed = true;
            any.rescue = std::move(res.rescue);
            any.notes.insert(any.notes.begin(), res.notes.begin(), res.notes.end());
            any.parsed = res.parsed;
            res = std::move(any);
        }
    }
    // Did you mean: for unknown words, or any word of a query that found nothing.  (A remote
    // database serves no spelling data: it suggests nothing.)
    if (res.parsed.free_words.empty() || target.remote) return res;
    std::vector<SpellingFix> fixes = spelling_fixes(target.db, res.parsed.free_words, nothing);
    if (fixes.empty()) return res;
    SearchRequest fixed = req;
    fixed.query = apply_fixes(req.query, fixes);
    if (fixed.query == req.query) return res;
    fixed.offset = 0;
    fixed.limit = 0;
    fixed.count_facets = false;
    fixed.snippets = false;
    fixed.explain = false;
    const Xapian::doccount n = once(target, fixed, req.match).total;
    if (n == 0) return res;
    res.did_you_mean = fixed.query;
    res.did_you_mean_total = n;
    if (nothing)
        res.rescue.insert(res.rescue.begin(),
                          "'" + fixed.query + "' (did you mean): " + results(n));
    return res;
}

}  // namespace ndx
