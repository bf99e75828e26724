// The --json output of ndx-search and its views (specified in docs/output-format.md).
#include <nlohmann/json.hpp>

#include <string_view>

#include "common/flat_json.h"
#include "searcher/print.h"

namespace ndx {
namespace {

using nlohmann::json;

// Writes a JSON document as dump_json(j, 2) writes the same document built as a
// nlohmann::json: members in key order (the caller gives them so), two spaces a level.
class JsonWriter {
  public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    // A member's key (plain ASCII, nothing to escape): its value is written next.
    void key(std::string_view k) {
        item();
        out_ += '"';
        out_ += k;
        out_ += "\": ";
        keyed_ = true;
    }
    void string(std::string_view s) {
        item();
        dump_json_string(out_, s);
    }
    void null() {
        item();
        out_ += "null";
    }
    void boolean(bool b) {
        item();
        out_ += b ? "true" : "false";
    }
    template <typename T>
    void count(T n) {
        item();
        out_ += std::to_string(n);
    }
    void number(double d) {
        item();
        out_ += nlohmann::json(d).dump();
    }
    void raw(const nlohmann::json& j) {
        item();
        dump_json(out_, j, 2, static_cast<int>(open_.size()));
    }
    // A member: its key and its value.
    void key_string(std::string_view k, std::string_view s) {
        key(k);
        string(s);
    }
    void key_boolean(std::string_view k, bool b) {
        key(k);
        boolean(b);
    }
    template <typename T>
    void key_count(std::string_view k, T n) {
        key(k);
        count(n);
    }
    void key_number(std::string_view k, double d) {
        key(k);
        number(d);
    }
    void strings(const std::vector<std::string>& v) {
        begin_array();
        for (const std::string& s : v) string(s);
        end_array();
    }

  private:
    // Before a value: a key's value follows it; an array's item goes on a line of its own.
    void item() {
        if (keyed_) {
            keyed_ = false;
            return;
        }
        if (open_.empty()) return;
        out_ += open_.back() ? ",\n" : "\n";
        open_.back() = true;
        out_.append(2 * open_.size(), ' ');
    }
    void open(char c) {
        item();
        out_ += c;
        open_.push_back(false);
    }
    void close(char c) {
        const bool any = open_.back();
        open_.pop_back();
        if (any) {
            out_ += '\n';
            out_.append(2 * open_.size(), ' ');
        }
        out_ += c;
    }

