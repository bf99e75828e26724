// Article + Facets -> Xapian::Document (the only place that writes terms and values),
// and the stored record read back for display.
#pragma once

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <string>

#include "common/article.h"
#include "common/schema.h"

namespace ndx {

// Turns articles into documents.  Owns a TermGenerator, so use one per thread.
class DocumentBuilder {
  public:
    // Text terms as an index of this stemming holds them (schema.h).
    explicit DocumentBuilder(Stemming stemming = Stemming::All);

    // The document for an article and its facets: text terms with positions, boolean
    // filter terms, value slots and the stored record (see schema.h).  `file_term`, when
    // given, marks the input file it came from (see file_term() in index_writer.h).
    Xapian::Document build(const Article& article, const Facets& facets,
                           const std::string& file_term = "");

    // The document of statement `n` of an article (see schema.h).
    Xapian::Document build_statement(const Article& article, const Facets& facets, std::size_t n);

  private:
    Xapian::TermGenerator termgen_;
};

// The English stemmer shared by indexing and query parsing.
Xapian::Stem make_stemmer();

// The JSON record stored as document data (display fields, text, facets with evidence).
// An evidence sentence found in the text is stored as [offset, length] in it.
nlohmann::json stored_record(const Article& article, const Facets& facets);
// A stored record's evidence as sentences again (as facets_json() without `text` gives it).
void resolve_evidence(nlohmann::json& record);

// The same facets as JSON arrays of objects, as --dump prints them; with `text`, evidence
// found in it is given as [offset, length] (as stored).
nlohmann::json facets_json(const Facets& facets, const std::string* text = nullptr);

// "Pakistan/Balochistan/Zhob" for a location entity ("" for others).
std::string location_path(const Entity& e);

// The term linking statements to their article.
std::string parent_term(const std::string& article_id);
// The id of statement `n` of an article.
std::string statement_id(const std::string& article_id, std::size_t n);

// The entities of one facet.
const std::vector<Entity>& entities_of(const Facets& f, Facet which);

}  // namespace ndx
