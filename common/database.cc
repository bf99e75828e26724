// Opening databases: see database.h.
#include "common/database.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/facet_table.h"
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
                         std::to_string(kSchemaVersion) +
                         ". Rebuild it: remove the directory "
                         "and run ndx-index again on your articles.");
}

bool is_xapian_database(const std::string& dir) {
    std::error_code ec;
    for (const char* marker : {"iamglass", "iamhoney", "iamchert"})
        if (std::filesystem::exists(std::filesystem::path(dir) / marker, ec)) return true;
    return false;
}

namespace {

// A Xapian database with documents but without ndx's schema key is another program's.
void check_is_ndx(const Xapian::Database& db, const std::string& path) {
    if (db.get_metadata(kSchemaKey).empty() && db.get_doccount() > 0)
        throw NotIndexError("'" + path + "' is a Xapian database, but not an ndx index");
}

}  // namespace

void check_is_index(const std::string& path, bool allow_stub, bool open) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return;
    if (fs::is_regular_file(st)) {
        if (allow_stub) return;
        throw NotIndexError("'" + path + "' is a file, not an ndx index (an index is a directory)");
    }
    if (!fs::is_directory(st)) throw NotIndexError("'" + path + "' is not an ndx index");
    if (fs::exists(fs::path(path) / "shards.stub", ec)) return;
    if (is_xapian_database(path)) {
        if (!open) return;
        try {
            check_is_ndx(Xapian::Database(path), path);
        } catch (const Xapian::Error&) {
            // unreadable or being changed: the opener reports it
        }
        return;
    }
    if (fs::is_empty(path, ec) || ec) return;
    throw NotIndexError("'" + path + "' is not an ndx index (a directory of other files)");
}

namespace {

constexpr unsigned kRemoteTimeoutMs = 10000, kConnectTimeoutMs = 5000;

Xapian::Database open_remote(const std::string& host, const std::string& port,
                             const std::string& name) {
    unsigned p = 0;
    try {
        p = static_cast<unsigned>(std::stoul(port));
    } catch (const std::exception&) {
        throw UsageError("bad port in '" + name + "'");
    }
    if (host.empty() || p == 0 || p > 65535) throw UsageError("bad remote database '" + name + "'");
    try {
        Xapian::Database db = Xapian::Remote::open(host, p, kRemoteTimeoutMs, kConnectTimeoutMs);
        check_schema(db, name);
        return db;
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot reach shard '" + name + "': " + e.get_description());
    }
}

// The parts listed in a stub file (relative paths are relative to the stub).
std::vector<std::pair<std::string, std::function<Xapian::Database()>>> stub_parts(
    const std::filesystem::path& stub) {
    std::vector<std::pair<std::string, std::function<Xapian::Database()>>> parts;
    std::ifstream in(stub);
    if (!in) throw IndexError("cannot read '" + stub.string() + "'");
    std::size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        std::istringstream words(line);
        std::string kind, a, b;
        words >> kind >> a >> b;
        if (kind.empty() || kind[0] == '#') continue;
        if (kind == "auto" || kind == "glass") {
            std::filesystem::path p = a;
            if (p.is_relative()) p = stub.parent_path() / p;
            std::string path = p.string();
            parts.emplace_back(path, [path] { return open_for_search(path); });
        } else if (kind == "remote" || kind == "tcp") {
            std::string host = a, port = b;
            if (kind == "remote") {
                auto colon = a.rfind(':');
                host = colon == std::string::npos ? a : a.substr(0, colon);
                port = colon == std::string::npos ? "" : a.substr(colon + 1);
            }
            std::string name = "tcp://" + host + ":" + port;
            parts.emplace_back(name, [host, port, name] { return open_remote(host, port, name); });
        } else {
            // (the line is not quoted: this may be any file given as --db)
            throw NotIndexError("'" + stub.string() +
                                "' is not an ndx index, nor a shard "
                                "stub file (line " +
                                std::to_string(line_no) +
                                " is not 'auto PATH' or 'remote HOST:PORT')");
        }
    }
    return parts;
}

}  // namespace

SearchTarget open_targets(const std::vector<std::string>& specs, bool allow_partial,
                          std::vector<std::string>& skipped) {
    namespace fs = std::filesystem;
    std::vector<std::pair<std::string, std::function<Xapian::Database()>>> parts;
    for (const std::string& spec : specs) {
        if (spec.rfind("tcp://", 0) == 0) {
            std::string rest = spec.substr(6);
            auto colon = rest.rfind(':');
            std::string host = colon == std::string::npos ? rest : rest.substr(0, colon);
            std::string port = colon == std::string::npos ? "" : rest.substr(colon + 1);
            parts.emplace_back(spec, [host, port, spec] { return open_remote(host, port, spec); });
            continue;
        }
        // (a database is opened once, below: open_for_search() tells another program's)
        check_is_index(spec, true, false);
        std::error_code ec;
        fs::path stub =
            fs::is_directory(spec, ec) ? fs::path(spec) / "shards.stub" : fs::path(spec);
        if (fs::is_regular_file(stub, ec)) {
            auto more = stub_parts(stub);
            parts.insert(parts.end(), more.begin(), more.end());
            continue;
        }
        parts.emplace_back(spec, [spec] { return open_for_search(spec); });
    }
    SearchTarget t;
    for (auto& [name, open] : parts) {
        try {
            Xapian::Database db = open();
            t.db.add_database(db);
            t.parts.push_back(db);
            t.names.push_back(name);
            if (name.rfind("tcp://", 0) == 0) t.remote = true;
        } catch (const MissingIndexError&) {
            if (!allow_partial || parts.size() == 1) throw;
            skipped.push_back(name);
        } catch (const IndexError&) {
            if (!allow_partial) throw;
            skipped.push_back(name);
        }
    }
    if (t.parts.empty()) throw IndexError("no shard could be opened");
    if (!t.remote && t.parts.size() == 1) t.table = FacetTable::load(t.names[0], t.parts[0]);
    // (the values' names and the speaker merge from the table, as from the metadata)
    t.catalog = std::make_shared<FacetCatalog>(t.db, t.parts, t.table);
    return t;
}

Xapian::Database open_for_search(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path.rfind("tcp://", 0) != 0 && !fs::exists(path, ec))
        throw MissingIndexError("no index at '" + path +
                                "'. Build one first: ndx-index [--db DIR] PATH...");
    try {
        Xapian::Database db(path);
        check_is_ndx(db, path);
        check_schema(db, path);
        return db;
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw MissingIndexError("no usable index at '" + path + "' (" + e.get_msg() +
                                "). Build one first: ndx-index [--db DIR] PATH...");
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;  // an indexer committed twice while this opened: the caller opens it again
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot open index '" + path + "': " + e.get_description());
    }
}

}  // namespace ndx
