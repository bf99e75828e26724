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
    int best = -1;
    double best_score = -1;
    for (int p : places) {
        double s = place_score(gaz, context, p);
        // "Kabul", "Doha", "Washington": the city, not the province of the same name
        const Place& pl = gaz.places()[static_cast<std::size_t>(p)];
        if (pl.type == "city" &&
            (pl.population >= kStandalonePopulation ||
             std::find(places.begin(), places.end(), pl.parent) != places.end())) {
            for (int q : places) {
                const Place& other = gaz.places()[static_cast<std::size_t>(q)];
                if (other.type != "city" && other.type != "country" &&
                    gaz.country_of(q) == gaz.country_of(p))
                    s += 20;
            }
        }
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
