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
#include "server/params.h"

namespace ndx::serve {

namespace {

using nlohmann::json;

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
