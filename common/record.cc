// The stored record, written and read (record.h).
#include "common/record.h"

namespace ndx {

using nlohmann::json;

namespace {

std::string string_at(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::size_t number_at(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_unsigned() ? it->get<std::size_t>() : 0;
}

json date_json(const std::optional<std::string>& date) {
    return date ? json(*date) : json(nullptr);
}

// What every record tells of its article: its file, line, title and date.
StoredRecord of_article(StoredRecord::Type type, const Article& a) {
    StoredRecord r;
    r.type = type;
    r.path = a.path;
    r.line = a.line;
    r.title = a.title;
    if (a.date) r.date = a.date->iso();
    return r;
}

}  // namespace

StoredRecord article_record(const Article& a, json facets) {
    StoredRecord r = of_article(StoredRecord::Type::Article, a);
    r.id = a.id;
    r.title_derived = a.title_derived;
    r.byline = a.byline;
    r.dateline = a.dateline;
    r.source = a.source;
    r.url = a.url;
    r.text = a.body;
    r.facets = std::move(facets);
    return r;
}

StoredRecord statement_record(const Article& a, const Statement& st) {
    StoredRecord r = of_article(StoredRecord::Type::Statement, a);
    r.article = a.id;
    r.speaker = st.speaker;
    r.kind = st.kind;
    r.paragraph = st.paragraph;
    r.text = st.text;
    return r;
}

json record_json(const StoredRecord& r, bool text_and_facets) {
    json j;
    if (r.type == StoredRecord::Type::Statement) {
        j = {{"type", "statement"}, {"article", r.article},      {"path", r.path},
             {"title", r.title},    {"date", date_json(r.date)}, {"speaker", r.speaker},
             {"kind", r.kind},      {"paragraph", r.paragraph}};
    } else {
        j = {{"id", r.id},
             {"path", r.path},
             {"title", r.title},
             {"title_derived", r.title_derived},
             {"date", date_json(r.date)},
             {"byline", r.byline},
             {"dateline", r.dateline},
             {"source", r.source},
             {"url", r.url}};
        if (text_and_facets) j["facets"] = r.facets;
    }
    if (text_and_facets) j["text"] = r.text;
    if (r.line) j["line"] = r.line;
    return j;
}

RecordDumps record_dumps(StoredRecord r) {
    json j = record_json(r, false);
    RecordDumps out;
    out.hit = j.dump();
    // (the keys are sorted: the same text as record_json(r), whatever the order they are set)
    if (r.type == StoredRecord::Type::Article) j["facets"] = std::move(r.facets);
    j["text"] = std::move(r.text);
    out.data = j.dump();
    return out;
}

StoredRecord read_record(const json& j) {
    StoredRecord r;
    if (!j.is_object()) return r;
    r.type = string_at(j, "type") == "statement" ? StoredRecord::Type::Statement
                                                 : StoredRecord::Type::Article;
    r.id = string_at(j, "id");
    r.path = string_at(j, "path");
    r.line = number_at(j, "line");
    r.title = string_at(j, "title");
    auto td = j.find("title_derived");
    r.title_derived = td != j.end() && td->is_boolean() && td->get<bool>();
    if (auto d = j.find("date"); d != j.end() && d->is_string()) r.date = d->get<std::string>();
    r.byline = string_at(j, "byline");
    r.dateline = string_at(j, "dateline");
    r.source = string_at(j, "source");
    r.url = string_at(j, "url");
    r.text = string_at(j, "text");
    if (auto f = j.find("facets"); f != j.end()) r.facets = *f;
    r.article = string_at(j, "article");
    r.speaker = string_at(j, "speaker");
    r.kind = string_at(j, "kind");
    r.paragraph = number_at(j, "paragraph");
    return r;
}

}  // namespace ndx
