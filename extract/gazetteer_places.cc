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

// The place of `country` (alpha-2 code) whose name or alias has this key.
int GazetteerLoader::find_in_country(const std::string& key, int country, bool subdivisions_only) {
    const NameEntry* e = g.find(key);
    if (!e) return -1;
    for (int p : e->places) {
        if (g.country_of(p) != country || p == country) continue;
        if (subdivisions_only && g.places_[static_cast<std::size_t>(p)].type == "city") continue;
        return p;
    }
    return -1;
}

void GazetteerLoader::load_iso(const std::string& dir) {
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
        unit[s.value("code", "")] =
            !s.contains("parent") && (type == "Geographical unit" || type == "Geographical region");
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
void GazetteerLoader::load_admin1_map(const std::string& path, bool required) {
    struct Row {
        std::string admin1, display;
        std::vector<std::string> names;
        int place;
    };
    std::vector<Row> rows;
    std::unordered_map<int, int> divisions;  // place -> GeoNames divisions mapped to it
    for_each_list_line(
        path, required, 3, "ADMIN1 ISO DISPLAY [NAMES]",
        [&](std::vector<std::string>& f, const std::string& where) {
            if (f[0].find('.') == std::string::npos)
                throw InputError(where + "'" + f[0] + "' is not a GeoNames admin1 code (CC.CODE)");
            auto it = by_code.find(f[1]);
            if (it == by_code.end()) return;  // an iso-codes release without this code
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
int GazetteerLoader::city_parent(int country, const std::string& admin1_code,
                                 const std::string& state) {
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
    for (const char* kind : {" province", " region", " governorate", " prefecture", " department",
                             " district", " county", " municipality", " state"}) {
        const std::string_view k(kind);
        if (p < 0 && key.size() > k.size() && key.ends_with(k))
            p = find_in_country(key.substr(0, key.size() - k.size()), country, true);
    }
    return p >= 0 ? p : country;
}

// Returns the city's place, or -1 for a name that is no key.
int GazetteerLoader::add_city(const std::string& name, int parent, std::uint32_t population) {
    const std::string key = entity_key(name);
    if (key.empty()) return -1;
    // Already known (another source): the same city when it is in the same province, or
    // when either source does not know the province; keep the larger figure.  Namesakes in
    // other provinces are other cities ("Cleveland", Ohio and Tennessee; "Portland", Oregon
    // and Maine): each stays in its own province, and the choice among them is made where
    // the name is read (place_choice.h).
    if (const NameEntry* e = g.find(key)) {
        const int country = g.country_of(parent);
        for (int p : e->places) {
            Place& have = g.places_[static_cast<std::size_t>(p)];
            if (have.type == "city" && g.country_of(p) == country &&
                (have.parent == parent || have.parent == country || parent == country)) {
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

void GazetteerLoader::load_libgeonames() {
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
void GazetteerLoader::load_geonames_dump(const std::string& path, const std::string& admin1_path) {
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
        std::uint32_t pop = static_cast<std::uint32_t>(std::strtoul(f[14].c_str(), nullptr, 10));
        const std::string code = f[8] + "." + f[10];
        auto st = admin1_file.find(code);
        int parent = city_parent(it->second, code, st == admin1_file.end() ? "" : st->second);
        // the ASCII name is a name too ("Muenchen" beside "München")
        const int city = add_city(f[1], parent, pop);
        if (city >= 0 && f[2] != f[1] && !f[2].empty()) g.add_name(f[2], city, -1);
    }
}

}  // namespace ndx
