// The JSON API: see api.h and docs/api.md.
#include "server/api.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <sstream>

#include "common/document.h"
#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/facet_table.h"
#include "common/normalize.h"
#include "common/record.h"
#include "common/schema.h"
#include "common/views.h"
#include "searcher/print.h"

namespace ndx::serve {

namespace {

using nlohmann::json;

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

bool flag(const Params& p, const std::string& name) {
    if (!p.count(name)) return false;
    std::string v = one_of(p, name);
    if (v.empty() || v == "1" || v == "true" || v == "yes" || v == "on") return true;
    if (v == "0" || v == "false" || v == "no" || v == "off") return false;
    throw UsageError("--" + name + ": '" + v + "' is not 1 or 0");
}

template <typename E>
E parse_enum(const std::string& name, const std::string& v,
             std::initializer_list<std::pair<const char*, E>> choices) {
    std::string names;
    for (const auto& [n, value] : choices) {
        if (v == n) return value;
        names += names.empty() ? n : std::string(", ") + n;
    }
    throw UsageError("--" + name + ": '" + v + "' is not one of " + names);
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

std::string dumped(const json& j) { return j.dump(2) + "\n"; }

// --- /api/search: ndx-search --json -------------------------------------------------

Reply search_route(const Params& p, const Index& ix, const Limits& limits) {
    SearchRequest req = search_request(p, limits);
    SearchResult res = run_search(ix.target, req);
    for (const std::string& s : ix.skipped)
        res.notes.push_back("partial results: shard '" + s + "' could not be reached");
    std::ostringstream out;
    print_json(out, req, res);
    return Reply{200, out.str()};
}

// --- /api/article: one article, its text, facets with evidence spans, statements ----

// Characters (code points) in the first `bytes` bytes of UTF-8 text.
std::size_t chars_before(const std::string& text, std::size_t bytes) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < bytes && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
    return n;
}

json evidence_spans(const json& evidence, const std::string& text) {
    json out = json::array();
    if (!evidence.is_array()) return out;
    for (const json& ev : evidence) {
        if (ev.is_string()) {
            out.push_back({{"text", ev}});  // found outside the text (the dateline)
            continue;
        }
        if (!ev.is_array() || ev.size() != 2 || !ev[0].is_number_unsigned() ||
            !ev[1].is_number_unsigned())
            continue;
        const auto at = ev[0].get<std::size_t>(), n = ev[1].get<std::size_t>();
        if (at > text.size() || n > text.size() - at) continue;
        const std::size_t start = chars_before(text, at);
        out.push_back({{"text", text.substr(at, n)},
                       {"start", start},
                       {"length", chars_before(text, at + n) - start},
                       {"byte_start", at},
                       {"byte_length", n}});
    }
    return out;
}

Reply article_route(const Params& p, const Index& ix, const Limits&) {
    for (const auto& [k, v] : p)
        if (k != "id") throw UsageError("unknown parameter '" + k + "'");
    if (!p.count("id")) throw UsageError("missing parameter 'id'");
    const std::string id = one_of(p, "id");
    const Xapian::Database& db = ix.target.db;
    const std::string term = id_term(id);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        Xapian::Document doc = db.get_document(*it);
        const json data = json::parse(doc.get_data(), nullptr, false);
        const StoredRecord rec = read_record(data);
        if (!data.is_object() || rec.type == StoredRecord::Type::Statement || rec.id != id)
            continue;
        const std::string& text = rec.text;
        json out = {{"api_version", kApiVersion}, {"id", id}};
        out["path"] = rec.path;
        out["title"] = rec.title;
        out["date"] = rec.date ? json(*rec.date) : json(nullptr);
        out["byline"] = rec.byline;
        out["dateline"] = rec.dateline;
        out["source"] = rec.source;
        out["url"] = rec.url;
        out["line"] = rec.line ? json(rec.line) : json(nullptr);
        out["text"] = text;
        json facets = json::object();
        for (Facet f : kEntityFacets) {
            const std::string name(facet_name(f));
            json values = json::array();
            if (rec.facets.is_object() && rec.facets.contains(name) && rec.facets[name].is_array())
                for (const json& v : rec.facets[name]) {
                    if (!v.is_object()) continue;
                    json value = {{"value", v.value("value", "")}, {"key", v.value("key", "")}};
                    if (v.contains("kind")) value["kind"] = v["kind"];
                    if (v.contains("path")) value["path"] = v["path"];
                    value["evidence"] =
                        evidence_spans(v.contains("evidence") ? v["evidence"] : json(), text);
                    values.push_back(std::move(value));
                }
            facets[name] = std::move(values);
        }
        out["facets"] = std::move(facets);
        json statements = json::array();
        const std::string parent = parent_term(id);
        for (auto s = db.postlist_begin(parent); s != db.postlist_end(parent); ++s) {
            const StoredRecord st =
                read_record(json::parse(db.get_document(*s).get_data(), nullptr, false));
            if (st.article != id) continue;
            statements.push_back({{"speaker", st.speaker},
                                  {"kind", st.kind},
                                  {"paragraph", st.paragraph},
                                  {"statement", st.text}});
        }
        std::stable_sort(statements.begin(), statements.end(), [](const json& a, const json& b) {
            return a["paragraph"].get<int>() < b["paragraph"].get<int>();
        });
        out["statements"] = std::move(statements);
        return Reply{200, dumped(out)};
    }
    return error_reply(404, "no article with id '" + id + "'");
}

// --- /api/facets: values of the facets with counts, by prefix (autocomplete) --------

bool matches_prefix(const std::string& value, const std::string& want) {
    if (want.empty()) return true;
    const std::string key = entity_key(value);
    return key.rfind(want, 0) == 0 || key.find(" " + want) != std::string::npos;
}

Reply facets_route(const Params& p, const Index& ix, const Limits& limits) {
    SearchRequest req = search_request(p, limits, {"facet", "prefix"});
    std::vector<Facet> which;
    for (const std::string& name : all_of(p, "facet")) {
        bool known = false;
        for (Facet f : kEntityFacets)
            if (name == facet_name(f)) {
                which.push_back(f);
                known = true;
            }
        if (!known)
            throw UsageError("--facet: '" + name + "' is not one of speaker, location, group");
    }
    if (which.empty()) which.assign(kEntityFacets.begin(), kEntityFacets.end());
    const std::string prefix = one_of(p, "prefix");
    if (prefix.size() > limits.query_bytes) throw UsageError("the prefix is too long");
    const std::string want = entity_key(prefix);
    const std::size_t shown = req.facet_limit;
    req.facet_limit = std::numeric_limits<std::size_t>::max();
    req.limit = 0;
    req.snippets = false;
    req.count_facets = true;
    const SearchResult res = run_search(ix.target, req);
    json facets = json::object(), more = json::object();
    for (Facet f : which) {
        json values = json::array();
        std::size_t beyond = 0;
        for (const FacetCount& c : res.facets[static_cast<std::size_t>(f)].values) {
            if (!matches_prefix(c.value, want)) continue;
            if (values.size() >= shown) {
                ++beyond;
                continue;
            }
            json v = {{"value", c.value}, {"count", c.count}, {"selected", c.selected}};
            if (f == Facet::Location) v["path"] = c.path;
            if (f != Facet::Speaker) v["kind"] = c.kind.empty() ? json(nullptr) : json(c.kind);
            values.push_back(std::move(v));
        }
        facets[std::string(facet_name(f))] = std::move(values);
        more[std::string(facet_name(f))] = beyond;
    }
    json out = {{"api_version", kApiVersion},
                {"prefix", prefix},
                {"total", res.total},
                {"facets", std::move(facets)},
                {"more", std::move(more)}};
    return Reply{200, dumped(out)};
}

// --- /api/timeline, /api/pivot, /api/values: ndx-search's views, as its JSON ----------

Facet facet_param(const std::string& name, const std::string& v) {
    for (Facet f : kEntityFacets)
        if (v == facet_name(f)) return f;
    throw UsageError("--" + name + ": '" + v + "' is not one of speaker, location, group");
}

Reply timeline_route(const Params& p, const Index& ix, const Limits& limits) {
    SearchRequest req = search_request(p, limits, {"facet"});
    const Facet f = facet_param("timeline", one_of(p, "facet"));
    return Reply{200, dumped(timeline_json(req, run_timeline(ix.target, req, f)))};
}

Reply pivot_route(const Params& p, const Index& ix, const Limits& limits) {
    SearchRequest req = search_request(p, limits, {"facets"});
    const std::string both = one_of(p, "facets");
    const auto comma = both.find(',');
    if (comma == std::string::npos)
        throw UsageError("--pivot: give two facets, FACET1,FACET2 (e.g. location,group)");
    const Facet first = facet_param("pivot", both.substr(0, comma));
    const Facet second = facet_param("pivot", both.substr(comma + 1));
    return Reply{
        200, dumped(pivot_json(req, run_pivot(ix.target, req, first, second, req.facet_limit)))};
}

Reply values_route(const Params& p, const Index& ix, const Limits& limits) {
    SearchRequest req = search_request(p, limits, {"facet", "prefix"});
    const Facet f = facet_param("values", one_of(p, "facet"));
    const std::string prefix = one_of(p, "prefix");
    if (prefix.size() > limits.query_bytes) throw UsageError("the prefix is too long");
    return Reply{200, dumped(values_json(req, run_values(ix.target, req, f, prefix)))};
}

// /api/batch?query=…&query=…: ndx-search --batch, one search per query parameter (in
// place of the lines of a file), each line's failure reported in the answer.
Reply batch_route(const Params& p, const Index& ix, const Limits& limits) {
    SearchRequest req = search_request(p, limits, {"query"});
    if (!req.query.empty())
        throw UsageError("--batch takes its queries from 'query', not from 'q'");
    const std::vector<std::string> queries = all_of(p, "query");
    if (queries.empty()) throw UsageError("--batch: give one or more 'query' parameters");
    if (queries.size() > limits.page)
        throw UsageError("--batch: at most " + std::to_string(limits.page) + " queries");
    req.limit = 0;
    req.snippets = false;
    std::vector<BatchEntry> entries;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        BatchEntry e{i + 1, queries[i], std::nullopt, ""};
        if (queries[i].size() > limits.query_bytes || invalid_utf8_offset(queries[i])) {
            e.error = "the query is too long or not valid UTF-8";
        } else {
            SearchRequest one = req;
            one.query = queries[i];
            try {
                e.result = run_search(ix.target, one);
            } catch (const QueryError& err) {
                e.error = err.what();
            }
        }
        entries.push_back(std::move(e));
    }
    return Reply{200, dumped(batch_json(req, "-", entries))};
}

