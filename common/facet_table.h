// The facet table: every document's facet values as small integers, kept in a file beside
// each local database, so that exact facet counts over all matches cost one array lookup
// per match instead of reading and decoding value slots (Lucene's "doc values", Solr's
// un-inverted fields, but written once by the indexer rather than built when a searcher
// starts).
//
// The table is a cache: ndx-index rewrites it at the end of every run, and a searcher uses
// it only when it describes exactly the database revision it opened (same UUID, revision
// and last docid).  Otherwise -- an older table, a database changed by another program,
// a remote shard -- counting falls back to the value slots, with the same results.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/facet_ids.h"
#include "common/schema.h"

namespace ndx {

struct FacetValueInfo;

// Its name inside a database directory.
inline constexpr const char* kFacetTableFile = "ndx-facets";

class FacetTable {
  public:
    // One column per value slot 0..4 (Slot::Date .. Slot::Groups).
    static constexpr std::size_t kColumns = 5;

    struct Column {
        // Distinct values, ascending: facet ids (facet_ids.h), or for the date column the
        // day as the number YYYYMMDD.
        const std::uint64_t* dict = nullptr;
        std::uint64_t dict_size = 0;
        // Document d's values are dict[ords[i]] for i in [start[d], start[d + 1]).
        const std::uint32_t* start = nullptr;
        const std::uint32_t* ords = nullptr;
        std::uint64_t ords_size = 0;
        // articles[o]: how many articles (not statements) have value dict[o].
        const std::uint32_t* articles = nullptr;
    };

    // The table in database directory `dir`, when it describes `db` as opened; null when
    // there is none, it is out of date, or it is damaged.
    static std::shared_ptr<const FacetTable> load(const std::string& dir,
                                                  const Xapian::Database& db);

    FacetTable(const FacetTable&) = delete;
    FacetTable& operator=(const FacetTable&) = delete;
    ~FacetTable();

    // Whether this table still describes `db` (a database of one part).
    bool describes(const Xapian::Database& db) const;
    const Column& column(Slot s) const { return columns_[static_cast<std::size_t>(s)]; }
    Xapian::docid last_docid() const { return last_docid_; }
    // The database revision it describes.
    std::uint64_t revision() const { return revision_; }

    // The display record of a speaker, location or group value that some document holds
    // (FacetCatalog::info without the speaker merge): what the metadata says of it (its
    // ndx:fv: record, else its gazetteer record), read when the table was written.
    enum class Record {
        Unknown,  // not in the table (an older table, or an entry that does not check
                  // out): ask the metadata
        None,     // the index has no readable record of it
        Found,    // `out` holds it
    };
    Record value_record(FacetId id, FacetValueInfo& out) const;
    // How many values have a record in the table (0 for a table of format 2).
    std::uint64_t records() const { return names_; }
    // A table of format 2 (no records): ndx-index rewrites it even when it is current.
    bool old_format() const { return old_format_; }
    // The speaker merge of the database (speaker_merge.h, the text of its metadata
    // record), or "" when the table does not hold it.
    std::string_view speaker_merge_record() const { return merge_; }

  private:
    FacetTable() = default;
    void* map_ = nullptr;
    std::size_t map_size_ = 0;
    std::uint64_t revision_ = 0;
    Xapian::docid last_docid_ = 0;
    std::string uuid_;
    std::array<Column, kColumns> columns_{};
    // the value records: ids ascending, where each entry starts in the blob (names_ + 1)
    std::uint64_t names_ = 0;
    const std::uint64_t* name_ids_ = nullptr;
    const std::uint32_t* name_starts_ = nullptr;
    const unsigned char* name_blob_ = nullptr;
    std::uint64_t name_blob_size_ = 0;
    std::string_view merge_;
    bool old_format_ = false;
};

// Writes the facet table of `db` (one local database, as committed) into directory `dir`,
// replacing any older one atomically: the columns, the display records of the values they
// hold and the speaker merge recorded in the metadata (when it describes `db`).  Throws IndexError
// when it cannot be written.
void write_facet_table(const Xapian::Database& db, const std::string& dir);

}  // namespace ndx
