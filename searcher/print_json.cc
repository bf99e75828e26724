// The --json output of ndx-search (specified in docs/output-format.md).
#include <nlohmann/json.hpp>

#include "searcher/print.h"

namespace ndx {

void print_json(std::ostream& out, const SearchRequest& req, const SearchResult& res) {
    using nlohmann::json;
    json hits = json::array();
    for (const Hit& h : res.hits) {
        if (req.quotes) {
            json hit = {{"rank", h.rank},
                        {"speaker", h.record.value("speaker", "")},
                        {"kind", h.record.value("kind", "")},
                        {"statement", h.record.value("text", "")},
                        {"date", h.record.contains("date") ? h.record["date"] : json(nullptr)},
                        {"article", h.record.value("article", "")},
                        {"path", h.record.value("path", "")},
                        {"title", h.record.value("title", "")},
                        {"paragraph", h.record.value("paragraph", 0)},
                        {"score", h.score}};
            if (h.record.contains("line")) hit["line"] = h.record["line"];
            hits.push_back(std::move(hit));
            continue;
        }
        json hit = {{"rank", h.rank},
                    {"id", h.record.value("id", "")},
                    {"path", h.record.value("path", "")},
                    {"title", h.record.value("title", "")},
                    {"date", h.record.contains("date") ? h.record["date"] : json(nullptr)},
                    {"score", h.score}};
        if (req.snippets) hit["snippet"] = h.snippet;
        for (const char* k : {"byline", "dateline", "source", "url"})
            if (!h.record.value(k, "").empty()) hit[k] = h.record[k];
        if (h.record.contains("line")) hit["line"] = h.record["line"];
        if (req.explain && h.record.contains("facets")) hit["evidence"] = h.record["facets"];
        hits.push_back(std::move(hit));
    }
    json facets = json::object();
    if (req.count_facets) {
        for (Facet f : kEntityFacets) {
            const FacetResult& fr = res.facets[static_cast<std::size_t>(f)];
            json values = json::array();
            for (const FacetCount& c : fr.values) {
                json v = {{"value", c.value}, {"count", c.count}, {"selected", c.selected}};
                if (f == Facet::Location) v["path"] = c.path;
                if (f != Facet::Speaker) v["kind"] = c.kind.empty() ? json(nullptr) : json(c.kind);
                values.push_back(std::move(v));
            }
            facets[std::string(facet_name(f))] = std::move(values);
            facets[std::string(facet_name(f)) + "_more"] = fr.more;
        }
        json dates = json::array();
        for (const DateBucket& b : res.dates.buckets)
            dates.push_back({{"value", b.label}, {"count", b.count}});
        facets["date"] = std::move(dates);
        facets["date_interval"] = res.dates.interval;
        facets["undated"] = res.dates.undated;
    }
    json doc = {{"format_version", kJsonFormatVersion},
                {"mode", req.quotes ? "quotes" : "articles"},
                {"query", res.query},
                {"total", res.total},
                {"total_exact", res.total_exact},
                {"offset", req.offset},
                {"limit", req.limit},
                {"hits", std::move(hits)},
                {"facets", std::move(facets)},
                {"facets_exact", res.facets_exact}};
    if (!res.notes.empty()) doc["notes"] = res.notes;
    if (!res.rescue.empty()) doc["suggestions"] = res.rescue;
    if (!res.match.empty()) doc["match"] = res.match;
    doc["relaxed"] = res.relaxed;
    if (!res.did_you_mean.empty())
        doc["did_you_mean"] = {{"query", res.did_you_mean}, {"total", res.did_you_mean_total}};
    out << doc.dump(2) << "\n";
}

}  // namespace ndx
