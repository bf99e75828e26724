// The text output of ndx-search: ranked hits, then the facets in aligned columns.
#include <algorithm>
#include <string>

#include "searcher/print.h"

namespace ndx {
namespace {

std::string str(const nlohmann::json& rec, const char* key) {
    auto it = rec.find(key);
    return it != rec.end() && it->is_string() ? it->get<std::string>() : std::string();
}

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
        if (r.selected && style.bold) out << "\x1b[1m" << r.label << "\x1b[0m";
        else out << r.label;
        if (first && !note.empty()) out << "   (" << note << ")";
        out << "\n";
        first = false;
    }
}

}  // namespace

namespace {

// A statement hit: who, when, what, and where it was said.
void print_statement(std::ostream& out, const Hit& h, const TextStyle& style) {
    std::string date = str(h.record, "date");
    out << h.rank << ". ";
    if (style.bold) out << "\x1b[1m" << str(h.record, "speaker") << "\x1b[0m";
    else out << str(h.record, "speaker");
    out << "  " << (date.empty() ? "undated" : date) << "  (" << str(h.record, "kind") << ")\n";
    out << "   \xE2\x80\x9C" << h.snippet << "\xE2\x80\x9D\n";
    out << "   in: " << str(h.record, "title") << "\n       " << str(h.record, "path");
    if (h.record.contains("line")) out << ":" << h.record["line"].get<std::size_t>();
    out << ", paragraph " << h.record.value("paragraph", 0) + 1 << "\n\n";
}

// --explain: the evidence for each facet value of an article hit.
void print_evidence(std::ostream& out, const Hit& h) {
    auto facets = h.record.find("facets");
    if (facets == h.record.end()) return;
    for (Facet f : kEntityFacets) {
        auto vals = facets->find(std::string(facet_name(f)));
        if (vals == facets->end()) continue;
        for (const auto& v : *vals) {
            out << "   " << facet_name(f) << " " << v.value("value", "");
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
        std::string title = str(h.record, "title");
        std::string date = str(h.record, "date");
        out << h.rank << ". ";
        if (style.bold) out << "\x1b[1m" << title << "\x1b[0m";
        else out << title;
        out << "\n   " << (date.empty() ? "undated" : date) << "  " << str(h.record, "path");
        if (h.record.contains("line")) out << ":" << h.record["line"].get<std::size_t>();
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
        out << (req.quotes ? "Statements " : "Articles ") << first << "-" << last << " of ";
    out << (res.total_exact ? "" : "about ") << res.total << " matching"
        << (res.total_exact ? " (exact count)" : " (estimate)") << ".\n";
    if (!req.count_facets) return;

    out << "\nFacets, counted over all " << res.total << " matches:\n";
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
    for (const DateBucket& b : res.dates.buckets) dates.push_back({std::to_string(b.count), b.label, false});
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

}  // namespace ndx