// --- /api/stats ---------------------------------------------------------------------

Reply stats_route(const Params& p, const Index& ix, const Limits&) {
    for (const auto& [k, v] : p) throw UsageError("unknown parameter '" + k + "'");
    const SearchTarget& t = ix.target;
    const Xapian::Database& db = t.db;
    json values = json::object();
    for (Facet f : kEntityFacets)
        values[std::string(facet_name(f))] = t.catalog ? t.catalog->all_keys(f).size() : 0;
    const std::string first = db.get_value_lower_bound(slot_no(Slot::Date));
    const std::string last = db.get_value_upper_bound(slot_no(Slot::Date));
    auto day = [](const std::string& d) {
        return d.size() == 8 ? json(d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2))
                             : json(nullptr);
    };
    Xapian::Enquire enq(db);
    enq.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(kArticleTerm),
                                Xapian::Query(kUndatedTerm)));
    enq.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::doccount undated = enq.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
    json out = {{"api_version", kApiVersion},
                {"version", NDX_VERSION},
                {"search_format_version", kJsonFormatVersion},
                {"databases", t.names},
                {"skipped", ix.skipped},
                {"documents", db.get_doccount()},
                {"articles", db.get_termfreq(kArticleTerm)},
                {"statements", db.get_termfreq(kStatementTerm)},
                {"undated", undated},
                {"first_date", day(first)},
                {"last_date", day(last)},
                {"values", std::move(values)},
                {"facet_table", t.table && t.parts.size() == 1 && t.table->describes(t.parts[0])}};
    if (!t.remote && t.parts.size() == 1) out["revision"] = t.parts[0].get_revision();
    return Reply{200, dumped(out)};
}

}  // namespace

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
    if (p.count("sort"))
        req.sort = parse_enum<SortOrder>("sort", one_of(p, "sort"),
                                         {{"relevance", SortOrder::Relevance},
                                          {"date", SortOrder::DateAscending},
                                          {"-date", SortOrder::DateDescending}});
    if (p.count("facet-order"))
        req.facet_order =
            parse_enum<FacetOrder>("facet-order", one_of(p, "facet-order"),
                                   {{"count", FacetOrder::Count}, {"name", FacetOrder::Name}});
    if (p.count("location-level"))
        req.location_level =
            parse_enum<LocationLevel>("location-level", one_of(p, "location-level"),
                                      {{"named", LocationLevel::Named},
                                       {"country", LocationLevel::Country},
                                       {"province", LocationLevel::Province},
                                       {"city", LocationLevel::City}});
    if (p.count("date-interval"))
        req.date_interval = parse_enum<DateInterval>("date-interval", one_of(p, "date-interval"),
                                                     {{"year", DateInterval::Year},
                                                      {"month", DateInterval::Month},
                                                      {"day", DateInterval::Day}});
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

const std::vector<Route>& api_routes() {
    static const std::vector<Route> routes = {
        {"/api/search", search_route}, {"/api/article", article_route},
        {"/api/facets", facets_route}, {"/api/timeline", timeline_route},
        {"/api/pivot", pivot_route},   {"/api/values", values_route},
        {"/api/batch", batch_route},   {"/api/stats", stats_route},
    };
    return routes;
}

}  // namespace ndx::serve
