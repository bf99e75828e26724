// Choosing among the places that share a name ("Hyderabad" in India or in Pakistan), from
// the countries and provinces the article names.
#pragma once

#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

#include "extract/gazetteer.h"
#include "extract/text.h"

namespace ndx {

// Small towns need their country or province named elsewhere in the article.
constexpr std::uint32_t kStandalonePopulation = 100000;
// Big cities outrank same-named regions, and stand for themselves where capitals say
// nothing ("PHOENIX", a headline in capitals).
constexpr std::uint32_t kBigCityPopulation = 500000;

// How likely place p is meant: countries first, then provinces and districts, then cities
// by size; helped by its country or province being in `context` (places of the gazetteer
// the article names unambiguously).
double place_score(const Gazetteer& gaz, const std::set<int>& context, int p);

// The place of `places` (one name's places) the article most likely means; -1 if none.
int choose_place(const Gazetteer& gaz, const std::set<int>& context,
                 const std::vector<int>& places);

// Whether the text writes the word of key `key` in lower case somewhere ("cocoa"), and
// capitalises most of its sentences (a text in lower case says nothing): a name that is an
// ordinary word is that word, not a place, in such a text.
bool written_in_lower_case(const Analysis& an, std::string_view key);

}  // namespace ndx
