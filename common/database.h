// Finding and opening ndx databases: the default location, schema checks, errors.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"

namespace ndx {

// --db names something that is not an ndx index (exit 2): a file, a directory holding
// other things, a Xapian database written by another program.  The message never quotes
// the thing's contents.
class NotIndexError : public UsageError {
  public:
    using UsageError::UsageError;
};

// Throws NotIndexError unless `path` is absent, an empty directory, an ndx index (or an
// empty Xapian database) or a directory holding an ndx shard set.  With `allow_stub`, a
// regular file is left to the stub reader, which says so itself.  Without `open`, a
// Xapian database is not opened to tell whether it is ndx's (open_for_search() does).
void check_is_index(const std::string& path, bool allow_stub, bool open = true);

// True when `dir` holds a Xapian database (its version file).
bool is_xapian_database(const std::string& dir);

class FacetCatalog;
class FacetTable;

// The database used when --db is not given: $NDX_DB if set, else
// $XDG_DATA_HOME/ndx/index, else ~/.local/share/ndx/index.
std::string default_db_path();

// Opens a database for searching.  Throws MissingIndexError (with a hint to run
// ndx-index) when there is no index at `path`, NotIndexError when it is another
// program's Xapian database, IndexError when it is unreadable or of another schema
// version.
Xapian::Database open_for_search(const std::string& path);

// Throws IndexError unless `db` carries kSchemaVersion (an empty database is accepted).
void check_schema(const Xapian::Database& db, const std::string& path);

// What one search runs against: several databases searched as one.
struct SearchTarget {
    Xapian::Database db;                  // the combination
    std::vector<Xapian::Database> parts;  // each shard, local or remote
    std::vector<std::string> names;       // how each part was named (for messages)
    bool remote = false;                  // any part served over the network
    // The facet table (facet_table.h) of a target that is one local database, when it
    // has one describing it as opened: counting then needs no value slots.
    std::shared_ptr<const FacetTable> table;
    // Names of facet values, remembered across the searches run on this target.
    std::shared_ptr<FacetCatalog> catalog;
};

// Opens every --db given, as one: an index directory, a shard set (a directory holding
// shards.stub, or the stub file itself: lines "auto PATH", "remote HOST:PORT",
// "tcp HOST PORT"), or "tcp://HOST:PORT" for a database served by xapian-tcpsrv.
// A part that cannot be opened throws (MissingIndexError for a local path that does not
// exist, IndexError naming the shard otherwise), unless `allow_partial`: then it is left
// out and named in `skipped`.
SearchTarget open_targets(const std::vector<std::string>& specs, bool allow_partial,
                          std::vector<std::string>& skipped);

}  // namespace ndx
