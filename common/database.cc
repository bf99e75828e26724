// Opening databases: see database.h.
#include "common/database.h"

#include <cstdlib>
#include <filesystem>

#include "common/error.h"
#include "common/schema.h"

namespace ndx {

std::string default_db_path() {
    if (const char* env = std::getenv("NDX_DB"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::string(xdg) + "/ndx/index";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/share/ndx/index";
    return ".ndx-index";
}

void check_schema(const Xapian::Database& db, const std::string& path) {
    std::string v = db.get_metadata(kSchemaKey);
    if (v.empty() && db.get_doccount() == 0) return;
    if (v != std::to_string(kSchemaVersion))
        throw IndexError("'" + path + "' was written with index schema " +
                         (v.empty() ? std::string("unknown") : v) + "; this ndx reads schema " +
                         std::to_string(kSchemaVersion) + ". Rebuild it: remove the directory "
                         "and run ndx-index again on your articles.");
}

Xapian::Database open_for_search(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path.rfind("tcp://", 0) != 0 && !fs::exists(path, ec))
        throw MissingIndexError("no index at '" + path +
                                "'. Build one first: ndx-index [--db DIR] PATH...");
    try {
        Xapian::Database db(path);
        check_schema(db, path);
        return db;
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw MissingIndexError("no usable index at '" + path + "' (" + e.get_msg() +
                                "). Build one first: ndx-index [--db DIR] PATH...");
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot open index '" + path + "': " + e.get_description());
    }
}

}  // namespace ndx
