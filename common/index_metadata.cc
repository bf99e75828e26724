// What the index writer keeps in the database metadata (see index_writer.h): each input
// file's record, the last run, the gazetteer's names, the spelling data, the most values
// per spread slot, and the names and aliases of facet values.  The values' formats are
// in common/metadata.h.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "common/error.h"
#include "common/facet_ids.h"
#include "common/facet_names.h"
#include "common/index_writer.h"
#include "common/metadata.h"
#include "common/normalize.h"
#include "common/schema.h"

namespace ndx {

std::optional<FileRecord> IndexWriter::file_record(const std::string& abs_path) const {
    return parse_file_record(shards_[0].db.get_metadata(file_record_key(abs_path)));
}

void IndexWriter::set_file_record(const std::string& abs_path, const FileRecord& rec) {
    set_part_file_record(0, abs_path, rec);
}

void IndexWriter::set_part_file_record(std::size_t k, const std::string& abs_path,
                                       const FileRecord& rec) {
    flush_facet_meta(shards_[k]);  // (the file's articles are in with their facet names)
    shards_[k].db.set_metadata(file_record_key(abs_path), file_record_value(abs_path, rec));
}

std::optional<FileRecord> IndexWriter::file_record_in_every_part(
    const std::string& abs_path) const {
    const std::string key = file_record_key(abs_path);
    const std::string v = shards_[0].db.get_metadata(key);
    for (std::size_t k = 1; k < article_shards_; ++k)
        if (shards_[k].db.get_metadata(key) != v) return std::nullopt;
    return file_record(abs_path);
}

void IndexWriter::set_last_run(const std::string& text) {
    shards_[0].db.set_metadata(kLastRunMeta, text);
}

void IndexWriter::forget_file(const std::string& abs_path) {
    shards_[0].db.set_metadata(file_record_key(abs_path), "");
}

void IndexWriter::for_each_recorded_file(const std::string& abs_root,
                                         const std::function<void(const std::string&)>& fn) const {
    const Xapian::WritableDatabase& db = shards_[0].db;
    const std::string prefix = kFileMeta + abs_root;
    // the root itself, or a path below it (not "/a/bc" for root "/a/b")
    auto under_root = [&](const std::string& path) {
        return path.rfind(abs_root, 0) == 0 &&
               (path.size() == abs_root.size() || path[abs_root.size()] == '/' ||
                abs_root.back() == '/');
    };
    if (abs_root.size() <= kMaxPathInKey)
        for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
            const std::string path = file_record_path(*k, "");
            if (under_root(path)) fn(path);
        }
    // long paths, keyed by hash: their path is in the record
    const std::string hashed = hashed_file_records_prefix();
    for (auto k = db.metadata_keys_begin(hashed); k != db.metadata_keys_end(hashed); ++k) {
        std::string v = db.get_metadata(*k);
        auto nl = v.find('\n');
        if (nl != std::string::npos && under_root(v.substr(nl + 1))) fn(v.substr(nl + 1));
    }
}

void IndexWriter::record_gazetteer(
    const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string all;
    for (const auto& [k, v] : entries) all += k + '\0' + v + '\0';
    const std::string fingerprint = to_hex(fnv1a64(all)) + " " + std::to_string(entries.size());
    Xapian::WritableDatabase& db = shards_[0].db;
    try {
        if (db.get_metadata(kGazetteerMeta) == fingerprint) return;
        std::vector<std::string> old;
        for (const char* prefix : {kGazetteerValueMeta, kGazetteerAliasMeta})
            for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k)
                old.push_back(*k);
        for (const std::string& k : old) db.set_metadata(k, "");
        for (const auto& [k, v] : entries) db.set_metadata(k, v);
        db.set_metadata(kGazetteerMeta, fingerprint);
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot record the gazetteer in '" + shards_[0].path +
                         "': " + e.get_description());
    }
}

void IndexWriter::count_spelling(SpellingCounter& counter, const Article& article,
                                 const Facets& facets) {
    // "did you mean" (spelling.h): the words of the article and of its facet values
    counter.add_text(article.title);
    counter.add_text(article.body);
    for (Facet f : kEntityFacets)
        for (const Entity& e : entities_of(facets, f)) counter.add_name(e.value);
}

void IndexWriter::record_spelling(Shard& s, const Article& article, const Facets& facets) {
    // a parallel build's words are counted by its caller, once for all parts
    if (!parts_) count_spelling(s.spelling, article, facets);
}

void IndexWriter::add_spelling(std::size_t k, const SpellingCounter& words) {
    Shard& s = shards_[k];
    try {
        // committed every kSpellingChunk words (commit_shard(): the part's statements, facet
        // records and articles with them)
        words.flush_share(s.db, k, article_shards_, [this, k] { commit_shard(k); });
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot write the spelling data of '" + s.path +
                         "': " + e.get_description());
    }
}

