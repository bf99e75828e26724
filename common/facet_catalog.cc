// Resolving facet names and ids against the index metadata: see facet_catalog.h.
#include "common/facet_catalog.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/error.h"
#include "common/facet_names.h"
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
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                               prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// The last component of a location key ("pakistan/balochistan/zhob" -> "zhob").
std::string leaf(const std::string& key) {
    auto slash = key.rfind('/');
    return slash == std::string::npos ? key : key.substr(slash + 1);
}

}  // namespace

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
    std::optional<FacetValueInfo> out;
    // a value's record from every shard, merged: the same display name on one database
    // and on shards (facet_names.h)
    std::vector<std::string> recs;
    for (const auto& part : parts_)
        if (std::string r = part.get_metadata(kFacetValueMeta + to_hex(id)); !r.empty()) recs.push_back(std::move(r));
    std::string rec = recs.size() == 1 ? recs[0] : merge_value_records(recs);
    if (!rec.empty()) {
        auto j = nlohmann::json::parse(rec, nullptr, false);
        if (j.is_object()) {
            FacetValueInfo v;
            std::string f = j.value("facet", "");
            v.facet = f == "location" ? Facet::Location : f == "group" ? Facet::Group
                                                                         : Facet::Speaker;
            v.id = id;
            v.value = j.value("value", "");
            v.key = j.value("key", "");
            v.path = j.value("path", "");
            v.kind = j.value("kind", "");
            v.depth = j.value("depth", 0);
            out = v;
        }
    }
    cache_.emplace(id, out);
    return out;
}

std::vector<std::string> FacetCatalog::all_keys(Facet facet) const {
    std::vector<std::string> keys;
    const std::string prefix(facet_prefix(facet));
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t)
        keys.push_back((*t).substr(prefix.size()));
    return keys;
}

std::vector<FacetValueInfo> FacetCatalog::by_alias(Facet facet, const std::string& key) const {
    std::set<FacetId> ids;
    const std::string meta = kFacetAliasMeta + std::string(facet_name(facet)) + ":" + key;
    for (const auto& part : parts_) {
        std::string listed = part.get_metadata(meta);
        for (std::size_t i = 0; i + 16 <= listed.size(); i += 17)
            ids.insert(std::stoull(listed.substr(i, 16), nullptr, 16));
    }
    std::vector<FacetValueInfo> out;
    for (FacetId id : ids)
        if (auto v = info(id)) out.push_back(*v);
    return out;
}

Resolution FacetCatalog::resolve(Facet facet, const std::string& name) const {
    Resolution r;
    const std::string fname(facet_name(facet));
    if (auto bad = invalid_utf8_offset(name))
        throw QueryError("the " + fname + " name is not valid UTF-8 (byte " +
                         std::to_string(*bad) + ")");
    const std::string want = entity_key(name);
    if (want.empty()) throw QueryError("empty " + fname + " name");
    std::set<FacetId> ids;
    for (const auto& v : by_alias(facet, want)) ids.insert(v.id);
    if (ids.empty()) {
        // Every word of the name among the value's words: "miller" -> "matthew miller".
        std::vector<std::string> want_words = words_of(want);
        for (const std::string& key : all_keys(facet)) {
            std::vector<std::string> have = words_of(facet == Facet::Location ? leaf(key) : key);
            bool all = std::all_of(want_words.begin(), want_words.end(), [&](const auto& w) {
                return std::find(have.begin(), have.end(), w) != have.end();
            });
            if (all) ids.insert(facet_id(facet, key));
        }
        r.partial = !ids.empty();
    }
    for (FacetId id : ids)
        if (auto v = info(id)) r.values.push_back(*v);
    if (!r.values.empty()) {
        std::sort(r.values.begin(), r.values.end(),
                  [](const auto& a, const auto& b) { return a.key < b.key; });
        return r;
    }
    // Nothing: suggest the closest known values.
    std::vector<std::pair<std::size_t, std::string>> near;
    for (const std::string& key : all_keys(facet)) {
        if (auto v = info(facet_id(facet, key))) {
            std::string k = entity_key(v->value);
            std::size_t d = edit_distance(want, k);
            if (k.find(want) != std::string::npos || want.find(k) != std::string::npos)
                d = std::min<std::size_t>(d, 1);
            near.emplace_back(d, v->value);
        }
    }
    std::sort(near.begin(), near.end());
    near.erase(std::unique(near.begin(), near.end()), near.end());
    std::string msg = "no " + fname + " '" + name + "' in the index";
    std::size_t shown = 0;
    for (const auto& [d, v] : near) {
        if (shown == 3 || d > std::max<std::size_t>(3, want.size() / 2)) break;
        msg += shown ? ", '" + v + "'" : "; did you mean '" + v + "'";
        ++shown;
    }
    if (shown) msg += "?";
    throw QueryError(msg);
}

}  // namespace ndx
