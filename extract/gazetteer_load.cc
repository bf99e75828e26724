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
#include "extract/gazetteer_loader.h"

namespace ndx {

// places.tsv: KEY NAME TYPE PARENT ALIASES
void GazetteerLoader::load_places(const std::string& path, bool required) {
    for_each_list_line(
        path, required, 4, "KEY NAME TYPE PARENT [ALIASES]",
        [&](std::vector<std::string>& f, const std::string& where) {
            std::vector<std::string> aliases;
            if (f.size() >= 5 && !f[4].empty() && f[4] != "-") aliases = split(f[4], '|');
            int place = -1;
            if (f[0] != "-") {
                auto it = by_code.find(f[0]);
                if (it == by_code.end())
                    throw InputError(where + "unknown ISO code '" + f[0] + "'");
                place = it->second;
                if (f[1] != "-" && !f[1].empty()) {
                    // A new name replaces the iso-codes one as a match key ("Gaza
                    // Governorate"), unless the old name is listed again as an alias.
                    Place& pl = g.places_[static_cast<std::size_t>(place)];
                    g.remove_name(pl.name, place);
                    pl.name = f[1];
                    g.add_name(f[1], place, -1);
                }
            } else {
                int parent = -1;
                if (f[3] != "-" && !f[3].empty()) {
                    auto it = by_code.find(f[3]);
                    if (it == by_code.end())
                        throw InputError(where + "unknown parent code '" + f[3] + "'");
                    parent = it->second;
                }
                // Same name already in that country: add the aliases to it.
                if (parent >= 0) {
                    int country = g.country_of(parent);
                    if (const NameEntry* e = g.find(entity_key(f[1])))
                        for (int p : e->places)
                            if (g.country_of(p) == country && p != country &&
                                g.places_[static_cast<std::size_t>(p)].type == f[2])
                                place = p;
                }
                if (place < 0) {
                    Place p;
                    p.name = f[1];
                    p.type = f[2];
                    p.parent = parent;
                    place = g.add_place(p);
                }
                g.add_name(f[1], place, -1);
            }
            for (const auto& a : aliases)
                if (!trim(a).empty()) g.add_name(trim(a), place, -1);
        });
}

// groups.tsv: NAME KIND COUNTRY ALIASES
void GazetteerLoader::load_groups(const std::string& path, bool required) {
    for_each_list_line(
        path, required, 2, "NAME KIND [COUNTRY] [ALIASES]",
        [&](std::vector<std::string>& f, const std::string&) {
            Organisation o;
            o.name = f[0];
            o.kind = f[1];
            if (f.size() >= 3 && f[2] != "-") o.country = f[2];
            if (f.size() >= 4 && !f[3].empty() && f[3] != "-")
                for (auto& a : split(f[3], '|'))
                    if (!trim(a).empty()) o.aliases.push_back(trim(a));
            // A user list may correct an entry: same name replaces it.
            int idx = -1;
            if (const NameEntry* e = g.find(entity_key(o.name)))
                for (int k : e->orgs)
                    if (entity_key(g.orgs_[static_cast<std::size_t>(k)].name) == entity_key(o.name))
                        idx = k;
            if (idx < 0) {
                idx = static_cast<int>(g.orgs_.size());
                g.orgs_.push_back(o);
            } else {
                auto& have = g.orgs_[static_cast<std::size_t>(idx)];
                have.kind = o.kind;
                if (!o.country.empty()) have.country = o.country;
                have.aliases.insert(have.aliases.end(), o.aliases.begin(), o.aliases.end());
            }
            g.add_name(o.name, -1, idx);
            for (const auto& a : o.aliases) g.add_name(a, -1, idx);
        });
}

void GazetteerLoader::load_province_abbreviations(const std::string& path, bool required) {
    for_each_list_line(path, required, 2, "CODE<TAB>ABBREVIATIONS",
                       [&](const std::vector<std::string>& f, const std::string& where) {
                           auto it = by_code.find(trim(f[0]));
                           if (it == by_code.end())
                               throw InputError(where + "unknown ISO 3166-2 code '" + f[0] + "'");
                           for (const std::string& a : split(f[1], '|')) {
                               const std::string key = entity_key(trim(a));
                               if (!key.empty()) g.province_abbreviations_[key] = it->second;
                           }
                       });
}

void GazetteerLoader::load_common_words() {
    for (const char* p : {"/usr/share/dict/words", "/usr/share/dict/american-english",
                          "/usr/share/dict/british-english"}) {
        std::ifstream in(p);
        if (!in) continue;
        std::vector<std::string> proper;
        for (std::string w; std::getline(in, w);) {
            if (w.empty() || w.find('\'') != std::string::npos) continue;
            if (std::islower(static_cast<unsigned char>(w[0]))) {
                g.common_words_[w];  // false unless a capitalised form says otherwise
            } else if (std::isupper(static_cast<unsigned char>(w[0]))) {
                w[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(w[0])));
                proper.push_back(w);
            }
        }
        for (const auto& w : proper) {
            if (bool* also_proper = g.common_words_.find(w)) *also_proper = true;
        }
        return;
    }
    // Without the word list, capitalised common words would pass for names.
    throw InputError("/usr/share/dict/words: cannot open (install wamerican)");
}