void IndexWriter::record_max_values(Shard& s, const Xapian::Document& doc) {
    std::array<std::size_t, 4> n{};
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
        Xapian::valueno slot = v.get_valueno();
        for (std::size_t g = 0; g < kMaxValuesSlots.size(); ++g) {
            Xapian::valueno base = spread_slot_base(kMaxValuesSlots[g]);
            if (slot >= base && slot < base + kMaxSlotValues) ++n[g];
        }
    }
    for (std::size_t g = 0; g < n.size(); ++g) s.max_values[g] = std::max(s.max_values[g], n[g]);
}

void IndexWriter::record_value(Shard& s, const std::string& id_hex, const std::string& record,
                               bool new_form) {
    // once per value and written form in a run: the record keeps every form the value was
    // written in and shows the preferred one (facet_names.h), whatever the order of articles
    if (!new_form && !s.known_values.insert(id_hex + '\n' + record).second) return;
    const std::string key = std::string(kFacetValueMeta) + id_hex;
    // a value this run has not written, in a shard that had no value records, has none
    const bool written = !s.written_value_ids.insert(id_hex).second;
    const std::string have = facet_meta(s, key, written || s.had_facet_meta);
    std::string merged = have.empty() ? record : merge_value_records({have, record});
    if (!merged.empty() && have != merged) s.pending_meta[key] = std::move(merged);
}

void IndexWriter::record_alias(Shard& s, const std::string& facet, const std::string& alias_key,
                               const std::string& id_hex) {
    if (alias_key.empty()) return;
    std::string name = facet + ":" + alias_key;
    // whether this run recorded the alias for another value
    const auto other = s.known_aliases.lower_bound({name, std::string()});
    const bool written = other != s.known_aliases.end() && other->first == name;
    if (!s.known_aliases.emplace(std::move(name), id_hex).second) return;
    const std::string key = facet_alias_key(facet, alias_key);
    // an alias this run has not written, in a shard that had no alias records, has none
    std::string ids = facet_meta(s, key, written || s.had_facet_meta);
    for (std::size_t i = 0; i + 16 <= ids.size(); i += 17)
        if (ids.compare(i, 16, id_hex) == 0) return;
    if (!ids.empty()) ids += ' ';
    ids += id_hex;
    s.pending_meta[key] = std::move(ids);
}

std::string IndexWriter::facet_meta(Shard& s, const std::string& key, bool ask_db) {
    if (auto it = s.pending_meta.find(key); it != s.pending_meta.end()) return it->second;
    return ask_db ? s.db.get_metadata(key) : std::string();
}

void IndexWriter::flush_facet_meta(Shard& s) {
    for (const auto& [key, value] : s.pending_meta) s.db.set_metadata(key, value);
    s.pending_meta.clear();
}

void IndexWriter::record_facet_names(Shard& s, const Facets& facets) {
    using nlohmann::json;
    for (Facet f : kEntityFacets) {
        const std::string name(facet_name(f));
        for (const Entity& e : entities_of(facets, f)) {
            // Most values, and their aliases, were recorded by an earlier article: nothing
            // to build then.
            const FacetId id = facet_id(f, e.key);
            const std::string hex = to_hex(id);
            for (const std::string& alias : e.aliases)
                if (s.known_alias_names.insert(hex + '\n' + alias).second)
                    record_alias(s, name, entity_key(alias), hex);
            if (f == Facet::Location) {
                if (!s.known_entities.insert(id).second) continue;
                // every level of the path is a value of its own (for roll-up and filters)
                std::string path;
                for (std::size_t i = 0; i < e.path.size() && i < e.path_keys.size(); ++i) {
                    if (!path.empty()) path += '/';
                    path += e.path[i];
                    const std::string level = to_hex(facet_id(f, e.path_keys[i]));
                    json rec = {{"facet", name},
                                {"value", e.path[i]},
                                {"key", e.path_keys[i]},
                                {"path", path},
                                {"depth", i}};
                    if (i < e.path_kinds.size()) rec["kind"] = e.path_kinds[i];
                    record_value(s, level, rec.dump());
                    record_alias(s, name, entity_key(e.path[i]), level);
                }
            } else {
                // The record and alias below follow from these: once per shard and run,
                // known before the record is built.
                if (!s.known_values
                         .insert(hex + '\t' + name + '\n' + e.value + '\n' + e.key + '\n' + e.kind)
                         .second)
                    continue;
                json rec = {{"facet", name}, {"value", e.value}, {"key", e.key}};
                if (!e.kind.empty()) rec["kind"] = e.kind;
                record_value(s, hex, rec.dump(), true);
                record_alias(s, name, entity_key(e.value), hex);
            }
        }
    }
}

}  // namespace ndx
