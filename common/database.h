// Finding and opening ndx databases: the default location, schema checks, errors.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace ndx {

// The database used when --db is not given: $NDX_DB if set, else
// $XDG_DATA_HOME/ndx/index, else ~/.local/share/ndx/index.
std::string default_db_path();

// Opens a database for searching.  Throws MissingIndexError (with a hint to run
// ndx-index) when there is no index at `path`, IndexError when it is unreadable or of
// another schema version.
Xapian::Database open_for_search(const std::string& path);

// Throws IndexError unless `db` carries kSchemaVersion (an empty database is accepted).
void check_schema(const Xapian::Database& db, const std::string& path);

}  // namespace ndx
