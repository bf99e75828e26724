// The stored record of a document (its data, schema.h), typed: the one place that writes
// it as JSON and reads it back.  Its layout is versioned with the index (kSchemaVersion):
// a change that older readers cannot take bumps it.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>

#include "common/article.h"

namespace ndx {

struct StoredRecord {
    enum class Type { Article, Statement };
    Type type = Type::Article;
    std::string id;        // the article's id (article records)
    std::string path;      // the input file
    std::size_t line = 0;  // the JSON Lines record (0: a whole file)
    std::string title;
    bool title_derived = false;
    std::optional<std::string> date;  // "YYYY-MM-DD"; none when undated
    std::string byline, dateline, source, url;
    std::string text;  // an article's body, or a statement's words
    // Facet values with their evidence, as facets_json() (document.h) writes them; null
    // when not stored or not read (a hit without --explain).
    nlohmann::json facets;
    // statement records
    std::string article;  // the article's id
    std::string speaker, kind;
    std::size_t paragraph = 0;
};

// The record of an article (`facets`: facets_json() of its facets, evidence as stored).
StoredRecord article_record(const Article& a, nlohmann::json facets);
// The record of a statement of an article.
StoredRecord statement_record(const Article& a, const Statement& st);

// The record as stored: JSON with the keys of schema.h.  Without `text_and_facets`, the
// part a hit shows without a snippet (the Hit value slot).
nlohmann::json record_json(const StoredRecord& r, bool text_and_facets = true);
// The record as stored (record_json(r)) and its Hit slot part (record_json(r, false)),
// built as one JSON object, its text and facets moved in after the first is written.
struct RecordDumps {
    std::string data, hit;
};
RecordDumps record_dumps(StoredRecord r);
// A stored record read back; a key missing or of another type reads as empty.
StoredRecord read_record(const nlohmann::json& j);

}  // namespace ndx
