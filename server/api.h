// The JSON API of ndx-serve (docs/api.md): one route per view, each a function of the
// request's parameters and the index, independent of the HTTP library.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/search.h"
#include "server/search_pool.h"

namespace ndx::serve {

// Version of the non-search answers (article, facets, stats); /api/search answers in
// ndx-search --json's format_version.
inline constexpr int kApiVersion = 1;

// What one request may ask for.
struct Limits {
    std::size_t query_bytes = 1024;   // q
    std::size_t page = 100;           // limit
    std::size_t offset = 10000;       // offset
    std::size_t facet_values = 1000;  // facet-limit
    std::size_t filters = 32;         // values given to each facet parameter
    std::chrono::milliseconds time{10000};
};

using Params = std::multimap<std::string, std::string>;

// The parameters ndx-search takes as options, under the same names (q for the query):
// a SearchRequest, or UsageError with the message ndx-search gives for the same option.
// `extra` names further parameters the caller reads; any other name is an error.
SearchRequest search_request(const Params& params, const Limits& limits,
                             const std::set<std::string>& extra = {});

struct Route {
    std::string path;  // "/api/search"
    std::function<Reply(const Params&, const Index&, const Limits&)> handler;
};

// Every API route.  A new view is one more entry.
const std::vector<Route>& api_routes();

}  // namespace ndx::serve
