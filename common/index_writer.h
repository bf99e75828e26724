// The one owner of a WritableDatabase: replaces articles by id, records facet names and
// the state of each input file (for incremental runs).
#pragma once

#include <xapian.h>

#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/article.h"
#include "common/document.h"

namespace ndx {

// What the index remembers of an input file.
struct FileRecord {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string hash;
    bool failed = false;
};

// The term marking every article read from the file at `abs_path`.
std::string file_term(const std::string& abs_path);

class IndexWriter {
  public:
    // Opens (creating if needed) the database at `path`.  Throws IndexError when it is
    // locked by another writer ("locked by another indexer") or of another schema.
    explicit IndexWriter(const std::string& path);

    // Adds or replaces (same id) one article.  Returns its docid and whether it replaced
    // an article already indexed.
    std::pair<Xapian::docid, bool> add(const Article& article, const Facets& facets,
                                       const Xapian::Document& doc);

    // Deletes the articles of file `abs_path` except those in `keep`; returns how many.
    std::size_t remove_file_articles(const std::string& abs_path,
                                     const std::set<Xapian::docid>& keep);

    std::optional<FileRecord> file_record(const std::string& abs_path) const;
    void set_file_record(const std::string& abs_path, const FileRecord& rec);
    void forget_file(const std::string& abs_path);
    // Absolute paths of the files recorded under directory or file `abs_root`.
    std::vector<std::string> recorded_files(const std::string& abs_root) const;

    // Makes everything added so far durable (atomically: a crash keeps the last commit).
    void commit();

    Xapian::doccount doc_count() const { return db_.get_doccount(); }

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
