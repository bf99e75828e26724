// The parameters of ndx-serve's API routes: reading them, and the search request they make.
#include "server/params.h"

#include <charconv>
#include <iterator>

#include "common/config.h"
#include "common/error.h"
#include "common/normalize.h"
#include "common/schema.h"
#include "server/api.h"

namespace ndx::serve {

namespace {

// Marks around the matching words of a snippet with highlight=1: STX and ETX, which
// article text does not contain, so that a page can split on them and render text only.
constexpr const char* kMarkOn = "\x02";
constexpr const char* kMarkOff = "\x03";

const std::set<std::string>& search_params() {
    static const std::set<std::string> names = {"q",
                                                "speaker",
                                                "location",
                                                "group",
                                                "exclude-speaker",
                                                "exclude-location",
                                                "exclude-group",
                                                "from",
                                                "to",
                                                "undated",
                                                "sort",
                                                "limit",
                                                "offset",
                                                "facet-limit",
                                                "facet-order",
                                                "location-level",
                                                "date-interval",
                                                "no-facets",
                                                "no-snippets",
                                                "quotes",
                                                "explain",
                                                "highlight",
                                                "all",
                                                "any",
                                                "expand"};
    return names;
}

}  // namespace

std::vector<std::string> all_of(const Params& p, const std::string& name) {
    std::vector<std::string> out;
    auto [b, e] = p.equal_range(name);
    for (auto it = b; it != e; ++it) out.push_back(it->second);
    return out;
}

// The one value of a parameter given at most once ("" when absent).
std::string one_of(const Params& p, const std::string& name) {
    auto [b, e] = p.equal_range(name);
    if (b == e) return "";
    if (std::next(b) != e) throw UsageError("--" + name + " may be given once");
    return b->second;
}

namespace {

bool flag(const Params& p, const std::string& name) {
    if (!p.count(name)) return false;
    std::string v = one_of(p, name);
    if (v.empty() || v == "1" || v == "true" || v == "yes" || v == "on") return true;
    if (v == "0" || v == "false" || v == "no" || v == "off") return false;
    throw UsageError("--" + name + ": '" + v + "' is not 1 or 0");
}

std::size_t count_param(const Params& p, const std::string& name, std::size_t dflt,
                        std::size_t max) {
    if (!p.count(name)) return dflt;
    const std::string v = one_of(p, name);
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size())
        throw UsageError("--" + name + ": '" + v + "' is not a count (0 or more)");
    if (n > max) throw UsageError("--" + name + " may be at most " + std::to_string(max));
    return n;
}

Date date_param(const std::string& name, const std::string& v, bool end) {
    auto d = parse_date_bound(v, end);
    if (!d)
        throw UsageError("--" + name + ": bad date '" + v + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    return *d;
}

}  // namespace

Facet facet_param(const std::string& name, const std::string& v) {
    for (Facet f : kEntityFacets)
        if (v == facet_name(f)) return f;
    throw UsageError("--" + name + ": '" + v + "' is not one of speaker, location, group");
}

SearchRequest search_request(const Params& p, const Limits& limits,
                             const std::set<std::string>& extra) {
    for (const auto& [k, v] : p)
        if (!search_params().count(k) && !extra.count(k))
            throw UsageError("unknown parameter '" + k + "'");
    SearchRequest req;
    req.query = one_of(p, "q");
    if (req.query.size() > limits.query_bytes)
        throw UsageError("the query is longer than " + std::to_string(limits.query_bytes) +
                         " bytes");
    if (invalid_utf8_offset(req.query)) throw UsageError("the query is not valid UTF-8");
    static const char* const kNames[3][2] = {{"speaker", "exclude-speaker"},
                                             {"location", "exclude-location"},
                                             {"group", "exclude-group"}};
    for (std::size_t i = 0; i < 3; ++i) {
        req.facets[i].include = all_of(p, kNames[i][0]);
        req.facets[i].exclude = all_of(p, kNames[i][1]);
        for (const auto* list : {&req.facets[i].include, &req.facets[i].exclude}) {
            if (list->size() > limits.filters)
                throw UsageError("too many facet values (at most " +
                                 std::to_string(limits.filters) + ")");
            for (const std::string& v : *list)
                if (v.size() > limits.query_bytes || invalid_utf8_offset(v))
                    throw UsageError("a facet value is too long or not valid UTF-8");
        }
    }
    if (p.count("from") > 1 || p.count("to") > 1)
        throw UsageError("--from and --to may be given once");
    if (p.count("from")) req.from = date_param("from", one_of(p, "from"), false);
    if (p.count("to")) req.to = date_param("to", one_of(p, "to"), true);
    req.undated = flag(p, "undated");
    if (req.undated && (req.from || req.to))
        throw UsageError("--undated cannot be combined with --from/--to");
    if (req.from && req.to && *req.to < *req.from) throw UsageError("--from is after --to");
    req.limit = count_param(p, "limit", 10, limits.page);
    req.offset = count_param(p, "offset", 0, limits.offset);
    req.facet_limit = count_param(p, "facet-limit", 10, limits.facet_values);
    if (p.count("sort")) req.sort = sort_order_named(one_of(p, "sort"));
    if (p.count("facet-order")) req.facet_order = facet_order_named(one_of(p, "facet-order"));
    if (p.count("location-level"))
        req.location_level = location_level_named(one_of(p, "location-level"));
    if (p.count("date-interval"))
        req.date_interval = date_interval_named(one_of(p, "date-interval"));
    if (flag(p, "all") && flag(p, "any")) throw UsageError("--all and --any cannot be combined");
    if (flag(p, "all")) req.match = MatchMode::All;
    if (flag(p, "any")) req.match = MatchMode::Any;
    req.expand = flag(p, "expand");
    req.count_facets = !flag(p, "no-facets");
    req.snippets = !flag(p, "no-snippets");
    req.quotes = flag(p, "quotes");
    req.explain = flag(p, "explain");
    if (flag(p, "highlight")) {
        req.highlight_start = kMarkOn;
        req.highlight_end = kMarkOff;
    } else {
        req.highlight_start = req.highlight_end = "";
    }
    return req;
}

}  // namespace ndx::serve
