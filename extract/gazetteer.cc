// Loading the gazetteers: iso-codes, libgeonames, GeoNames dumps, project and user lists.
#include "extract/gazetteer.h"

#include <geonames/geonames.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

#include "common/error.h"
#include "common/facet_ids.h"
#include "common/normalize.h"

namespace ndx {

std::string news_name(const std::string& name) {
    // A letter beyond Latin-1 (ā, ṭ, ş, ł, ǝ) is one an English reader does not type:
    // the name is written without its accents ("Hyderābād" -> "Hyderabad").  Names in
    // Latin-1 (Zürich, São Paulo) keep theirs.
    if (invalid_utf8_offset(name)) return name;
    // lead bytes from 0xC4 on begin the characters from U+0100 on
    const bool beyond = std::any_of(name.begin(), name.end(),
                                    [](char c) { return static_cast<unsigned char>(c) >= 0xC4; });
    if (!beyond) return name;
    std::string out = fold_text(name);
    // letters Unicode does not decompose into a base letter and an accent
    static const std::pair<std::string_view, std::string_view> kPlain[] = {
        {"Ł", "L"}, {"ł", "l"}, {"Đ", "D"},  {"đ", "d"},  {"Ħ", "H"}, {"ħ", "h"}, {"ı", "i"},
        {"Ŧ", "T"}, {"ŧ", "t"}, {"Œ", "OE"}, {"œ", "oe"}, {"ǝ", "e"}, {"Ə", "E"}, {"ə", "e"},
        {"Ø", "O"}, {"ø", "o"}, {"ʻ", "'"},  {"ʼ", "'"},  {"ʿ", "'"}, {"ʾ", "'"}};
    for (const auto& [from, to] : kPlain)
        for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at))
            out.replace(at, from.size(), to);
    return out;
}

void Gazetteer::build_index() {
    index_.clear();
    for (const auto& [key, entry] : names_) index_[key].entry = &entry;
    for (const std::string& prefix : prefixes_) index_[prefix].extends = true;
    indexed_ = true;
}

Gazetteer::Lookup Gazetteer::lookup_unindexed(std::string_view key) const {
    const std::string k(key);
    auto it = names_.find(k);
    return {it == names_.end() ? nullptr : &it->second, prefixes_.count(k) > 0};
}

int Gazetteer::add_place(Place p) {
    places_.push_back(std::move(p));
    return static_cast<int>(places_.size()) - 1;
}

void Gazetteer::add_name(const std::string& surface, int place, int org) {
    const std::string key = entity_key(surface);
    if (key.empty()) return;
    std::size_t letters = 0, upper = 0;
    for (unsigned char c : surface) {
        if (std::isalpha(c)) ++letters;
        if (std::isupper(c)) ++upper;
    }
    const bool acronym = letters >= 1 && letters <= 6 && upper == letters;
    if (key.size() <= 2 && !acronym) return;  // "Ūn", "Of": too short to find safely
    indexed_ = false;
    auto [it, fresh] = names_.try_emplace(key);
    NameEntry& e = it->second;
    if (fresh)
        e.case_sensitive = acronym;
    else if (!acronym)
        e.case_sensitive = false;
    if (place >= 0 && std::find(e.places.begin(), e.places.end(), place) == e.places.end())
        e.places.push_back(place);
    if (org >= 0 && std::find(e.orgs.begin(), e.orgs.end(), org) == e.orgs.end())
        e.orgs.push_back(org);
    max_words_ = std::max<std::size_t>(
        max_words_, 1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')));
    for (std::size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1))
        prefixes_.insert(key.substr(0, sp));
    // A town named "Saint Paul", "Fort Worth", "Mount Vernon" is also written with the
    // abbreviation news uses ("St. Paul", "ST. PAUL", "Ft. Worth", "Mt. Vernon").
    if (place >= 0 && places_[static_cast<std::size_t>(place)].type == "city") {
        for (const auto& [word, abbreviation] : {std::pair{"saint ", "St "},
                                                 {"sainte ", "Ste "},
                                                 {"fort ", "Ft "},
                                                 {"mount ", "Mt "}}) {
            const std::string_view w(word);
            if (key.size() > w.size() && key.compare(0, w.size(), w) == 0) {
                add_name(abbreviation + key.substr(w.size()), place, -1);
                break;
            }
        }
    }
}

void Gazetteer::remove_name(const std::string& surface, int place) {
    auto it = names_.find(entity_key(surface));
    if (it == names_.end()) return;
    indexed_ = false;
    auto& ps = it->second.places;
    ps.erase(std::remove(ps.begin(), ps.end(), place), ps.end());
    if (ps.empty() && it->second.orgs.empty()) names_.erase(it);
}

