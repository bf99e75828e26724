// Choosing among the places that share a name: see place_choice.h.
#include "extract/place_choice.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace ndx {

double place_score(const Gazetteer& gaz, const std::set<int>& context, int p) {
    const Place& pl = gaz.places()[static_cast<std::size_t>(p)];
    bool in_country = context.count(gaz.country_of(p)) > 0;
    bool in_province = pl.parent >= 0 && context.count(pl.parent) > 0;
    if (pl.type == "country") return 100;
    double s = in_country ? 10 : 0;
    if (pl.type == "province" || pl.type == "region") return s + 8;
    if (pl.type == "district") return s + 6 + (in_province ? 2 : 0);
    // cities: by size, helped by their country and province being named
    s = std::log10(std::max<double>(pl.population, 10)) + (in_country ? 1.5 : 0) +
        (in_province ? 1.0 : 0);
    if (pl.population >= kBigCityPopulation) s += 4;  // big cities outrank same-named regions
    return s;
}

int choose_place(const Gazetteer& gaz, const std::set<int>& context,
                 const std::vector<int>& places) {
    // "Kabul", "Doha", "Washington": the city, not the province of the same name in its
    // country.  The province steps back (rather than the city forward), so that the city
    // does not also pass its namesakes elsewhere ("ST. LOUIS" is Missouri's, not Senegal's
    // beside the Senegalese region; "San Jose" California's, not Costa Rica's).
    // city p and province (or district, region) q of one name in one country, the city
    // large or in that province
    auto paired = [&](int p, int q) {
        const Place& city = gaz.places()[static_cast<std::size_t>(p)];
        const std::string& type = gaz.places()[static_cast<std::size_t>(q)].type;
        return city.type == "city" && type != "city" && type != "country" &&
               gaz.country_of(p) == gaz.country_of(q) &&
               (city.population >= kStandalonePopulation || city.parent == q);
    };
    auto has_pair = [&](int p, bool as_city) {
        return std::any_of(places.begin(), places.end(),
                           [&](int o) { return as_city ? paired(p, o) : paired(o, p); });
    };
    int best = -1;
    double best_score = -1e9;
    for (int p : places) {
        double s = place_score(gaz, context, p);
        if (has_pair(p, false)) s -= 20;
        // and where the article names that country, the city has the weight its province
        // would have had ("Gaza" beside the West Bank is the city, not Mozambique's province)
        if (has_pair(p, true) && context.count(gaz.country_of(p)) > 0) s += 8.5;
        if (s > best_score) {
            best = p;
            best_score = s;
        }
    }
    return best;
}

bool written_in_lower_case(const Analysis& an, std::string_view key) {
    bool lower = false;
    std::size_t starts = 0, capitalised = 0;
    for (const Token& t : an.tokens) {
        if (!t.word) continue;
        if (t.key == key && std::islower(static_cast<unsigned char>(t.text[0]))) lower = true;
        if (t.sentence_start) {
            ++starts;
            capitalised += t.cap ? 1 : 0;
        }
    }
    return lower && 2 * capitalised > starts;
}

}  // namespace ndx
