// The one owner of a WritableDatabase: replaces articles by id, records facet names and
// the state of each input file (for incremental runs).
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/article.h"
#include "common/document.h"
#include "common/facet_ids.h"
#include "common/hash_set.h"
#include "common/metadata.h"
#include "common/spelling.h"

namespace ndx {

// The term marking every article read from the file at `abs_path`.
std::string file_term(const std::string& abs_path);
// The same from fnv1a64() of the path.
std::string file_term(std::uint64_t path_hash);

// Removes the index at `path`, first renamed aside (`PATH.ndx-old`), so that a kill while
// its files are removed leaves no half index at `path`.
void remove_index_dir(const std::string& path);

// Where an article landed: its shard and its docid there.
using ArticleRef = std::pair<std::size_t, Xapian::docid>;

// The name of the stub file that describes a shard set inside its directory.
inline constexpr const char* kShardStub = "shards.stub";

// Metadata (shard 0): when the last run ended and its summary ("ndx-index --stats").
inline constexpr const char* kLastRunMeta = "ndx:lastrun";

class IndexWriter {
  public:
    // Opens (creating if needed) the index at `path`: one database, or with `shards` > 1
    // (or an existing shard set at `path`) a directory of shard databases described by
    // `path`/shards.stub, each article routed by a stable hash of its id.  Throws
    // IndexError when a database is locked by another writer ("locked by another
    // indexer"), is of another schema, or the shard count differs from the existing one.
    // A new (empty) index gets `stemming` (default All); an index with articles keeps its
    // own, and IndexError names it when `stemming` asks for the other.
    explicit IndexWriter(const std::string& path, std::size_t shards = 0,
                         std::optional<Stemming> stemming = std::nullopt);
    // Writes the facet records not yet written (Xapian commits what a closed database
    // was given).
    ~IndexWriter();
    IndexWriter(IndexWriter&&) = default;
    IndexWriter& operator=(IndexWriter&&) = default;

    // The temporary parts of a parallel build at `path` (a crash discards them, so their
    // commits are not synced to disk: Xapian's DB_NO_SYNC): `parts` databases for the
    // articles, each article routed by the hash of its id, and after them as many for
    // their statements, so that the index Xapian's compactor merges from them (in the
    // order of the stub) numbers every article before every statement.  Searches for
    // articles then step over no statement in the document-length and article lists.
    // Parts already at `path` (a killed build's) are opened as they are, and their count
    // is kept (existing_parts()).
    static IndexWriter build_parts(const std::string& path, std::size_t parts,
                                   std::optional<Stemming> stemming);
    // The article parts of a parallel build left at `path` (0: none).
    static std::size_t existing_parts(const std::string& path);

    // What add() did with an article.
    enum class Added {
        New,        // its id was not in the index
        Updated,    // it replaced the article of that id (from an earlier run)
        Unchanged,  // the index held it exactly so, from the same file: nothing written
        Duplicate,  // its id was already written in this run (from another file, or twice
                    // in one): it replaced that one
    };
    struct AddResult {
        ArticleRef where;
        Added kind = Added::New;
    };

    // Adds or replaces (same id) one article and its statement documents (which replace
    // the statements it had).  An article replaced keeps the file terms of the other
    // files that held its id, so that it stays while any of them does.
    AddResult add(const Article& article, const Facets& facets, const Xapian::Document& doc,
                  const std::vector<Xapian::Document>& statements = {});

    // Takes the articles of file `abs_path` out of the index, except those in `keep`: one
    // that another file also holds (its id) only loses this file's term.  Returns how
    // many articles were deleted.
    std::size_t remove_file_articles(const std::string& abs_path, const std::set<ArticleRef>& keep);

    std::optional<FileRecord> file_record(const std::string& abs_path) const;
    void set_file_record(const std::string& abs_path, const FileRecord& rec);
    // With build_parts(): each article part records a file once it holds the file's
    // articles routed to it, and commits the record with them; a file is done when every
    // part has the same record of it (then a resumed build need not read it again).
    void set_part_file_record(std::size_t k, const std::string& abs_path, const FileRecord& rec);
    std::optional<FileRecord> file_record_in_every_part(const std::string& abs_path) const;
    void forget_file(const std::string& abs_path);
    // Records the last run's time and summary (kLastRunMeta); commit() makes it durable.
    void set_last_run(const std::string& text);
    // Calls `fn` with the absolute path of each file recorded under directory or file
    // `abs_root`, one at a time (an archive can record millions); `fn` must not change
    // the index.
    void for_each_recorded_file(const std::string& abs_root,
                                const std::function<void(const std::string&)>& fn) const;

    // Records the names of the gazetteer the index is built with (metadata ndx:gv:,
    // ndx:ga:, schema.h), replacing another gazetteer's; nothing is written when the index
    // records these already.  `entries` are (metadata key, value) pairs.
    void record_gazetteer(const std::vector<std::pair<std::string, std::string>>& entries);

