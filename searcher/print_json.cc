// The --json output of ndx-search and its views (specified in docs/output-format.md).
#include <nlohmann/json.hpp>

#include "common/flat_json.h"
#include "searcher/print.h"

namespace ndx {
namespace {

using nlohmann::json;

json value_json(Facet f, const FacetCount& c) {
    json v = {{"value", c.value}, {"count", c.count}, {"selected", c.selected}};
    if (f == Facet::Location) v["path"] = c.path;
    if (f != Facet::Speaker) v["kind"] = c.kind.empty() ? json(nullptr) : json(c.kind);
    return v;
}

// What every view document starts with.
json view_head(const SearchRequest& req, const char* view, const std::string& query,
               Xapian::doccount total, const std::vector<std::string>& notes) {
    json doc = {{"format_version", kJsonFormatVersion},
                {"view", view},
                {"mode", req.quotes ? "quotes" : "articles"},
                {"query", query},
                {"total", total},
                {"total_exact", true},
                {"location_level", location_level_name(req.location_level)}};
    if (!notes.empty()) doc["notes"] = notes;
    return doc;
}

json series_json(const TimelineRow& row) {
    return {{"count", row.value.count}, {"counts", row.counts}, {"undated", row.undated}};
}

}  // namespace

json facets_json(const SearchRequest& req, const SearchResult& res) {
    json facets = json::object();
    if (!req.count_facets) return facets;
    for (Facet f : kEntityFacets) {
        const FacetResult& fr = res.facets[static_cast<std::size_t>(f)];
        json values = json::array();
        for (const FacetCount& c : fr.values) values.push_back(value_json(f, c));
        const std::string name(facet_name(f));
        facets[name] = std::move(values);
        facets[name + "_more"] = fr.more;
        facets[name + "_multi_select"] = fr.multi_select;
    }
    json dates = json::array();
    for (const DateBucket& b : res.dates.buckets)
        dates.push_back({{"value", b.label}, {"count", b.count}});
    facets["date"] = std::move(dates);
    facets["date_interval"] = res.dates.interval;
    facets["undated"] = res.dates.undated;
    facets["date_multi_select"] = res.dates.multi_select;
    return facets;
}

json search_json(const SearchRequest& req, const SearchResult& res) {
    json hits = json::array();
    for (const Hit& h : res.hits) {
        if (req.quotes) {
            json hit = {{"rank", h.rank},
                        {"speaker", h.record.speaker},
                        {"kind", h.record.kind},
                        {"statement", h.record.text},
                        {"date", h.record.date ? json(*h.record.date) : json(nullptr)},
                        {"article", h.record.article},
                        {"path", h.record.path},
                        {"title", h.record.title},
                        {"paragraph", h.record.paragraph},
                        {"score", h.score}};
            if (h.record.line) hit["line"] = h.record.line;
            hits.push_back(std::move(hit));
            continue;
        }
        json hit = {{"rank", h.rank},
                    {"id", h.record.id},
                    {"path", h.record.path},
                    {"title", h.record.title},
                    {"date", h.record.date ? json(*h.record.date) : json(nullptr)},
                    {"score", h.score}};
        if (req.snippets) hit["snippet"] = h.snippet;
        for (const auto& [k, v] : {std::pair{"byline", &h.record.byline},
                                   {"dateline", &h.record.dateline},
                                   {"source", &h.record.source},
                                   {"url", &h.record.url}})
            if (!v->empty()) hit[k] = *v;
        if (h.record.line) hit["line"] = h.record.line;
        if (req.explain && !h.record.facets.is_null()) hit["evidence"] = h.record.facets;
        hits.push_back(std::move(hit));
    }
    json doc = {{"format_version", kJsonFormatVersion},
                {"mode", req.quotes ? "quotes" : "articles"},
                {"query", res.query},
                {"total", res.total},
                {"total_exact", res.total_exact},
                {"offset", req.offset},
                {"limit", req.limit},
                {"hits", std::move(hits)},
                {"facets", facets_json(req, res)},
                {"facets_exact", res.facets_exact}};
    if (!res.notes.empty()) doc["notes"] = res.notes;
    if (!res.rescue.empty()) doc["suggestions"] = res.rescue;
    if (!res.match.empty()) doc["match"] = res.match;
    doc["relaxed"] = res.relaxed;
    if (!res.did_you_mean.empty())
        doc["did_you_mean"] = {{"query", res.did_you_mean}, {"total", res.did_you_mean_total}};
    return doc;
}

void print_json(std::ostream& out, const SearchRequest& req, const SearchResult& res) {
    out << dump_json(search_json(req, res), 2) << "\n";
}

json timeline_json(const SearchRequest& req, const Timeline& tl) {
    json doc = view_head(req, "timeline", req.query, tl.total, tl.notes);
    doc["facet"] = std::string(facet_name(tl.facet));
    doc["interval"] = tl.interval;
    doc["intervals"] = tl.labels;
    doc["selection"] = tl.selection;
    json rows = json::array();
    for (const TimelineRow& r : tl.rows) {
        json v = value_json(tl.facet, r.value);
        v["counts"] = r.counts;
        v["undated"] = r.undated;
        rows.push_back(std::move(v));
    }
    doc["values"] = std::move(rows);
    doc["more"] = tl.more;
    doc["all"] = series_json(tl.all);
    return doc;
}

json pivot_json(const SearchRequest& req, const Pivot& pv) {
    json doc = view_head(req, "pivot", req.query, pv.total, pv.notes);
    doc["facets"] = {std::string(facet_name(pv.first)), std::string(facet_name(pv.second))};
    doc["selection"] = pv.selection;
    json rows = json::array();
    for (const PivotRow& r : pv.rows) {
        json v = value_json(pv.first, r.value);
        json sub = json::array();
        for (const FacetCount& c : r.sub) sub.push_back(value_json(pv.second, c));
        v["pivot"] = std::move(sub);
        v["more"] = r.more;
        rows.push_back(std::move(v));
    }
    doc["pivot"] = std::move(rows);
    doc["more"] = pv.more;
    return doc;
}

json values_json(const SearchRequest& req, const ValueList& vl) {
    json doc = view_head(req, "values", req.query, vl.total, vl.notes);
    doc["facet"] = std::string(facet_name(vl.facet));
    doc["prefix"] = vl.prefix;
    doc["scope"] = vl.every_article ? "all" : "matches";
    doc["order"] = req.facet_order == FacetOrder::Name ? "name" : "count";
    json values = json::array();
    for (const FacetCount& c : vl.values) {
        json v = value_json(vl.facet, c);
        v["key"] = c.key;
        values.push_back(std::move(v));
    }
    doc["values"] = std::move(values);
    doc["matched"] = vl.matched;
    doc["more"] = vl.more;
    return doc;
}

json batch_json(const SearchRequest& req, const std::string& file,
                const std::vector<BatchEntry>& entries) {
    json queries = json::array();
    std::size_t failed = 0;
    for (const BatchEntry& e : entries) {
        json q = {{"line", e.line}, {"query", e.query}};
        if (!e.result) {
            q["error"] = e.error;
            ++failed;
        } else {
            q["total"] = e.result->total;
            q["total_exact"] = e.result->total_exact;
            q["facets"] = facets_json(req, *e.result);
            if (!e.result->notes.empty()) q["notes"] = e.result->notes;
        }
        queries.push_back(std::move(q));
    }
    return {{"format_version", kJsonFormatVersion},
            {"view", "batch"},
            {"mode", req.quotes ? "quotes" : "articles"},
            {"file", file},
            {"queries", std::move(queries)},
            {"failed", failed}};
}

}  // namespace ndx
