// Loading the gazetteers: iso-codes, libgeonames, GeoNames dumps, project and user lists.
#include "extract/gazetteer.h"

#include <geonames/geonames.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/error.h"
#include "common/normalize.h"

namespace ndx {

struct GazetteerLoader {
    Gazetteer& g;
    std::unordered_map<std::string, int> by_code;  // ISO code -> place

    static std::vector<std::string> split(const std::string& s, char sep) {
        std::vector<std::string> out;
        std::string cur;
        std::istringstream in(s);
        while (std::getline(in, cur, sep)) out.push_back(cur);
        if (!s.empty() && s.back() == sep) out.emplace_back();
        return out;
    }

    static std::string trim(std::string s) {
        auto sp = [](unsigned char c) { return std::isspace(c); };
        while (!s.empty() && sp(static_cast<unsigned char>(s.back()))) s.pop_back();
        std::size_t i = 0;
        while (i < s.size() && sp(static_cast<unsigned char>(s[i]))) ++i;
        return s.substr(i);
    }

    // The place of `country` (alpha-2 code) whose name or alias has this key.
    int find_in_country(const std::string& key, int country, bool subdivisions_only) {
        const NameEntry* e = g.find(key);
        if (!e) return -1;
        for (int p : e->places) {
            if (g.country_of(p) != country || p == country) continue;
            if (subdivisions_only && g.places_[static_cast<std::size_t>(p)].type == "city") continue;
            return p;
        }
        return -1;
    }

    void load_iso(const std::string& dir) {
        auto read_json = [&](const std::string& name) {
            std::ifstream in(dir + "/" + name);
            if (!in) throw InputError(dir + "/" + name + ": cannot open (install iso-codes)");
            return nlohmann::json::parse(in);
        };
        nlohmann::json countries = read_json("iso_3166-1.json");
        for (const auto& c : countries["3166-1"]) {
            Place p;
            p.name = c.value("common_name", c.value("name", ""));
            p.type = "country";
            p.code = c.value("alpha_2", "");
            int i = g.add_place(p);
            by_code[p.code] = i;
            for (const char* k : {"name", "common_name", "official_name"})
                if (c.contains(k)) g.add_name(c[k].get<std::string>(), i, -1);
        }
        nlohmann::json subs = read_json("iso_3166-2.json");
        // Parents first: top-level subdivisions, then those whose parent is a subdivision.
        for (int pass = 0; pass < 2; ++pass) {
            for (const auto& s : subs["3166-2"]) {
                bool child = s.contains("parent");
                if (child != (pass == 1)) continue;
                std::string code = s.value("code", "");
                std::string cc = code.substr(0, code.find('-'));
                int parent = by_code.count(cc) ? by_code[cc] : -1;
                if (child) {
                    std::string pc = cc + "-" + s["parent"].get<std::string>();
                    if (by_code.count(pc)) parent = by_code[pc];
                }
                if (parent < 0) continue;
                Place p;
                p.name = s.value("name", "");
                p.type = child ? "district" : "province";
                p.parent = parent;
                p.code = code;
                int i = g.add_place(p);
                by_code[code] = i;
                g.add_name(p.name, i, -1);
            }
        }
    }

    int city_parent(int country, const std::string& state) {
        if (state.empty()) return country;
        int p = find_in_country(entity_key(state), country, true);
        return p >= 0 ? p : country;
    }

    void add_city(const std::string& name, int parent, std::uint32_t population) {
        const std::string key = entity_key(name);
        if (key.empty()) return;
        // Already known in the same country (another source): keep the larger figure.
        if (const NameEntry* e = g.find(key)) {
            for (int p : e->places) {
                Place& have = g.places_[static_cast<std::size_t>(p)];
                if (have.type == "city" && g.country_of(p) == g.country_of(parent)) {
                    have.population = std::max(have.population, population);
                    return;
                }
            }
        }
        Place p;
        p.name = name;
        p.type = "city";
        p.parent = parent;
        p.population = population;
        g.add_name(name, g.add_place(p), -1);
    }

