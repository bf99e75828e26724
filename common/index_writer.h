// The one owner of a WritableDatabase: replaces articles by id, records facet names.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <unordered_set>

#include "common/article.h"
#include "common/document.h"

namespace ndx {

class IndexWriter {
  public:
    // Opens (creating if needed) the database at `path`.  Throws IndexError when it is
    // locked by another writer ("locked by another indexer") or of another schema.
    explicit IndexWriter(const std::string& path);

    // Adds or replaces (same id) one article.  Returns true if it replaced one.
    bool add(const Article& article, const Facets& facets, Xapian::Document doc);

    // Removes the article with this id, if any.  Returns true if one was removed.
    bool remove(const std::string& id);

    // Makes everything added so far durable.
    void commit();

    Xapian::doccount doc_count() const { return db_.get_doccount(); }
    Xapian::WritableDatabase& db() { return db_; }

  private:
    void record_facet_names(const Facets& facets);
    void record_value(const std::string& id_hex, const std::string& record);
    void record_alias(const std::string& facet, const std::string& alias_key,
                      const std::string& id_hex);
    void record_synonym(const std::string& alias_key, const std::string& term);

    std::string path_;
    Xapian::WritableDatabase db_;
    std::unordered_set<std::string> known_values_;
    std::set<std::pair<std::string, std::string>> known_aliases_;
    std::set<std::pair<std::string, std::string>> known_synonyms_;
};

}  // namespace ndx