    // The words an article gives the spelling table ("did you mean", spelling.h): those of
    // its title and text and of its facet values.
    static void count_spelling(SpellingCounter& counter, const Article& article,
                               const Facets& facets);
    // With build_parts(), add() counts no words: the caller counts every article's
    // (count_spelling(), in input order, as one writer would) and gives the same words
    // to every article part: part `k` adds its share of them with this (from the thread
    // that writes part `k`; SpellingCounter::flush_share()), committed with it.
    void add_spelling(std::size_t k, const SpellingCounter& words);

    // The most entries a shard keeps of what this run wrote of value records and aliases
    // before it forgets them (forget_known_values(); kMaxKnownValues unless set: tests
    // set it low).
    static constexpr std::size_t kMaxKnownValues = 100000;
    void set_known_values_limit(std::size_t n) { known_values_limit_ = n; }

    // Makes everything added so far durable (atomically: a crash keeps the last commit).
    // `last`: the run's last commit, which also writes the spelling data counted so far
    // (spelling.h; written in large batches, as each write rewrites the table's lists).
    void commit(bool last = false);
    // The same for one shard (with build_parts(), and the part of its statements).
    // Different shards may be written from different threads (add() touches only the
    // article's shard, and its statements' part; file records live in shard 0).
    void commit_shard(std::size_t k, bool last = false);
    // Rewrites the facet table (facet_table.h) of every shard whose table does not
    // describe it as last committed.  Call after the last commit.
    void write_facet_tables();
    // The shard an article id goes to.
    std::size_t shard_for(const std::string& id) const;

    // Articles in the index (statement documents not counted).
    Xapian::doccount doc_count() const;
    // The shards articles are routed to (shard_for()).
    std::size_t shard_count() const { return article_shards_; }
    // How this index's documents are to be built (DocumentBuilder).
    Stemming stemming() const { return stemming_; }

  private:
    struct Shard {
        std::string path;
        Xapian::WritableDatabase db;
        // "<id hex>\n<record>" of the values recorded (a location level's), or "<id
        // hex>\t<facet>\n<value>\n<key>\n<kind>" (another facet's)
        std::unordered_set<std::string> known_values;
        std::unordered_set<FacetId> known_entities;         // recorded with every path level
        std::unordered_set<std::string> known_alias_names;  // "<id hex>\n<alias>" recorded
        std::set<std::pair<std::string, std::string>> known_aliases;
        std::unordered_set<std::string> written_value_ids;  // value records set this run
        // held facet value or alias records when opened, or has forgotten what this run
        // recorded (forget_known_values()): either way, records are looked up in it
        bool had_facet_meta = true;
        MaxValues max_values{};    // per spread slot group (see schema.h)
        bool fresh = false;        // empty when opened: run_ids lists every article in it
        HashSet run_ids;           // (hashes of) the ids added this run
        SpellingCounter spelling;  // words of the articles added since the last commit
        // Facet value and alias records set since the last commit, written to the
        // database in key order just before it (or before a file record): a record set
        // several times in a batch (an alias list growing, a value's forms merged) is
        // read back from here and written once.
        std::map<std::string, std::string> pending_meta;
    };
    std::size_t known_values_limit_ = kMaxKnownValues;
    IndexWriter(const std::string& path, std::size_t shards, std::optional<Stemming> stemming,
                bool parts);
    static Shard open_shard(const std::string& path, std::optional<Stemming> stemming,
                            bool scratch);
    // After a commit: what the shard remembers of the value records and aliases this run
    // wrote (known_values, known_alias_names, known_aliases, written_value_ids: strings,
    // some 150 bytes an entry) is dropped once it holds more than kMaxKnownValues entries,
    // so that an archive whose names keep growing does not grow the indexer's memory with
    // them; the records are looked up in the index from then on, and come out the same.
    // known_entities (8 bytes an entry) is kept: a place's record is built once a run.
    void forget_known_values(Shard& s) const;
    void record_facet_names(Shard& s, const Facets& facets);
    // `new_form`: the caller knows the shard has not been given this record in this run
    void record_value(Shard& s, const std::string& id_hex, const std::string& record,
                      bool new_form = false);
    void record_alias(Shard& s, const std::string& facet, const std::string& alias_key,
                      const std::string& id_hex);
    void record_max_values(Shard& s, const Xapian::Document& doc);
    void record_spelling(Shard& s, const Article& article, const Facets& facets);
    // A facet record as last set in this run (pending or written), or as the database
    // holds it (`ask_db`; else empty).
    static std::string facet_meta(Shard& s, const std::string& key, bool ask_db);
    // Writes the pending facet records of a shard to its database (before a commit, and
    // before a file record that says its articles are in).
    static void flush_facet_meta(Shard& s);
    // Where the statements of shard k's articles go: shard k, or with build_parts() its
    // statements' part.
    Shard& statement_part(std::size_t k);

    std::string path_;
    std::vector<Shard> shards_;       // shard 0 also holds the file records
    std::size_t article_shards_ = 1;  // the first ones; with build_parts(), the rest hold
                                      // their statements
    Stemming stemming_ = Stemming::All;
    bool parts_ = false;  // build_parts(): add() counts no spelling words
};

}  // namespace ndx
