// Resolving facet names and ids against the index metadata: see facet_catalog.h.
#include "common/facet_catalog.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "common/error.h"
#include "common/facet_names.h"
#include "common/facet_table.h"
#include "common/flat_json.h"
#include "common/metadata.h"
#include "common/normalize.h"

namespace ndx {
namespace {

std::vector<std::string> words_of(const std::string& key) {
    std::vector<std::string> out;
    std::istringstream in(key);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min(
                {prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// The text fields of a value's record, by key: what both readers below walk ("facet" and
// "depth" are read apart).
constexpr std::pair<const char*, std::string FacetValueInfo::*> kValueTexts[] = {
    {"value", &FacetValueInfo::value},
    {"key", &FacetValueInfo::key},
    {"path", &FacetValueInfo::path},
    {"kind", &FacetValueInfo::kind},
};

Facet facet_named(const std::string& f) {
    return f == "location" ? Facet::Location : f == "group" ? Facet::Group : Facet::Speaker;
}

// A value's record read by FlatObject (flat_json.h), as the nlohmann::json reading below
// reads it; nullopt when it cannot say (a field of another type, which nlohmann's value()
// refuses, or a record it does not read).
std::optional<FacetValueInfo> flat_value_info(std::string_view rec) {
    FlatObject o;
    if (!o.parse(rec)) return std::nullopt;
    auto text = [&](const char* k) {
        const FlatObject::Value* x = o.find(k);
        return !x || x->kind == FlatObject::Kind::String;
    };
    if (!text("facet")) return std::nullopt;
    for (const auto& [k, field] : kValueTexts)
        if (!text(k)) return std::nullopt;
    const FlatObject::Value* depth = o.find("depth");
    if (depth && (depth->kind != FlatObject::Kind::Count ||
                  depth->count > static_cast<std::uint64_t>(std::numeric_limits<int>::max())))
        return std::nullopt;
    FacetValueInfo v;
    v.facet = facet_named(o.string_at("facet"));
    for (const auto& [k, field] : kValueTexts) v.*field = o.string_at(k);
    v.depth = depth ? static_cast<int>(depth->count) : 0;
    return v;
}

}  // namespace

std::optional<FacetValueInfo> read_value_record(std::string_view rec) {
    std::optional<FacetValueInfo> read = flat_value_info(rec);
    if (read) return read;
    auto j = nlohmann::json::parse(rec, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    FacetValueInfo v;
    v.facet = facet_named(j.value("facet", ""));
    for (const auto& [k, field] : kValueTexts) v.*field = j.value(k, "");
    v.depth = j.value("depth", 0);
    return v;
}

namespace {

// The last component of a location key ("pakistan/balochistan/zhob" -> "zhob").
std::string leaf(const std::string& key) {
    auto slash = key.rfind('/');
    return slash == std::string::npos ? key : key.substr(slash + 1);
}

}  // namespace

FacetCatalog::FacetCatalog(const Xapian::Database& db, std::vector<Xapian::Database> parts,
                           std::shared_ptr<const FacetTable> table)
    : db_(db),
      parts_(parts.empty() ? std::vector<Xapian::Database>{db} : std::move(parts)),
      table_(parts_.size() == 1 ? std::move(table) : nullptr) {}

std::string FacetCatalog::metadata(const std::string& key) const {
    for (const auto& part : parts_) {
        std::string v = part.get_metadata(key);
        if (!v.empty()) return v;
    }
    return {};
}

std::optional<FacetValueInfo> FacetCatalog::info(FacetId id) const {
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
    std::optional<FacetValueInfo> read;
    FacetTable::Record known = FacetTable::Record::Unknown;
    if (table_) {
        FacetValueInfo v;
        known = table_->value_record(id, v);
        if (known == FacetTable::Record::Found) read = std::move(v);
    }
    if (known == FacetTable::Record::Unknown) {
        // a value's record from every shard, merged: the same display name on one database
        // and on shards (facet_names.h)
        std::vector<std::string> recs;
        for (const auto& part : parts_)
            if (std::string r = part.get_metadata(facet_value_key(id)); !r.empty())
                recs.push_back(std::move(r));
        std::string rec = recs.size() == 1 ? recs[0] : merge_value_records(recs);
        if (rec.empty()) rec = metadata(kGazetteerValueMeta + to_hex(id));
        if (!rec.empty()) read = read_value_record(rec);
    }
    if (read) {
        FacetValueInfo& v = *read;
        v.id = id;
        if (v.facet == Facet::Speaker) {
            // the values of one person go by one name, counted under the group's root
            const SpeakerMerge& merge = speaker_merge();
            const FacetId root = merge.root(id), shown = merge.shown(root);
            if (root != id) v.shown_as = root;
            if (shown != id)
                if (auto named = info(shown)) v.value = named->value;
        }
    }
    cache_.emplace(id, read);
    return read;
}

std::vector<std::string> FacetCatalog::all_keys(Facet facet) const {
    std::vector<std::string> keys;
    const std::string prefix(facet_prefix(facet));
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t)
        keys.push_back((*t).substr(prefix.size()));
    return keys;
}

const SpeakerMerge& FacetCatalog::speaker_merge() const {
    if (!merge_) {
        // recorded by ndx-index in one database as it is; worked out over a shard set
        std::optional<SpeakerMerge> stored;
        if (table_ && !table_->speaker_merge_record().empty())
            stored = SpeakerMerge::decode(table_->speaker_merge_record(), table_->revision());
        if (!stored && parts_.size() == 1) stored = stored_speaker_merge(parts_[0]);
        merge_ = stored ? std::move(*stored) : speaker_merge_of(db_);
    }
    return *merge_;
}

std::vector<FacetValueInfo> FacetCatalog::listed(const std::vector<std::string>& meta_keys) const {
    std::set<FacetId> ids;
    for (const auto& part : parts_) {
        for (const std::string& meta : meta_keys) {
            std::string listed = part.get_metadata(meta);
            for (std::size_t i = 0; i + 16 <= listed.size(); i += 17)
                ids.insert(std::stoull(listed.substr(i, 16), nullptr, 16));
        }
    }
    std::vector<FacetValueInfo> out;
    for (FacetId id : ids)
        if (auto v = info(id)) out.push_back(*v);
    return out;
}

std::vector<FacetValueInfo> FacetCatalog::by_alias(Facet facet, const std::string& key) const {
    return listed({facet_alias_key(facet_name(facet), key)});
}

std::vector<FacetValueInfo> FacetCatalog::by_name(Facet facet, const std::string& key) const {
    const std::string f(facet_name(facet));
    return listed({facet_alias_key(f, key), kGazetteerAliasMeta + f + ":" + key});
}

bool FacetCatalog::named(const FacetValueInfo& v) const {
    return db_.term_exists(std::string(facet_prefix(v.facet)) + v.key);
}

// "Pakistan/Punjab": the places named by the last part that lie under a place named by
// each part before it, in that order (levels between may be left out).
std::vector<FacetValueInfo> FacetCatalog::by_path(Facet facet, const std::string& name) const {
    std::vector<std::string> parts;
    std::string cur;
    for (char c : name + "/") {
        if (c != '/') {
            cur += c;
            continue;
        }
        const std::string k = entity_key(cur);
        if (k.empty()) return {};
        parts.push_back(k);
        cur.clear();
    }
    if (parts.size() < 2) return {};
    std::vector<std::set<std::string>> above;  // keys of the places each upper part names
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        std::set<std::string> keys;
        for (const auto& v : by_name(facet, parts[i])) keys.insert(v.key);
        above.push_back(std::move(keys));
    }
    std::vector<FacetValueInfo> out;
    for (const auto& v : by_name(facet, parts.back())) {
        // the keys of the places above v, top down: "a", "a/b" for "a/b/c"
        std::size_t level = 0;
        for (std::size_t slash = v.key.find('/');
             slash != std::string::npos && level < above.size(); slash = v.key.find('/', slash + 1))
            if (above[level].count(v.key.substr(0, slash))) ++level;
        if (level == above.size()) out.push_back(v);
    }
    return out;
}

Resolution FacetCatalog::resolve(Facet facet, const std::string& name) const {
    Resolution r;
    const std::string fname(facet_name(facet));
    if (auto bad = invalid_utf8_offset(name))
        throw QueryError("the " + fname + " name is not valid UTF-8 (byte " + std::to_string(*bad) +
                         ")");
    const std::string want = entity_key(name);
    if (want.empty()) throw QueryError("empty " + fname + " name");
    std::map<FacetId, FacetValueInfo> found;
    for (const auto& v : by_name(facet, want)) found.emplace(v.id, v);
    if (found.empty() && facet == Facet::Location && name.find('/') != std::string::npos)
        for (const auto& v : by_path(facet, name)) found.emplace(v.id, v);
    if (found.empty()) {
        // Every word of the name among the value's words: "miller" -> "matthew miller".
        std::vector<std::string> want_words = words_of(want);
        for (const std::string& key : all_keys(facet)) {
            std::vector<std::string> have = words_of(facet == Facet::Location ? leaf(key) : key);
            bool all = std::all_of(want_words.begin(), want_words.end(), [&](const auto& w) {
                return std::find(have.begin(), have.end(), w) != have.end();
            });
            if (all)
                if (auto v = info(facet_id(facet, key))) found.emplace(v->id, *v);
        }
        r.partial = !found.empty();
    }
    if (facet == Facet::Speaker && !speaker_merge().empty()) {
        // one person, every value shown as theirs ("ishaq dar" and "muhammad ishaq dar")
        std::vector<FacetId> more;
        for (const auto& [id, v] : found)
            for (FacetId g : speaker_merge().group(id))
                if (!found.count(g)) more.push_back(g);
        for (FacetId g : more)
            if (auto v = info(g)) found.emplace(g, *v);
    }
    for (auto& [id, v] : found) r.values.push_back(std::move(v));
    if (r.values.size() > 1) {
        // the places of a name no article names are noise beside those it does
        std::vector<FacetValueInfo> named_values;
        for (const auto& v : r.values)
            if (named(v)) named_values.push_back(v);
        if (!named_values.empty()) r.values = std::move(named_values);
        // a place within another the name selects adds nothing to it (the city and the
        // municipality of Doha)
        std::vector<FacetValueInfo> outer;
        for (const auto& v : r.values)
            if (std::none_of(r.values.begin(), r.values.end(), [&](const FacetValueInfo& w) {
                    return v.key.size() > w.key.size() &&
                           v.key.compare(0, w.key.size(), w.key) == 0 && v.key[w.key.size()] == '/';
                }))
                outer.push_back(v);
        r.values = std::move(outer);
    }
    if (!r.values.empty()) {
        std::sort(r.values.begin(), r.values.end(),
                  [](const auto& a, const auto& b) { return a.key < b.key; });
        return r;
    }
    throw QueryError("no " + fname + " '" + name + "' in the index" + suggestions(facet, want));
}

// "; did you mean 'X', 'Y'?" for the values and names closest to `want` (edit distance
// over the whole name, or a name whose words hold all of want's), or "".
std::string FacetCatalog::suggestions(Facet facet, const std::string& want) const {
    // A distance that keeps typos and drops other names: 1 for "usa", 2 for "islamabd",
    // 3 from 9 letters on.
    const std::size_t limit = want.size() <= 4 ? 1 : want.size() <= 8 ? 2 : 3;
    const std::vector<std::string> want_words = words_of(want);
    auto distance = [&](const std::string& k) {
        std::size_t d = edit_distance(want, k);
        if (d > 1 && want.size() >= 4) {
            std::vector<std::string> have = words_of(k);
            if (std::all_of(want_words.begin(), want_words.end(), [&](const std::string& w) {
                    return std::find(have.begin(), have.end(), w) != have.end();
                }))
                d = 1;
        }
        return d;
    };
    struct Near {
        std::size_t d;
        bool named;
        std::string shown;
        bool operator<(const Near& o) const {
            return d != o.d ? d < o.d : named != o.named ? named : shown < o.shown;
        }
    };
    std::vector<Near> near;
    // "'Balochistan' (Pakistan/Balochistan)"
    auto shown = [&](const FacetValueInfo& v) {
        const std::string name = "'" + v.value + "'";
        return v.path.empty() || v.path == v.value ? name : name + " (" + v.path + ")";
    };
    // values of the index, by their name
    for (const std::string& key : all_keys(facet)) {
        auto v = info(facet_id(facet, key));
        if (!v) continue;
        const std::size_t d = distance(entity_key(v->value));
        if (d <= limit) near.push_back({d, true, shown(*v)});
    }
    // every name and alias of the index and of the gazetteer: the values they name
    const std::string f(facet_name(facet));
    for (const char* prefix : {kFacetAliasMeta, kGazetteerAliasMeta}) {
        const std::string p = prefix + f + ":";
        for (const auto& part : parts_) {
            try {
                for (auto k = part.metadata_keys_begin(p); k != part.metadata_keys_end(p); ++k) {
                    const std::size_t d = distance((*k).substr(p.size()));
                    if (d > limit) continue;
                    for (const auto& v : listed({*k})) near.push_back({d, named(v), shown(v)});
                }
            } catch (const Xapian::UnimplementedError&) {
                // a backend that cannot list its metadata: the values' names only
            }
        }
    }
    std::sort(near.begin(), near.end());
    std::vector<std::string> picked;
    for (const Near& n : near) {
        if (picked.size() == 3) break;
        if (std::find(picked.begin(), picked.end(), n.shown) == picked.end())
            picked.push_back(n.shown);
    }
    if (picked.empty()) return {};
    std::string msg;
    for (const std::string& p : picked) msg += (msg.empty() ? "; did you mean " : ", ") + p;
    return msg + "?";
}

}  // namespace ndx