namespace {

std::vector<std::string> user_lists(const char* name) {
    std::vector<std::string> out;
    std::string dir;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
        dir = std::string(x) + "/ndx";
    else if (const char* h = std::getenv("HOME"); h && *h)
        dir = std::string(h) + "/.config/ndx";
    if (!dir.empty() && std::filesystem::exists(dir + "/" + name)) out.push_back(dir + "/" + name);
    return out;
}

}  // namespace

// The data the project ships (lists, the admin1 map, word lists, the tagger model): --data-dir,
// else $NDX_DATA_DIR, else the checkout's data/ for a program run from its build tree, else the
// installed data beside the program (NDX_INSTALL_DATA_DIR, relative to the program's directory, so
// that `cmake --install --prefix P` and the package find theirs).  An installed program
// never reads a checkout's data, and a build-tree program never the installed data.
std::string find_data_dir(const std::string& configured) {
    namespace fs = std::filesystem;
    if (!configured.empty()) return configured;
    if (const char* env = std::getenv("NDX_DATA_DIR"); env && *env) return env;
    std::error_code ec;
    const fs::path exe = fs::canonical("/proc/self/exe", ec);
    if (ec) return NDX_PREFIX_DATA_DIR;  // no /proc: where `cmake --install` puts it
    const fs::path build = fs::weakly_canonical(NDX_BUILD_TREE, ec);
    if (!ec) {
        const auto rel = exe.lexically_relative(build);
        if (!rel.empty() && *rel.begin() != "..") return NDX_SOURCE_DATA_DIR;
    }
    const fs::path installed = NDX_INSTALL_DATA_DIR;
    if (installed.is_absolute()) return installed.string();
    return (exe.parent_path() / installed).lexically_normal().string();
}

Gazetteer Gazetteer::load(const GazetteerSources& src) {
    Gazetteer g;
    GazetteerLoader l{g, {}, {}, {}};
    l.load_common_words();
    l.load_iso(src.iso_codes_dir);
    const std::string data = find_data_dir(src.data_dir);
    l.load_admin1_map(data + "/geonames-admin1.tsv", true);
    l.load_places(data + "/places.tsv", true);
    l.load_province_abbreviations(data + "/province-abbreviations.tsv", true);
    if (src.libgeonames) l.load_libgeonames();
    for (const auto& d : src.geonames_dumps) l.load_geonames_dump(d, src.geonames_admin1);
    l.load_groups(data + "/groups.tsv", true);
    for (const auto& p : user_lists("places.tsv")) l.load_places(p, true);
    for (const auto& p : src.place_lists) l.load_places(p, true);
    for (const auto& p : user_lists("groups.tsv")) l.load_groups(p, true);
    for (const auto& p : src.group_lists) l.load_groups(p, true);
    g.build_index();
    return g;
}

}  // namespace ndx
