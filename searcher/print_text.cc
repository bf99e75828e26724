// The text output of ndx-search: ranked hits, then the facets in aligned columns.
#include <algorithm>
#include <string>

#include "searcher/print.h"

namespace ndx {
namespace {

struct Row {
    std::string count;
    std::string label;
    bool selected = false;
};

void print_block(std::ostream& out, const std::string& name, const std::vector<Row>& rows,
                 std::size_t count_width, const TextStyle& style, const std::string& note) {
    bool first = true;
    for (const Row& r : rows) {
        std::string head = first ? name : "";
        head.resize(10, ' ');
        out << "  " << head << std::string(count_width - r.count.size(), ' ') << r.count << "  "
            << (r.selected ? "* " : "");
        if (r.selected && style.bold)
            out << "\x1b[1m" << r.label << "\x1b[0m";
        else
            out << r.label;
        if (first && !note.empty()) out << "   (" << note << ")";
        out << "\n";
        first = false;
    }
}

}  // namespace

namespace {

// A statement hit: who, when, what, and where it was said.
void print_statement(std::ostream& out, const Hit& h, const TextStyle& style) {
    std::string date = h.record.date.value_or("");
    out << h.rank << ". ";
    if (style.bold)
        out << "\x1b[1m" << h.record.speaker << "\x1b[0m";
    else
        out << h.record.speaker;
    out << "  " << (date.empty() ? "undated" : date) << "  (" << h.record.kind << ")\n";
    out << "   \xE2\x80\x9C" << h.snippet << "\xE2\x80\x9D\n";
    out << "   in: " << h.record.title << "\n       " << h.record.path;
    if (h.record.line) out << ":" << h.record.line;
    out << ", paragraph " << h.record.paragraph + 1 << "\n\n";
}

// --explain: the evidence for each facet value of an article hit.
void print_evidence(std::ostream& out, const Hit& h) {
    const nlohmann::json* facets = &h.record.facets;
    if (!facets->is_object()) return;
    for (Facet f : kEntityFacets) {
        auto vals = facets->find(std::string(facet_name(f)));
        if (vals == facets->end()) continue;
        for (const auto& v : *vals) {
            out << "   " << facet_name(f) << " " << v.value("value", "");
            if (v.contains("found_by") && v["found_by"].is_array() && !v["found_by"].empty()) {
                out << " [";  // which extractors found it
                for (std::size_t k = 0; k < v["found_by"].size(); ++k)
                    out << (k ? ", " : "") << v["found_by"][k].get<std::string>();
                out << "]";
            }
            if (v.contains("evidence") && !v["evidence"].empty())
                out << ": \xE2\x80\x9C" << v["evidence"][0].get<std::string>() << "\xE2\x80\x9D";
            out << "\n";
        }
    }
}

}  // namespace

void print_text(std::ostream& out, const SearchRequest& req, const SearchResult& res,
                const TextStyle& style) {
    for (const std::string& n : res.notes) out << "note: " << n << "\n";
    // query semantics (docs/ranking.md): a relaxed match and a spelling suggestion
    if (res.relaxed) {
        out << "note: no " << (req.quotes ? "statement" : "article")
            << " has every word of the query; showing those with any of them\n";
        for (const std::string& r : res.rescue) out << "  try " << r << "\n";
    } else if (!res.did_you_mean.empty() && res.total > 0) {
        out << "note: did you mean '" << res.did_you_mean << "'? (" << res.did_you_mean_total
            << " result" << (res.did_you_mean_total == 1 ? "" : "s") << ")\n";
    }
    if (!res.notes.empty() || res.relaxed || (!res.did_you_mean.empty() && res.total > 0))
        out << "\n";
    for (const Hit& h : res.hits) {
        if (req.quotes) {
            print_statement(out, h, style);
            continue;
        }
        std::string title = h.record.title;
        std::string date = h.record.date.value_or("");
        out << h.rank << ". ";
        if (style.bold)
            out << "\x1b[1m" << title << "\x1b[0m";
        else
            out << title;
        out << "\n   " << (date.empty() ? "undated" : date) << "  " << h.record.path;
        if (h.record.line) out << ":" << h.record.line;
        out << "\n";
        if (!h.snippet.empty()) out << "   " << h.snippet << "\n";
        if (req.explain) print_evidence(out, h);
        out << "\n";
    }
    const char* things = req.quotes ? "statements" : "articles";
    if (res.total == 0) {
        out << "No matching " << things << ".\n";
        for (const std::string& r : res.rescue) out << "  try " << r << "\n";
        return;
    }
    std::size_t first = res.hits.empty() ? 0 : res.hits.front().rank;
    std::size_t last = res.hits.empty() ? 0 : res.hits.back().rank;
    if (res.hits.empty())
        out << "No " << things << " in this page (offset " << req.offset << "); ";
    else
        out << (req.quotes ? "Statement" : "Article") << (first == last ? " " : "s ") << first
            << (first == last ? "" : "-" + std::to_string(last)) << " of ";
    out << (res.total_exact ? "" : "about ") << res.total << " matching"
        << (res.total_exact ? " (exact count)" : " (estimate)") << ".\n";
    if (!req.count_facets) return;

    out << "\nFacets, counted over " << (res.total == 1 ? "the " : "all ") << res.total
        << (res.total == 1 ? " match:\n" : " matches:\n");
    print_facets_text(out, res, style);
}

void print_facets_text(std::ostream& out, const SearchResult& res, const TextStyle& style) {
    std::vector<std::pair<std::string, std::vector<Row>>> blocks;
    std::vector<std::string> notes;
    std::size_t width = 1;
    for (Facet f : kEntityFacets) {
        const FacetResult& fr = res.facets[static_cast<std::size_t>(f)];
        std::vector<Row> rows;
        for (const FacetCount& c : fr.values) {
            std::string label = c.value;
            if (f == Facet::Location && c.path.find('/') != std::string::npos)
                label += "  (" + c.path + ")";
            rows.push_back({std::to_string(c.count), label, c.selected});
        }
        if (fr.more) rows.push_back({"", "+ " + std::to_string(fr.more) + " more", false});
        if (rows.empty()) rows.push_back({"", "-", false});
        blocks.emplace_back(std::string(facet_name(f)), rows);
        notes.push_back(fr.multi_select ? "counted without its own filter" : "");
    }
    std::vector<Row> dates;
    for (const DateBucket& b : res.dates.buckets)
        dates.push_back({std::to_string(b.count), b.label, false});
    if (res.dates.undated) dates.push_back({std::to_string(res.dates.undated), "undated", false});
    if (dates.empty()) dates.push_back({"", "-", false});
    blocks.emplace_back("date", dates);
    notes.push_back("by " + res.dates.interval +
                    (res.dates.multi_select ? ", counted without the date filter" : ""));
    for (const auto& b : blocks)
        for (const Row& r : b.second) width = std::max(width, r.count.size());
    for (std::size_t i = 0; i < blocks.size(); ++i)
        print_block(out, blocks[i].first, blocks[i].second, width, style, notes[i]);
}

namespace {

// Characters as a terminal shows them (UTF-8 code points).
std::size_t columns(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string pad_right(const std::string& s, std::size_t width) {
    std::size_t w = columns(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}

std::string pad_left(const std::string& s, std::size_t width) {
    std::size_t w = columns(s);
    return w >= width ? s : std::string(width - w, ' ') + s;
}

// A value's label in a table: its name, with its place path when another shown value has
// the same name.
std::string label_of(const FacetCount& c, const std::vector<const FacetCount*>& all) {
    std::string label = (c.selected ? "* " : "") + c.value;
    for (const FacetCount* o : all)
        if (o != &c && o->value == c.value && !c.path.empty()) return label + " (" + c.path + ")";
    return label;
}

std::string things(const SearchRequest& req, Xapian::doccount n) {
    return std::to_string(n) + (req.quotes ? (n == 1 ? " statement" : " statements")
                                           : (n == 1 ? " article" : " articles"));
}

std::string scope(const SearchRequest& req, Xapian::doccount n) {
    return "over " + std::string(n == 1 ? "the " : "all ") + things(req, n) + " matching";
}

void print_notes(std::ostream& out, const std::vector<std::string>& notes) {
    for (const std::string& n : notes) out << "note: " << n << "\n";
    if (!notes.empty()) out << "\n";
}

}  // namespace

void print_timeline_text(std::ostream& out, const SearchRequest& req, const Timeline& tl) {
    print_notes(out, tl.notes);
    out << "Timeline of " << facet_name(tl.facet) << (tl.selection ? " (selected values)" : "")
        << " by " << tl.interval << ", " << scope(req, tl.total) << " (exact counts):\n";
    if (tl.total == 0) {
        out << "  no matches\n";
        return;
    }
    std::vector<const FacetCount*> all;
    for (const TimelineRow& r : tl.rows) all.push_back(&r.value);
    std::vector<std::string> names;
    std::size_t name_width = columns("all matches");
    for (const TimelineRow& r : tl.rows) {
        names.push_back(label_of(r.value, all));
        name_width = std::max(name_width, columns(names.back()));
    }
    const bool undated = tl.all.undated > 0;
    std::vector<std::string> heads = tl.labels;
    if (undated) heads.push_back("undated");
    heads.push_back("total");
    std::vector<std::size_t> widths;
    for (const std::string& h : heads) widths.push_back(std::max<std::size_t>(h.size(), 1));
    auto cells = [&](const TimelineRow& r) {
        std::vector<std::string> c;
        for (Xapian::doccount n : r.counts) c.push_back(std::to_string(n));
        if (undated) c.push_back(std::to_string(r.undated));
        c.push_back(std::to_string(r.value.count));
        return c;
    };
    std::vector<std::vector<std::string>> body;
    for (const TimelineRow& r : tl.rows) body.push_back(cells(r));
    body.push_back(cells(tl.all));
    for (const auto& row : body)
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    out << "  " << std::string(name_width, ' ');
    for (std::size_t i = 0; i < heads.size(); ++i) out << "  " << pad_left(heads[i], widths[i]);
    out << "\n";
    for (std::size_t r = 0; r < body.size(); ++r) {
        out << "  " << pad_right(r < names.size() ? names[r] : "all matches", name_width);
        for (std::size_t i = 0; i < body[r].size(); ++i)
            out << "  " << pad_left(body[r][i], widths[i]);
        out << "\n";
    }
    if (tl.more) out << "  + " << tl.more << " more values\n";
}

void print_pivot_text(std::ostream& out, const SearchRequest& req, const Pivot& pv) {
    print_notes(out, pv.notes);
    out << facet_name(pv.first) << (pv.selection ? " (selected values)" : "") << " by "
        << facet_name(pv.second) << ", " << scope(req, pv.total)
        << " (exact counts; under each value, the matches with both):\n";
    if (pv.rows.empty()) {
        out << "  -\n";
        return;
    }
    std::size_t width = 1;
    for (const PivotRow& r : pv.rows) {
        width = std::max(width, std::to_string(r.value.count).size());
        for (const FacetCount& c : r.sub) width = std::max(width, std::to_string(c.count).size());
    }
    std::vector<const FacetCount*> heads;
    for (const PivotRow& r : pv.rows) heads.push_back(&r.value);
    for (const PivotRow& r : pv.rows) {
        out << "  " << pad_left(std::to_string(r.value.count), width) << "  "
            << label_of(r.value, heads) << "\n";
        std::vector<const FacetCount*> subs;
        for (const FacetCount& c : r.sub) subs.push_back(&c);
        for (const FacetCount& c : r.sub)
            out << "  " << std::string(width + 2, ' ') << pad_left(std::to_string(c.count), width)
                << "  " << label_of(c, subs) << "\n";
        if (r.sub.empty())
            out << "  " << std::string(width + 2, ' ') << pad_left("", width) << "  -\n";
        if (r.more)
            out << "  " << std::string(width + 2, ' ') << std::string(width, ' ') << "  + "
                << r.more << " more\n";
    }
    if (pv.more) out << "  " << std::string(width, ' ') << "  + " << pv.more << " more\n";
}

void print_values_text(std::ostream& out, const SearchRequest& req, const ValueList& vl) {
    print_notes(out, vl.notes);
    out << "Values of " << facet_name(vl.facet);
    if (!vl.prefix.empty()) out << " beginning with '" << vl.prefix << "'";
    out << ", " << (vl.every_article ? "over all " + things(req, vl.total) : scope(req, vl.total))
        << ": " << vl.matched << (vl.matched == 1 ? " value" : " values")
        << (req.facet_order == FacetOrder::Name ? ", by name" : ", by count") << "\n";
    std::size_t width = 1;
    for (const FacetCount& c : vl.values) width = std::max(width, std::to_string(c.count).size());
    for (const FacetCount& c : vl.values) {
        out << "  " << pad_left(std::to_string(c.count), width) << "  " << (c.selected ? "* " : "")
            << c.value;
        std::string detail = c.path.find('/') != std::string::npos ? c.path : "";
        if (!c.kind.empty()) detail += (detail.empty() ? "" : ", ") + c.kind;
        if (!detail.empty()) out << "  (" << detail << ")";
        out << "\n";
    }
    if (vl.more) out << "  " << std::string(width, ' ') << "  + " << vl.more << " more\n";
}

void print_batch_text(std::ostream& out, const SearchRequest& req,
                      const std::vector<BatchEntry>& entries, const TextStyle& style) {
    bool first = true;
    for (const BatchEntry& e : entries) {
        if (!first) out << "\n";
        first = false;
        out << "line " << e.line << ": " << e.query << "\n";
        if (!e.result) {
            out << "  error: " << e.error << "\n";
            continue;
        }
        for (const std::string& n : e.result->notes) out << "  note: " << n << "\n";
        out << "  " << things(req, e.result->total) << (e.result->total_exact ? "" : " (estimate)")
            << "\n";
        if (req.count_facets && e.result->total) print_facets_text(out, *e.result, style);
    }
}

void print_facets_only_text(std::ostream& out, const SearchRequest& req, const SearchResult& res,
                            const TextStyle& style) {
    print_notes(out, res.notes);
    out << things(req, res.total) << " matching"
        << (res.total_exact ? " (exact count)" : " (estimate)") << ".\n";
    if (res.total == 0) {
        for (const std::string& r : res.rescue) out << "  try " << r << "\n";
        return;
    }
    out << "\nFacets, counted over all " << res.total << " matches:\n";
    print_facets_text(out, res, style);
}

}  // namespace ndx
