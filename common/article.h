// Plain structs that flow through the pipeline: read -> extract -> build_document.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"

namespace ndx {

// One news article, as read from a text file or a JSON record.
struct Article {
    std::string id;        // stable unique id: path, JSON id/url, or path#line
    std::string path;      // the file it came from, as walked
    std::size_t line = 0;  // 1-based line of a JSON Lines record; 0 for a whole file
    std::string title;
    bool title_derived = false;  // title made from the first sentence
    std::optional<Date> date;
    std::string byline;
    std::string dateline;  // place name as written, title-cased ("Islamabad")
    std::string source;
    std::string url;
    std::string body;  // the text; paragraphs separated by blank lines
};

// Why a facet value was assigned: the sentence or span that made it.
struct Evidence {
    std::string text;
    std::size_t offset = 0;  // byte offset in the body (or kNoOffset for header fields)
};

// One facet value of one article.
struct Entity {
    std::string value;  // display name (canonical)
    std::string key;    // normalised key: filter term and facet id are made from it
    std::string kind;   // groups: militant, government...; locations: country, province...
    // Locations: display names from the country down to this place (inclusive), with keys.
    std::vector<std::string> path;
    std::vector<std::string> path_keys;
    std::vector<std::string> path_kinds;  // "country", "province", "district", "city"...
    std::vector<std::string> aliases;     // other names that should select this value
    std::vector<Evidence> evidence;
    // Which extractors found it: "gazetteer", "tagger", "organisation shape", "acronym
    // definition", "dateline", "context cue".
    std::vector<std::string> found_by;
};

// Something a named person said in the article: a direct quotation (possibly across
// paragraphs or interrupted by its attribution) or reported speech ("X said that ...").
struct Statement {
    std::string speaker;      // canonical display name (as in the speaker facet)
    std::string speaker_key;  // the speaker facet's key
    std::string text;
    std::string kind;           // "quote" or "reported"
    std::size_t paragraph = 0;  // 0-based paragraph of the article where it starts
    std::size_t offset = 0;     // byte offset in the analysed body
};

struct Facets {
    std::vector<Entity> speakers;
    std::vector<Entity> locations;
    std::vector<Entity> groups;
    std::vector<Statement> statements;  // in article order
    std::string source;  // a credit line ending the body ("Published in Dawn"), else ""
};

inline constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);

}  // namespace ndx
