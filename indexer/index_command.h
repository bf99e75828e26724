// ndx-index's work: walk inputs, read, extract, then write to the index or dump JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "common/reader.h"
#include "common/schema.h"
#include "extract/gazetteer.h"

namespace ndx {

struct IndexOptions {
    std::string db_path;
    std::vector<std::string> inputs;
    ReadOptions read;
    GazetteerSources gazetteer;
    std::string model;              // tagger model file ("": the built-in one; "none": no tagger)
    bool dump = false;              // write extraction JSON Lines to stdout, no database
    bool progress = false;          // live progress line on stderr
    bool quiet = false;             // no summary
    bool full = false;              // read every file, even those unchanged since the last run
    bool keep_deleted = false;      // keep the articles of files that have disappeared
    bool retry_failed = false;      // read again the files that failed at an earlier run
    std::size_t threads = 0;        // extraction workers (0: one per core)
    std::size_t shards = 0;         // write a shard set of this many databases (0: as it is)
    std::size_t batch_size = 2000;  // articles per commit
    std::optional<Stemming> stemming;  // for a new index (default All); must match an old one
    // A first build of at least this many input bytes is written in parallel parts.
    std::uintmax_t parallel_build_bytes = 16u << 20;
};

// A run's counts: each article read is counted once, as new, updated, unchanged or a
// duplicate id.
struct IndexSummary {
    std::size_t files = 0;
    std::size_t indexed = 0;     // new articles
    std::size_t replaced = 0;    // articles that were in the index and changed
    std::size_t same = 0;        // articles read again, the same as in the index
    std::size_t duplicates = 0;  // articles whose id was already read in this run
    std::size_t removed = 0;     // articles whose file or record is gone
    std::size_t unchanged = 0;   // files skipped: the same as at the last run
    std::size_t files_removed = 0;
    std::size_t failed = 0;        // files or records skipped for errors in this run
    std::size_t known_failed = 0;  // files that failed at an earlier run, unchanged since:
                                   // not read again (--retry-failed) nor counted as failed
    double seconds = 0;
};

// Runs the indexer (or the dump).  Bad inputs are reported on `err` as
// "ndx-index: <path>[:line]: <message>" and counted; throws IndexError when the
// database cannot be opened or written.
IndexSummary run_index(const IndexOptions& opts, std::ostream& out, std::ostream& err);

// The display names of every value of `facet` ("speaker", "location", "group") in the
// index at `db`, one per line, sorted (for shell completion and scripts).  Throws
// UsageError for another facet name, MissingIndexError / NotIndexError for `db`.
void list_values(const std::string& db, const std::string& facet, std::ostream& out);

// What the index at `db` holds: articles, statements, files (and how many failed), size
// on disk, stemming, schema, and the last run's time and summary.
void print_stats(const std::string& db, std::ostream& out);

}  // namespace ndx