int Gazetteer::country_of(int i) const {
    while (i >= 0 && places_[static_cast<std::size_t>(i)].parent >= 0)
        i = places_[static_cast<std::size_t>(i)].parent;
    return i;
}

std::vector<std::string> Gazetteer::path_names(int i) const {
    std::vector<std::string> out;
    for (; i >= 0; i = places_[static_cast<std::size_t>(i)].parent)
        out.push_back(places_[static_cast<std::size_t>(i)].name);
    std::reverse(out.begin(), out.end());
    return out;
}

std::vector<std::string> Gazetteer::path_kinds(int i) const {
    std::vector<std::string> out;
    for (; i >= 0; i = places_[static_cast<std::size_t>(i)].parent)
        out.push_back(places_[static_cast<std::size_t>(i)].type);
    std::reverse(out.begin(), out.end());
    return out;
}

std::vector<std::string> Gazetteer::path_keys(int i) const {
    std::vector<std::string> names = path_names(i);
    std::vector<std::string> out;
    std::string k;
    for (const auto& n : names) {
        if (!k.empty()) k += '/';
        k += entity_key(n);
        out.push_back(k);
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> gazetteer_metadata(const Gazetteer& g) {
    // Keys become metadata keys and terms (at most 245 bytes); see kMaxKeyBytes in extract.cc.
    constexpr std::size_t kMaxKey = 160;
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(g.places().size() + g.orgs().size() + g.names().size());
    const std::string loc(facet_name(Facet::Location)), grp(facet_name(Facet::Group));
    std::vector<std::string> place_ids(g.places().size()), org_ids(g.orgs().size());
    // Path names and keys of every place, each built on its parent's (parents may come
    // after their children in the list).
    std::vector<std::string> paths(g.places().size()), keys(g.places().size());
    std::vector<int> depths(g.places().size(), -1);
    auto fill = [&](auto& self, std::size_t i) -> void {
        if (depths[i] >= 0) return;
        const Place& pl = g.places()[i];
        depths[i] = 0;  // a cycle (a user list) stops here
        const std::string key = entity_key(pl.name);
        if (pl.parent >= 0) {
            const auto up = static_cast<std::size_t>(pl.parent);
            self(self, up);
            paths[i] = paths[up] + "/" + pl.name;
            keys[i] = keys[up] + "/" + key;
            depths[i] = depths[up] + 1;
        } else {
            paths[i] = pl.name;
            keys[i] = key;
        }
    };
    for (std::size_t i = 0; i < g.places().size(); ++i) {
        fill(fill, i);
        if (keys[i].size() > kMaxKey || keys[i].empty() || keys[i].back() == '/') continue;
        nlohmann::json rec = {
            {"facet", loc},     {"value", g.places()[i].name}, {"key", keys[i]},
            {"path", paths[i]}, {"kind", g.places()[i].type},  {"depth", depths[i]}};
        place_ids[i] = to_hex(facet_id(Facet::Location, keys[i]));
        out.emplace_back(kGazetteerValueMeta + place_ids[i], rec.dump());
    }
    for (std::size_t i = 0; i < g.orgs().size(); ++i) {
        const Organisation& o = g.orgs()[i];
        const std::string key = entity_key(o.name);
        if (key.empty() || key.size() > kMaxKey) continue;
        nlohmann::json rec = {{"facet", grp}, {"value", o.name}, {"key", key}};
        if (!o.kind.empty()) rec["kind"] = o.kind;
        org_ids[i] = to_hex(facet_id(Facet::Group, key));
        out.emplace_back(kGazetteerValueMeta + org_ids[i], rec.dump());
    }
    for (const auto& [name, e] : g.names()) {
        if (name.size() > kMaxKey) continue;
        auto joined = [](const std::vector<int>& list, const std::vector<std::string>& ids) {
            std::vector<std::string_view> have;
            for (int k : list)
                if (!ids[static_cast<std::size_t>(k)].empty())
                    have.push_back(ids[static_cast<std::size_t>(k)]);
            std::sort(have.begin(), have.end());
            have.erase(std::unique(have.begin(), have.end()), have.end());
            std::string s;
            for (std::string_view id : have) (s += s.empty() ? "" : " ") += id;
            return s;
        };
        if (std::string ids = joined(e.places, place_ids); !ids.empty())
            out.emplace_back(kGazetteerAliasMeta + loc + ":" + name, std::move(ids));
        if (std::string ids = joined(e.orgs, org_ids); !ids.empty())
            out.emplace_back(kGazetteerAliasMeta + grp + ":" + name, std::move(ids));
    }
    // one entry a key (two places of one path: the last)
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    auto last = std::unique(out.rbegin(), out.rend(),
                            [](const auto& a, const auto& b) { return a.first == b.first; });
    out.erase(out.begin(), last.base());
    return out;
}

}  // namespace ndx