    void load_libgeonames() {
        int n = geonames_get_n_cities();
        for (int i = 0; i < n; ++i) {
            GeonamesCity* c = geonames_get_city(i);
            if (!c) continue;
            std::string cc = geonames_city_get_country_code(c);
            auto it = by_code.find(cc);
            if (it != by_code.end()) {
                int parent = city_parent(it->second, geonames_city_get_state(c));
                add_city(geonames_city_get_name(c), parent, geonames_city_get_population(c));
            }
            geonames_city_free(c);
        }
    }

    // GeoNames dump: geonameid name asciiname alternatenames lat lon class code cc cc2
    // admin1 admin2 admin3 admin4 population ...  Only populated places (class P).
    void load_geonames_dump(const std::string& path, const std::string& admin1_path) {
        std::unordered_map<std::string, std::string> admin1;
        std::string a1 = admin1_path;
        if (a1.empty()) {
            auto beside = std::filesystem::path(path).parent_path() / "admin1CodesASCII.txt";
            if (std::filesystem::exists(beside)) a1 = beside.string();
        }
        if (!a1.empty()) {
            std::ifstream in(a1);
            if (!in) throw InputError(a1 + ": cannot open");
            for (std::string line; std::getline(in, line);) {
                auto f = split(line, '\t');
                if (f.size() >= 2) admin1[f[0]] = f[1];
            }
        }
        std::ifstream in(path);
        if (!in) throw InputError(path + ": cannot open");
        std::size_t line_no = 0;
        for (std::string line; std::getline(in, line);) {
            ++line_no;
            auto f = split(line, '\t');
            if (f.size() < 15) throw InputError(path + ":" + std::to_string(line_no) +
                                                ": not a GeoNames line (expected 19 columns)");
            if (f[6] != "P") continue;
            auto it = by_code.find(f[8]);
            if (it == by_code.end()) continue;
            std::uint32_t pop = static_cast<std::uint32_t>(std::strtoul(f[14].c_str(), nullptr, 10));
            auto st = admin1.find(f[8] + "." + f[10]);
            int parent = city_parent(it->second, st == admin1.end() ? "" : st->second);
            add_city(f[1], parent, pop);
        }
    }

    // Calls fn(fields, "PATH:LINE: ") for each line of a tab-separated list, skipping
    // blank lines and # comments; lines with fewer than `min_fields` columns throw
    // InputError with `expected`.  A missing file is an error only when `required`.
    template <typename Fn>
    static void for_each_list_line(const std::string& path, bool required, std::size_t min_fields,
                                   const char* expected, Fn&& fn) {
        std::ifstream in(path);
        if (!in) {
            if (required) throw InputError(path + ": cannot open: " + std::strerror(errno));
            return;
        }
        std::size_t line_no = 0;
        for (std::string line; std::getline(in, line);) {
            ++line_no;
            std::string t = trim(line);
            if (t.empty() || t[0] == '#') continue;
            auto f = split(line, '\t');
            const std::string where = path + ":" + std::to_string(line_no) + ": ";
            if (f.size() < min_fields) throw InputError(where + "expected " + expected);
            for (auto& x : f) x = trim(x);
            fn(f, where);
        }
    }

