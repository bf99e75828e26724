// The stored record, written and read (record.h).
#include "common/record.h"

namespace ndx {

using nlohmann::json;

namespace {

std::string string_at(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
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

namespace {

constexpr RecordField text(const char* key, std::string StoredRecord::*f) {
    return {key, RecordField::Kind::Text, f};
}
constexpr RecordField count(const char* key, std::size_t StoredRecord::*f) {
    return {key, RecordField::Kind::Count, nullptr, f};
}

}  // namespace

const std::array<RecordField, 15> kRecordFields = {
    text("id", &StoredRecord::id),
    text("path", &StoredRecord::path),
    count("line", &StoredRecord::line),
    text("title", &StoredRecord::title),
    RecordField{"title_derived", RecordField::Kind::Flag, nullptr, nullptr,
                &StoredRecord::title_derived},
    RecordField{"date", RecordField::Kind::Date, nullptr, nullptr, nullptr, &StoredRecord::date},
    text("byline", &StoredRecord::byline),
    text("dateline", &StoredRecord::dateline),
    text("source", &StoredRecord::source),
    text("url", &StoredRecord::url),
    text("text", &StoredRecord::text),
    text("article", &StoredRecord::article),
    text("speaker", &StoredRecord::speaker),
    text("kind", &StoredRecord::kind),
    count("paragraph", &StoredRecord::paragraph),
};

StoredRecord read_record(const json& j) {
    StoredRecord r;
    if (!j.is_object()) return r;
    r.type = string_at(j, "type") == "statement" ? StoredRecord::Type::Statement
                                                 : StoredRecord::Type::Article;
    for (const RecordField& f : kRecordFields) {
        const auto it = j.find(f.key);
        if (it == j.end()) continue;
        switch (f.kind) {
            case RecordField::Kind::Text:
                if (it->is_string()) r.*f.text = it->get<std::string>();
                break;
            case RecordField::Kind::Count:
                if (it->is_number_unsigned()) r.*f.count = it->get<std::size_t>();
                break;
            case RecordField::Kind::Flag:
                if (it->is_boolean()) r.*f.flag = it->get<bool>();
                break;
            case RecordField::Kind::Date:
                if (it->is_string()) r.*f.date = it->get<std::string>();
                break;
        }
    }
    if (auto f = j.find("facets"); f != j.end()) r.facets = *f;
    return r;
}

}  // namespace ndx
