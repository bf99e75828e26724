// Choosing ndx-index's input files: databases among them are left out.
#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>

#include "common/database.h"
#include "common/index_writer.h"
#include "indexer/index_steps.h"

namespace ndx {

namespace {

// The directories beside an index that ndx-index makes while it works on it (a parallel
// build's parts, its merge, a new index being made, an old one being removed).
constexpr std::array<const char*, 4> kWorkDirs = {".ndx-build", ".ndx-merge", ".ndx-new",
                                                  ".ndx-old"};

}  // namespace

// As std::filesystem::absolute(), with the working directory read once (ndx-index never
// changes it): a run makes a file's absolute path again each time it needs it.
std::string absolute_path(const std::string& p) {
    namespace fs = std::filesystem;
    static const fs::path cwd = [] {
        std::error_code ec;
        fs::path d = fs::current_path(ec);
        return ec ? fs::path() : d;
    }();
    const fs::path path(p);
    if (path.is_absolute()) return path.lexically_normal().string();
    if (cwd.empty()) return p;
    return (cwd / path).lexically_normal().string();
}

std::vector<InputFile> without_databases(std::vector<InputFile> files, const std::string& db_path,
                                         bool quiet, std::ostream& err) {
    namespace fs = std::filesystem;
    std::map<std::string, bool> dir_is_db;  // parent directory -> inside a database
    std::set<std::string> told;
    const std::string own = absolute_path(db_path);
    auto inside = [](const std::string& path, const std::string& dir) {
        return path.size() > dir.size() && path.rfind(dir, 0) == 0 && path[dir.size()] == '/';
    };
    std::vector<InputFile> kept;
    for (InputFile& f : files) {
        const std::string abs = absolute_path(f.path);
        const std::string dir = fs::path(abs).parent_path().string();
        auto it = dir_is_db.find(dir);
        if (it == dir_is_db.end()) {
            std::error_code ec;
            bool db = is_xapian_database(dir) || fs::exists(fs::path(dir) / kShardStub, ec) ||
                      fs::exists(fs::path(dir).parent_path() / kShardStub, ec);
            it = dir_is_db.emplace(dir, db).first;
        }
        std::string skipped;
        const bool in_own = inside(abs, own) || std::any_of(kWorkDirs.begin(), kWorkDirs.end(),
                                                            [&](const char* suffix) {
                                                                return inside(abs, own + suffix);
                                                            });
        if (in_own)
            skipped = own;
        else if (it->second)
            skipped = dir;
        if (skipped.empty()) {
            kept.push_back(std::move(f));
        } else if (told.insert(skipped).second && !quiet) {
            err << "ndx-index: skipping '" << skipped
                << "': " << (skipped == own ? "the index being written" : "a Xapian database")
                << "\n";
        }
    }
    return kept;
}

}  // namespace ndx