    // places.tsv: KEY NAME TYPE PARENT ALIASES
    void load_places(const std::string& path, bool required) {
        for_each_list_line(path, required, 4, "KEY NAME TYPE PARENT [ALIASES]",
                           [&](std::vector<std::string>& f, const std::string& where) {
            std::vector<std::string> aliases;
            if (f.size() >= 5 && !f[4].empty() && f[4] != "-") aliases = split(f[4], '|');
            int place = -1;
            if (f[0] != "-") {
                auto it = by_code.find(f[0]);
                if (it == by_code.end()) throw InputError(where + "unknown ISO code '" + f[0] + "'");
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
    void load_groups(const std::string& path, bool required) {
        for_each_list_line(path, required, 2, "NAME KIND [COUNTRY] [ALIASES]",
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
                    if (entity_key(g.orgs_[static_cast<std::size_t>(k)].name) == entity_key(o.name)) idx = k;
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

    void load_common_words() {
        for (const char* p : {"/usr/share/dict/words", "/usr/share/dict/american-english",
                              "/usr/share/dict/british-english"}) {
            std::ifstream in(p);
            if (!in) continue;
            std::vector<std::string> proper;
            for (std::string w; std::getline(in, w);) {
                if (w.empty() || w.find('\'') != std::string::npos) continue;
                if (std::islower(static_cast<unsigned char>(w[0]))) {
                    g.common_words_.emplace(w, false);
                } else if (std::isupper(static_cast<unsigned char>(w[0]))) {
                    w[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(w[0])));
                    proper.push_back(w);
                }
            }
            for (const auto& w : proper) {
                auto it = g.common_words_.find(w);
                if (it != g.common_words_.end()) it->second = true;
            }
            return;
        }
        // Without the word list, capitalised common words would pass for names.
        throw InputError("/usr/share/dict/words: cannot open (install wamerican)");
    }
};

namespace {

// The data the project ships (places.tsv, groups.tsv): --data-dir, else $NDX_DATA_DIR,
// else the checkout's data/ for a program run from its build tree, else the installed
// data beside the program (NDX_INSTALL_DATA_DIR, relative to the program's directory, so
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

std::vector<std::string> user_lists(const char* name) {
    std::vector<std::string> out;
    std::string dir;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) dir = std::string(x) + "/ndx";
    else if (const char* h = std::getenv("HOME"); h && *h) dir = std::string(h) + "/.config/ndx";
    if (!dir.empty() && std::filesystem::exists(dir + "/" + name)) out.push_back(dir + "/" + name);
    return out;
}

}  // namespace

Gazetteer Gazetteer::load(const GazetteerSources& src) {
    Gazetteer g;
    GazetteerLoader l{g, {}};
    l.load_common_words();
    l.load_iso(src.iso_codes_dir);
    const std::string data = find_data_dir(src.data_dir);
    l.load_places(data + "/places.tsv", true);
    if (src.libgeonames) l.load_libgeonames();
    for (const auto& d : src.geonames_dumps) l.load_geonames_dump(d, src.geonames_admin1);
    l.load_groups(data + "/groups.tsv", true);
    for (const auto& p : user_lists("places.tsv")) l.load_places(p, true);
    for (const auto& p : src.place_lists) l.load_places(p, true);
    for (const auto& p : user_lists("groups.tsv")) l.load_groups(p, true);
    for (const auto& p : src.group_lists) l.load_groups(p, true);
    return g;
}

const NameEntry* Gazetteer::find(const std::string& key) const {
    auto it = names_.find(key);
    return it == names_.end() ? nullptr : &it->second;
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
    auto [it, fresh] = names_.try_emplace(key);
    NameEntry& e = it->second;
    if (fresh) e.case_sensitive = acronym;
    else if (!acronym) e.case_sensitive = false;
    if (place >= 0 && std::find(e.places.begin(), e.places.end(), place) == e.places.end())
        e.places.push_back(place);
    if (org >= 0 && std::find(e.orgs.begin(), e.orgs.end(), org) == e.orgs.end())
        e.orgs.push_back(org);
    max_words_ = std::max<std::size_t>(max_words_, 1 + static_cast<std::size_t>(
                                                           std::count(key.begin(), key.end(), ' ')));
    for (std::size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1))
        prefixes_.insert(key.substr(0, sp));
}

void Gazetteer::remove_name(const std::string& surface, int place) {
    auto it = names_.find(entity_key(surface));
    if (it == names_.end()) return;
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

bool Gazetteer::is_common_word(const std::string& lower) const {
    return common_words_.count(lower) > 0;
}

bool Gazetteer::is_proper_word(const std::string& lower) const {
    auto it = common_words_.find(lower);
    return it != common_words_.end() && it->second;
}

}  // namespace ndx
