// Gazetteers: places (iso-codes, libgeonames, GeoNames dumps, project and user lists)
// and organisations (project and user lists), indexed for matching in text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/word_map.h"

namespace ndx {

// Where the gazetteer data comes from.  Every field has a working default.
struct GazetteerSources {
    std::string iso_codes_dir = "/usr/share/iso-codes/json";
    bool libgeonames = true;                  // cities from Debian's libgeonames
    std::vector<std::string> geonames_dumps;  // cities*.txt / allCountries.txt files
    std::string geonames_admin1;              // admin1CodesASCII.txt for those dumps
    std::string data_dir;                     // places.tsv, groups.tsv ("" = built-in)
    std::vector<std::string> place_lists;     // user lists, same format as places.tsv
    std::vector<std::string> group_lists;     // user lists, same format as groups.tsv
};

// The name news writes for a gazetteer name: without accents when it has a letter beyond
// Latin-1 ("Hyderābād" -> "Hyderabad", "Łódź" -> "Lodz"), as written otherwise ("Zürich").
std::string news_name(const std::string& name);

struct Place {
    std::string name;
    std::string type;  // country, province, district, city, region
    int parent = -1;   // index of the parent place, -1 for none
    std::uint32_t population = 0;
    std::string code;  // ISO code for countries and subdivisions
};

struct Organisation {
    std::string name;
    std::string kind;     // militant, government, military, intelligence, international,
                          // political, media, other
    std::string country;  // ISO alpha-2 or ""
    std::vector<std::string> aliases;
};

// A name as it can appear in text, pointing at places or organisations.
struct NameEntry {
    std::vector<int> places;
    std::vector<int> orgs;
    bool case_sensitive = false;  // acronyms: "US", "TTP", "KP"
};

class Gazetteer {
  public:
    // Loads every source; throws InputError naming the file and line of a bad list.
    static Gazetteer load(const GazetteerSources& sources);

    const std::vector<Place>& places() const { return places_; }
    const std::vector<Organisation>& orgs() const { return orgs_; }

    Gazetteer() = default;
    Gazetteer(Gazetteer&&) = default;
    Gazetteer& operator=(Gazetteer&&) = default;
    Gazetteer(const Gazetteer&) = delete;  // its index points into its names
    Gazetteer& operator=(const Gazetteer&) = delete;

    // Entries for a name key (entity_key of the surface form), or nullptr.
    const NameEntry* find(std::string_view key) const { return lookup(key).entry; }
    // Longest name in words, to bound the matcher's window.
    std::size_t max_words() const { return max_words_; }
    // Whether some name is longer than `key` and begins with its words ("united" and
    // "united arab" begin "united arab emirates").
    bool extends(std::string_view key) const { return lookup(key).extends; }
    // Both in one look-up.
    struct Lookup {
        const NameEntry* entry = nullptr;
        bool extends = false;
    };
    Lookup lookup(std::string_view key) const {
        if (!indexed_) return lookup_unindexed(key);
        const Lookup* l = index_.find(key);
        return l ? *l : Lookup{};
    }

    // Display names from the country down to place `i`, and their keys.
    std::vector<std::string> path_names(int i) const;
    std::vector<std::string> path_keys(int i) const;
    std::vector<std::string> path_kinds(int i) const;
    // Index of the country a place lies in (itself for a country), or -1.
    int country_of(int i) const;

    // Whether a lower-cased word is an ordinary English word ("mobile", "miller"), and
    // whether the dictionary also knows it as a proper name ("Miller", "Jordan").
    bool is_common_word(std::string_view lower) const { return common_word(lower) != nullptr; }
    bool is_proper_word(std::string_view lower) const {
        const bool* proper = common_word(lower);
        return proper && *proper;
    }
    // Both in one look-up: null if `lower` is no common word, else whether it is also a
    // proper name.
    const bool* common_word(std::string_view lower) const { return common_words_.find(lower); }

    // Every name key and what it names.
    const std::unordered_map<std::string, NameEntry>& names() const { return names_; }

    // The province that a news abbreviation stands for when it follows a place and a comma
    // ("Calif." in "Mountain View, Calif.", "N.J.", "Ont."; province-abbreviations.tsv), by
    // its key (entity_key: "calif", "nj"), or -1.  Not a name: "Mass." or "Ill." alone
    // names nothing.
    int province_abbreviation(std::string_view key) const {
        const int* p = province_abbreviations_.find(key);
        return p ? *p : -1;
    }

    // Adds or finds places and names (used while loading).
    int add_place(Place p);
    void add_name(const std::string& surface, int place, int org);
    void remove_name(const std::string& surface, int place);

  private:
    std::vector<Place> places_;
    std::vector<Organisation> orgs_;
    std::unordered_map<std::string, NameEntry> names_;
    WordMap<int> province_abbreviations_;
    std::unordered_set<std::string> prefixes_;  // proper word prefixes of the name keys
    WordMap<bool> common_words_;                // value: also a proper name
    std::size_t max_words_ = 1;
    // names_ and prefixes_ in one flat table for the matchers, made once loading is done
    // (until then, and after a later add_name or remove_name, look-ups read names_ and
    // prefixes_)
    WordMap<Lookup> index_;
    bool indexed_ = false;
    void build_index();
    Lookup lookup_unindexed(std::string_view key) const;

    friend struct GazetteerLoader;
};

// What an index records of the gazetteer it is built with, so that every name and alias
// works in ndx-search's filters whether or not an article used it: (metadata key, value)
// pairs sorted by key, ndx:gv:<id> (a value as ndx:fv: describes it) and
// ndx:ga:<facet>:<name key> (the ids a name selects), see common/schema.h.
std::vector<std::pair<std::string, std::string>> gazetteer_metadata(const Gazetteer& g);

// The directory of the data the project ships (places.tsv, groups.tsv,
// geonames-admin1.tsv, the speaker word lists, the tagger model): `configured`
// (--data-dir) if given, else $NDX_DATA_DIR, else the checkout's data/ for a program run
// from its build tree, else the installed data beside the program.
std::string find_data_dir(const std::string& configured);

}  // namespace ndx
