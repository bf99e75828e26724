// --format csv: hits, facets, timelines, pivots, value lists and batch results as RFC 4180
// tables for spreadsheets (docs/output-format.md).
#include <sstream>

#include "searcher/print.h"

namespace ndx {
namespace {

// One record: the fields quoted where needed, joined by commas, ended by CRLF.
void row(std::ostream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
    out << "\r\n";
}

std::string joined(const std::vector<std::string>& values) {
    std::string s;
    for (const std::string& v : values) s += (s.empty() ? "" : "; ") + v;
    return s;
}

std::string score(double v) {
    std::ostringstream o;
    o.precision(6);
    o << v;
    return o.str();
}

std::string yes(bool b) { return b ? "true" : "false"; }

}  // namespace

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + "\"";
}

void print_csv_hits(std::ostream& out, const SearchRequest& req, const SearchResult& res) {
    if (req.quotes) {
        row(out, {"rank", "speaker", "kind", "date", "statement", "article", "title", "path",
                  "score", "location", "group"});
        for (const Hit& h : res.hits)
            row(out, {std::to_string(h.rank), h.record.speaker, h.record.kind,
                      h.record.date.value_or(""), h.record.text, h.record.article, h.record.title,
                      h.record.path, score(h.score), joined(h.values[1]), joined(h.values[2])});
        return;
    }
    row(out, {"rank", "id", "date", "title", "path", "score", "speaker", "location", "group"});
    for (const Hit& h : res.hits)
        row(out, {std::to_string(h.rank), h.record.id, h.record.date.value_or(""), h.record.title,
                  h.record.path, score(h.score), joined(h.values[0]), joined(h.values[1]),
                  joined(h.values[2])});
}

void print_csv_facets(std::ostream& out, const SearchRequest&, const SearchResult& res) {
    row(out, {"facet", "value", "count", "path", "kind", "selected", "multi_select"});
    for (Facet f : kEntityFacets) {
        const FacetResult& fr = res.facets[static_cast<std::size_t>(f)];
        for (const FacetCount& c : fr.values)
            row(out, {std::string(facet_name(f)), c.value, std::to_string(c.count), c.path, c.kind,
                      yes(c.selected), yes(fr.multi_select)});
    }
    for (const DateBucket& b : res.dates.buckets)
        row(out, {"date", b.label, std::to_string(b.count), "", "", "false",
                  yes(res.dates.multi_select)});
    if (res.dates.undated)
        row(out, {"date", "undated", std::to_string(res.dates.undated), "", "", "false",
                  yes(res.dates.multi_select)});
}

void print_csv_timeline(std::ostream& out, const SearchRequest&, const Timeline& tl) {
    const bool place = tl.facet == Facet::Location, kind = tl.facet != Facet::Speaker;
    std::vector<std::string> head = {std::string(facet_name(tl.facet))};
    if (place) head.push_back("path");
    if (kind) head.push_back("kind");
    head.push_back("total");
    head.insert(head.end(), tl.labels.begin(), tl.labels.end());
    head.push_back("undated");
    row(out, head);
    auto line = [&](const std::string& name, const TimelineRow& r) {
        std::vector<std::string> f = {name};
        if (place) f.push_back(r.value.path);
        if (kind) f.push_back(r.value.kind);
        f.push_back(std::to_string(r.value.count));
        for (Xapian::doccount n : r.counts) f.push_back(std::to_string(n));
        f.push_back(std::to_string(r.undated));
        row(out, f);
    };
    for (const TimelineRow& r : tl.rows) line(r.value.value, r);
    line("(all matches)", tl.all);
}

void print_csv_pivot(std::ostream& out, const SearchRequest&, const Pivot& pv) {
    const std::string a(facet_name(pv.first)), b(facet_name(pv.second));
    const bool place_a = pv.first == Facet::Location, place_b = pv.second == Facet::Location;
    std::vector<std::string> head = {a};
    if (place_a) head.push_back(a + "_path");
    head.push_back(a + "_count");
    head.push_back(a == b ? b + "_2" : b);
    if (place_b) head.push_back((a == b ? b + "_2" : b) + "_path");
    head.push_back("count");
    row(out, head);
    for (const PivotRow& r : pv.rows)
        for (const FacetCount& c : r.sub) {
            std::vector<std::string> f = {r.value.value};
            if (place_a) f.push_back(r.value.path);
            f.push_back(std::to_string(r.value.count));
            f.push_back(c.value);
            if (place_b) f.push_back(c.path);
            f.push_back(std::to_string(c.count));
            row(out, f);
        }
}

void print_csv_values(std::ostream& out, const SearchRequest&, const ValueList& vl) {
    row(out, {"value", "count", "path", "kind", "key"});
    for (const FacetCount& c : vl.values)
        row(out, {c.value, std::to_string(c.count), c.path, c.kind, c.key});
}

void print_csv_batch(std::ostream& out, const SearchRequest& req,
                     const std::vector<BatchEntry>& entries) {
    row(out, {"line", "query", "total", "speaker", "location", "group", "error"});
    for (const BatchEntry& e : entries) {
        if (!e.result) {
            row(out, {std::to_string(e.line), e.query, "", "", "", "", e.error});
            continue;
        }
        std::vector<std::string> f = {std::to_string(e.line), e.query,
                                      std::to_string(e.result->total)};
        for (Facet facet : kEntityFacets) {
            std::vector<std::string> top;
            if (req.count_facets)
                for (const FacetCount& c : e.result->facets[static_cast<std::size_t>(facet)].values)
                    top.push_back(c.value + " (" + std::to_string(c.count) + ")");
            f.push_back(joined(top));
        }
        f.push_back("");
        row(out, f);
    }
}

}  // namespace ndx