    std::string& out_;
    std::vector<bool> open_;  // per open object or array: whether it has a member yet
    bool keyed_ = false;
};

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

namespace {

// One facet value with its count
void write_value(JsonWriter& w, Facet f, const FacetCount& c) {
    w.begin_object();
    w.key_count("count", c.count);
    if (f != Facet::Speaker) {
        w.key("kind");
        if (c.kind.empty())
            w.null();
        else
            w.string(c.kind);
    }
    if (f == Facet::Location) w.key_string("path", c.path);
    w.key_boolean("selected", c.selected);
    w.key_string("value", c.value);
    w.end_object();
}

// The same as a tree, for the views (which build their documents as trees; a --values list
// holds every value of a facet, so each is built here rather than parsed back)
json value_json(Facet f, const FacetCount& c) {
    json v = {{"value", c.value}, {"count", c.count}, {"selected", c.selected}};
    if (f == Facet::Location) v["path"] = c.path;
    if (f != Facet::Speaker) v["kind"] = c.kind.empty() ? json(nullptr) : json(c.kind);
    return v;
}

// The facets of a search, written (facets_json reads them back)
void write_facets(JsonWriter& w, const SearchRequest& req, const SearchResult& res) {
    w.begin_object();
    if (req.count_facets) {
        w.key("date");
        w.begin_array();
        for (const DateBucket& b : res.dates.buckets) {
            w.begin_object();
            w.key_count("count", b.count);
            w.key_string("value", b.label);
            w.end_object();
        }
        w.end_array();
        w.key_string("date_interval", res.dates.interval);
        w.key_boolean("date_multi_select", res.dates.multi_select);
        // (group < location < speaker: the keys' order)
        for (Facet f : {Facet::Group, Facet::Location, Facet::Speaker}) {
            const FacetResult& fr = res.facets[static_cast<std::size_t>(f)];
            const std::string name(facet_name(f));
            w.key(name);
            w.begin_array();
            for (const FacetCount& c : fr.values) write_value(w, f, c);
            w.end_array();
            w.key_count(name + "_more", fr.more);
            w.key_boolean(name + "_multi_select", fr.multi_select);
        }
        w.key_count("undated", res.dates.undated);
    }
    w.end_object();
}

void write_optional_date(JsonWriter& w, const std::optional<std::string>& date) {
    if (date)
        w.string(*date);
    else
        w.null();
}

void write_hit(JsonWriter& w, const SearchRequest& req, const Hit& h) {
    const StoredRecord& r = h.record;
    w.begin_object();
    if (req.quotes) {
        w.key_string("article", r.article);
        w.key("date");
        write_optional_date(w, r.date);
        w.key_string("kind", r.kind);
        if (r.line) w.key_count("line", r.line);
        w.key_count("paragraph", r.paragraph);
        w.key_string("path", r.path);
        w.key_count("rank", h.rank);
        w.key_number("score", h.score);
        w.key_string("speaker", r.speaker);
        w.key_string("statement", r.text);
        w.key_string("title", r.title);
        w.end_object();
        return;
    }
    auto optional = [&](const char* k, const std::string& v) {
        if (!v.empty()) w.key_string(k, v);
    };
    optional("byline", r.byline);
    w.key("date");
    write_optional_date(w, r.date);
    optional("dateline", r.dateline);
    if (req.explain && !r.facets.is_null()) {
        w.key("evidence");
        w.raw(r.facets);
    }
    w.key_string("id", r.id);
    if (r.line) w.key_count("line", r.line);
    w.key_string("path", r.path);
    w.key_count("rank", h.rank);
    w.key_number("score", h.score);
    if (req.snippets) w.key_string("snippet", h.snippet);
    optional("source", r.source);
    w.key_string("title", r.title);
    optional("url", r.url);
    w.end_object();
}

}  // namespace

void write_search_json(std::string& out, const SearchRequest& req, const SearchResult& res) {
    // the members of each object in key order, as nlohmann::json keeps them
    JsonWriter w(out);
    w.begin_object();
    if (!res.did_you_mean.empty()) {
        w.key("did_you_mean");
        w.begin_object();
        w.key_string("query", res.did_you_mean);
        w.key_count("total", res.did_you_mean_total);
        w.end_object();
    }
    w.key("facets");
    write_facets(w, req, res);
    w.key_boolean("facets_exact", res.facets_exact);
    w.key_count("format_version", kJsonFormatVersion);
    w.key("hits");
    w.begin_array();
    for (const Hit& h : res.hits) write_hit(w, req, h);
    w.end_array();
    w.key_count("limit", req.limit);
    if (!res.match.empty()) w.key_string("match", res.match);
    w.key_string("mode", req.quotes ? "quotes" : "articles");
    if (!res.notes.empty()) {
        w.key("notes");
        w.strings(res.notes);
    }
    w.key_count("offset", req.offset);
    w.key_string("query", res.query);
    w.key_boolean("relaxed", res.relaxed);
    if (!res.rescue.empty()) {
        w.key("suggestions");
        w.strings(res.rescue);
    }
    w.key_count("total", res.total);
    w.key_boolean("total_exact", res.total_exact);
    w.end_object();
}

// The documents as trees are read back from the written text: one description of each
// document (the writers above), whichever form a caller needs.
json search_json(const SearchRequest& req, const SearchResult& res) {
    std::string text;
    write_search_json(text, req, res);
    return json::parse(text);
}

json facets_json(const SearchRequest& req, const SearchResult& res) {
    std::string text;
    JsonWriter w(text);
    write_facets(w, req, res);
    return json::parse(text);
}

void print_json(std::ostream& out, const SearchRequest& req, const SearchResult& res) {
    std::string text;
    write_search_json(text, req, res);
    text += '\n';
    out << text;
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
