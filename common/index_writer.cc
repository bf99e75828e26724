// Writing articles into the database: see index_writer.h.
#include "common/index_writer.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <nlohmann/json.hpp>

#include "common/database.h"
#include "common/error.h"
#include "common/facet_ids.h"
#include "common/normalize.h"
#include "common/schema.h"

namespace ndx {

IndexWriter::IndexWriter(const std::string& path) : path_(path) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    try {
        db_ = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError("'" + path + "' is locked by another indexer; wait for it to finish");
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot open index '" + path + "' for writing: " +
                         e.get_description());
    }
    check_schema(db_, path);
    db_.set_metadata(kSchemaKey, std::to_string(kSchemaVersion));
}

std::string file_term(const std::string& abs_path) {
    return kFilePrefix + to_hex(fnv1a64(abs_path));
}

std::pair<Xapian::docid, bool> IndexWriter::add(const Article& article, const Facets& facets,
                                                const Xapian::Document& doc) {
    const std::string term = id_term(article.id);
    try {
        bool existed = db_.term_exists(term);
        Xapian::docid did = db_.replace_document(term, doc);
        record_facet_names(facets);
        return {did, existed};
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot write '" + article.id + "' to '" + path_ + "': " +
                         e.get_description());
    }
}

std::size_t IndexWriter::remove_file_articles(const std::string& abs_path,
                                              const std::set<Xapian::docid>& keep) {
    const std::string term = file_term(abs_path);
    std::vector<Xapian::docid> gone;
    try {
        for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p)
            if (!keep.count(*p)) gone.push_back(*p);
        for (Xapian::docid d : gone) db_.delete_document(d);
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot remove articles of '" + abs_path + "' from '" + path_ +
                         "': " + e.get_description());
    }
    return gone.size();
}

std::optional<FileRecord> IndexWriter::file_record(const std::string& abs_path) const {
    std::string v = db_.get_metadata(kFileMeta + abs_path);
    if (v.empty()) return std::nullopt;
    std::istringstream in(v);
    FileRecord r;
    std::string status;
    if (!(in >> r.size >> r.mtime_ns >> r.hash >> status)) return std::nullopt;
    r.failed = status != "ok";
    return r;
}

void IndexWriter::set_file_record(const std::string& abs_path, const FileRecord& rec) {
    db_.set_metadata(kFileMeta + abs_path, std::to_string(rec.size) + " " +
                                               std::to_string(rec.mtime_ns) + " " +
                                               (rec.hash.empty() ? "-" : rec.hash) + " " +
                                               (rec.failed ? "failed" : "ok"));
}

void IndexWriter::forget_file(const std::string& abs_path) {
    db_.set_metadata(kFileMeta + abs_path, "");
}

std::vector<std::string> IndexWriter::recorded_files(const std::string& abs_root) const {
    std::vector<std::string> out;
    const std::string prefix = kFileMeta + abs_root;
    for (auto k = db_.metadata_keys_begin(prefix); k != db_.metadata_keys_end(prefix); ++k) {
        std::string path = (*k).substr(std::char_traits<char>::length(kFileMeta));
        // the root itself, or a path below it (not "/a/bc" for root "/a/b")
        if (path.size() == abs_root.size() || path[abs_root.size()] == '/' ||
            abs_root.back() == '/')
            out.push_back(path);
    }
    return out;
}

void IndexWriter::commit() {
    try {
        db_.commit();
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot commit '" + path_ + "': " + e.get_description());
    }
}

void IndexWriter::record_value(const std::string& id_hex, const std::string& record) {
    if (!known_values_.insert(id_hex).second) return;
    const std::string key = kFacetValueMeta + id_hex;
    if (db_.get_metadata(key) != record) db_.set_metadata(key, record);
}

void IndexWriter::record_alias(const std::string& facet, const std::string& alias_key,
                               const std::string& id_hex) {
    if (alias_key.empty() || !known_aliases_.emplace(facet + ":" + alias_key, id_hex).second)
        return;
    const std::string key = kFacetAliasMeta + facet + ":" + alias_key;
    std::string ids = db_.get_metadata(key);
    for (std::size_t i = 0; i + 16 <= ids.size(); i += 17)
        if (ids.compare(i, 16, id_hex) == 0) return;
    if (!ids.empty()) ids += ' ';
    ids += id_hex;
    db_.set_metadata(key, ids);
}

void IndexWriter::record_synonym(const std::string& alias_key, const std::string& term) {
    // Short aliases ("us", "un") would widen ordinary queries; keep words of 3+ letters.
    if (alias_key.size() < 3 || !known_synonyms_.emplace(alias_key, term).second) return;
    db_.add_synonym(alias_key, term);
}

void IndexWriter::record_facet_names(const Facets& facets) {
    using nlohmann::json;
    for (Facet f : kEntityFacets) {
        const std::string name(facet_name(f));
        for (const Entity& e : entities_of(facets, f)) {
            if (f == Facet::Location) {
                // every level of the path is a value of its own (for roll-up and filters)
                std::string path;
                for (std::size_t i = 0; i < e.path.size() && i < e.path_keys.size(); ++i) {
                    if (!path.empty()) path += '/';
                    path += e.path[i];
                    const std::string hex = to_hex(facet_id(f, e.path_keys[i]));
                    json rec = {{"facet", name}, {"value", e.path[i]}, {"key", e.path_keys[i]},
                                {"path", path},  {"depth", i}};
                    if (i < e.path_kinds.size()) rec["kind"] = e.path_kinds[i];
                    record_value(hex, rec.dump());
                    record_alias(name, entity_key(e.path[i]), hex);
                }
            } else {
                const std::string hex = to_hex(facet_id(f, e.key));
                json rec = {{"facet", name}, {"value", e.value}, {"key", e.key}};
                if (!e.kind.empty()) rec["kind"] = e.kind;
                record_value(hex, rec.dump());
                record_alias(name, entity_key(e.value), hex);
            }
            const std::string hex = to_hex(facet_id(f, e.key));
            for (const std::string& alias : e.aliases) record_alias(name, entity_key(alias), hex);
            if (f != Facet::Speaker) {
                // Free text naming the thing by any of its names also finds this term.
                const std::string term = std::string(facet_prefix(f)) + e.key;
                record_synonym(entity_key(e.value), term);
                for (const std::string& alias : e.aliases) record_synonym(entity_key(alias), term);
            }
        }
    }
}

}  // namespace ndx
