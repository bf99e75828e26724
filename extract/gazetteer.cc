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

struct GazetteerLoader {
    Gazetteer& g;
    std::unordered_map<std::string, int> by_code;       // ISO code -> place
    std::unordered_map<std::string, int> admin1;        // GeoNames admin1 code (PK.05) -> place
    std::unordered_map<std::string, int> admin1_names;  // "PK\tsindh province" -> place

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
            if (subdivisions_only && g.places_[static_cast<std::size_t>(p)].type == "city")
                continue;
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
        // Where ISO groups the provinces of a country into geographical units (Indonesia's
        // islands), the units are regions and the provinces lie directly in the country.
        std::unordered_map<std::string, bool> unit;
        for (const auto& s : subs["3166-2"]) {
            const std::string type = s.value("type", "");
            unit[s.value("code", "")] = !s.contains("parent") && (type == "Geographical unit" ||
                                                                  type == "Geographical region");
        }
        // Parents first: top-level subdivisions, then those whose parent is a subdivision.
        for (int pass = 0; pass < 2; ++pass) {
            for (const auto& s : subs["3166-2"]) {
                bool child = s.contains("parent");
                if (child != (pass == 1)) continue;
                std::string code = s.value("code", "");
                std::string cc = code.substr(0, code.find('-'));
                int parent = by_code.count(cc) ? by_code[cc] : -1;
                bool in_unit = false;
                if (child) {
                    std::string pc = cc + "-" + s["parent"].get<std::string>();
                    in_unit = unit[pc];
                    if (by_code.count(pc) && !in_unit) parent = by_code[pc];
                }
                if (parent < 0) continue;
                Place p;
                const std::string iso_name = s.value("name", "");
                p.name = news_name(iso_name);
                p.type = unit[code] ? "region" : child && !in_unit ? "district" : "province";
                p.parent = parent;
                p.code = code;
                int i = g.add_place(p);
                by_code[code] = i;
                g.add_name(p.name, i, -1);
                if (iso_name != p.name) g.add_name(iso_name, i, -1);
            }
        }
    }

    // geonames-admin1.tsv: ADMIN1 ISO DISPLAY NAMES (see the file's header).  A division's
    // display name replaces the iso-codes one (which stays a name) when it is the only
    // division of that ISO subdivision.
    void load_admin1_map(const std::string& path, bool required) {
        struct Row {
            std::string admin1, display;
            std::vector<std::string> names;
            int place;
        };
        std::vector<Row> rows;
        std::unordered_map<int, int> divisions;  // place -> GeoNames divisions mapped to it
        for_each_list_line(path, required, 3, "ADMIN1 ISO DISPLAY [NAMES]",
                           [&](std::vector<std::string>& f, const std::string& where) {
                               if (f[0].find('.') == std::string::npos)
                                   throw InputError(where + "'" + f[0] +
                                                    "' is not a GeoNames admin1 code (CC.CODE)");
                               auto it = by_code.find(f[1]);
                               if (it == by_code.end())
                                   return;  // an iso-codes release without this code
                               Row r{f[0], f[2], {}, it->second};
                               if (f.size() >= 4 && f[3] != "-")
                                   for (auto& n : split(f[3], '|'))
                                       if (!trim(n).empty()) r.names.push_back(trim(n));
                               ++divisions[r.place];
                               rows.push_back(std::move(r));
                           });
        for (const Row& r : rows) {
            admin1[r.admin1] = r.place;
            const std::string cc = r.admin1.substr(0, r.admin1.find('.'));
            Place& pl = g.places_[static_cast<std::size_t>(r.place)];
            if (divisions[r.place] == 1 && !r.display.empty() && r.display != "-") {
                pl.name = news_name(r.display);
                g.add_name(pl.name, r.place, -1);
            }
            for (const std::string& n : r.names) {
                admin1_names[cc + '\t' + entity_key(n)] = r.place;
                // A one-word name that is an English word ("Central", "Northern") would
                // be found in every text: it only places cities.
                const std::string key = entity_key(n);
                if (key.find(' ') == std::string::npos && g.is_common_word(key)) continue;
                g.add_name(n, r.place, -1);
            }
        }
    }

    // The province of a city: by GeoNames admin1 code (dumps), else by the name GeoNames
    // gives the division (libgeonames) in geonames-admin1.tsv, else (a division the table
    // lacks) a subdivision of that name in the country.
    int city_parent(int country, const std::string& admin1_code, const std::string& state) {
        if (!admin1_code.empty()) {
            auto it = admin1.find(admin1_code);
            if (it != admin1.end()) return it->second;
        }
        if (state.empty()) return country;
        const std::string& cc = g.places_[static_cast<std::size_t>(country)].code;
        auto it = admin1_names.find(cc + '\t' + entity_key(state));
        if (it != admin1_names.end()) return it->second;
        const std::string key = entity_key(state);
        int p = find_in_country(key, country, true);
        // "Makamba Province", "Ouham-Fafa Prefecture": the name without its kind
        for (const char* kind :
             {" province", " region", " governorate", " prefecture", " department", " district",
              " county", " municipality", " state"}) {
            const std::string_view k(kind);
            if (p < 0 && key.size() > k.size() && key.ends_with(k))
                p = find_in_country(key.substr(0, key.size() - k.size()), country, true);
        }
        return p >= 0 ? p : country;
    }

    // Returns the city's place, or -1 for a name that is no key.
    int add_city(const std::string& name, int parent, std::uint32_t population) {
        const std::string key = entity_key(name);
        if (key.empty()) return -1;
        // Already known in the same country (another source): keep the larger figure.
        if (const NameEntry* e = g.find(key)) {
            for (int p : e->places) {
                Place& have = g.places_[static_cast<std::size_t>(p)];
                if (have.type == "city" && g.country_of(p) == g.country_of(parent)) {
                    have.population = std::max(have.population, population);
                    return p;
                }
            }
        }
        Place p;
        p.name = news_name(name);
        p.type = "city";
        p.parent = parent;
        p.population = population;
        const int i = g.add_place(p);
        g.add_name(p.name, i, -1);
        if (p.name != name) g.add_name(name, i, -1);
        return i;
    }

    void load_libgeonames() {
        int n = geonames_get_n_cities();
        for (int i = 0; i < n; ++i) {
            GeonamesCity* c = geonames_get_city(i);
            if (!c) continue;
            std::string cc = geonames_city_get_country_code(c);
            auto it = by_code.find(cc);
            if (it != by_code.end()) {
                int parent = city_parent(it->second, "", geonames_city_get_state(c));
                add_city(geonames_city_get_name(c), parent, geonames_city_get_population(c));
            }
            geonames_city_free(c);
        }
    }

    // GeoNames dump: geonameid name asciiname alternatenames lat lon class code cc cc2
    // admin1 admin2 admin3 admin4 population ...  Only populated places (class P).
    void load_geonames_dump(const std::string& path, const std::string& admin1_path) {
        std::unordered_map<std::string, std::string> admin1_file;  // code -> name
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
                if (f.size() >= 2) admin1_file[f[0]] = f[1];
            }
        }
        std::ifstream in(path);
        if (!in) throw InputError(path + ": cannot open");
        std::size_t line_no = 0;
        for (std::string line; std::getline(in, line);) {
            ++line_no;
            auto f = split(line, '\t');
            if (f.size() < 15)
                throw InputError(path + ":" + std::to_string(line_no) +
                                 ": not a GeoNames line (expected 19 columns)");
            if (f[6] != "P") continue;
            auto it = by_code.find(f[8]);
            if (it == by_code.end()) continue;
            std::uint32_t pop =
                static_cast<std::uint32_t>(std::strtoul(f[14].c_str(), nullptr, 10));
            const std::string code = f[8] + "." + f[10];
            auto st = admin1_file.find(code);
            int parent = city_parent(it->second, code, st == admin1_file.end() ? "" : st->second);
            // the ASCII name is a name too ("Muenchen" beside "München")
            const int city = add_city(f[1], parent, pop);
            if (city >= 0 && f[2] != f[1] && !f[2].empty()) g.add_name(f[2], city, -1);
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
                                       if (entity_key(g.orgs_[static_cast<std::size_t>(k)].name) ==
                                           entity_key(o.name))
                                           idx = k;
                               if (idx < 0) {
                                   idx = static_cast<int>(g.orgs_.size());
                                   g.orgs_.push_back(o);
                               } else {
                                   auto& have = g.orgs_[static_cast<std::size_t>(idx)];
                                   have.kind = o.kind;
                                   if (!o.country.empty()) have.country = o.country;
                                   have.aliases.insert(have.aliases.end(), o.aliases.begin(),
                                                       o.aliases.end());
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

const bool* Gazetteer::common_word(const std::string& lower) const {
    auto it = common_words_.find(lower);
    return it == common_words_.end() ? nullptr : &it->second;
}

bool Gazetteer::is_proper_word(const std::string& lower) const {
    auto it = common_words_.find(lower);
    return it != common_words_.end() && it->second;
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
