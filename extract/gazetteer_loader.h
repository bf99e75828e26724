// GazetteerLoader: builds a Gazetteer from iso-codes, GeoNames and the project's lists
// (gazetteer_places.cc: countries, subdivisions, cities; gazetteer_load.cc: the lists).
#pragma once

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "extract/gazetteer.h"

namespace ndx {

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
    int find_in_country(const std::string& key, int country, bool subdivisions_only);

    void load_iso(const std::string& dir);

    // geonames-admin1.tsv: ADMIN1 ISO DISPLAY NAMES (see the file's header).  A division's
    // display name replaces the iso-codes one (which stays a name) when it is the only
    // division of that ISO subdivision.
    void load_admin1_map(const std::string& path, bool required);

    // The province of a city: by GeoNames admin1 code (dumps), else by the name GeoNames
    // gives the division (libgeonames) in geonames-admin1.tsv, else (a division the table
    // lacks) a subdivision of that name in the country.
    int city_parent(int country, const std::string& admin1_code, const std::string& state);

    // Returns the city's place, or -1 for a name that is no key.
    int add_city(const std::string& name, int parent, std::uint32_t population);

    void load_libgeonames();

    // province-abbreviations.tsv: ISO 3166-2 CODE, then the abbreviations news writes
    // after a place ("US-CA<TAB>Calif.|Cal.|CA"), "|"-separated.
    void load_province_abbreviations(const std::string& path, bool required);

    // GeoNames dump: geonameid name asciiname alternatenames lat lon class code cc cc2
    // admin1 admin2 admin3 admin4 population ...  Only populated places (class P).
    void load_geonames_dump(const std::string& path, const std::string& admin1_path);

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
    void load_places(const std::string& path, bool required);

    // groups.tsv: NAME KIND COUNTRY ALIASES
    void load_groups(const std::string& path, bool required);

    void load_common_words();
};

}  // namespace ndx
