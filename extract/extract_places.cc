// Locations: gazetteer places named in the text or the dateline, placed in their
// country > province > district/city hierarchy, with ambiguity resolved from context.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "common/normalize.h"
#include "extract/extract_internal.h"
#include "extract/place_choice.h"
#include "extract/word_lists.h"

namespace ndx {
namespace {

struct Candidate {
    std::vector<int> places;
    std::size_t a = 0, b = 0;  // tokens; a == b for the dateline
    bool dateline = false;
    bool tagged = false;  // the tagger read these words as a place
    const char* source = "gazetteer";
    // A place named by a context cue ("Chak 41 village"): its kind, and the candidate of
    // the district or city the sentence names (-1: none).
    std::string cue_kind;
    int parent = -1;
    float margin = 0;  // the tagger's margin for the place when `tagged` (Tagger::tag)
    std::string name;  // a cued place's name when not its words as written (the dateline's)
};

// A province named right after a place and a comma: "Mountain View, Calif.", "Hillside,
// Ill.", "Portland, Maine".  Tokens [a, b) name it; the place ends at the comma, token
// `comma`.
struct ProvinceAfter {
    std::size_t comma = 0, a = 0, b = 0;
    std::vector<int> provinces;
    bool abbreviation = false;  // from province-abbreviations.tsv, not a gazetteer name
};

// The tagger's margin (Tagger::tag) a place the gazetteer does not know needs (of 4, 8 and
// 12, the best location F1 on CoNLL-2003 eng.testa and on tests/data/articles).
constexpr float kMinUnplacedMargin = 4;
// The margin above which the tagger's place stands against a person's name the name
// rules read in the same words (nine in ten places tagged so are right on eng.testa).
constexpr float kSurePlaceMargin = 20;

bool is_place_word(const std::string& k) { return WordLists::get().is_name_word("place-word", k); }

}  // namespace

namespace {

class Places {
  public:
    explicit Places(ExtractContext& cx) : cx_(cx), gaz_(cx.gaz), toks_(cx.an.tokens) {}

    void collect() {
        find_provinces_after();
        if (!cx_.article.dateline.empty()) {
            if (const NameEntry* e = gaz_.find(entity_key(cx_.article.dateline))) {
                if (!e->places.empty())
                    cands_.push_back({e->places, 0, 0, true, false, "gazetteer", {}, -1, 0, {}});
            }
        }
        for (const NameMatch& m : cx_.names) {
            if (m.entry->places.empty()) continue;
            // a place whose province or district the sentence names is that place, though
            // the words around it read as a person's name ("Zhob Garrison in Northern
            // Balochistan")
            const bool placed_here = parent_named(m);
            bool blocked = false;
            for (std::size_t i = m.a; i < m.b; ++i)
                if (cx_.in_org[i] || (cx_.in_person[i] && !placed_here)) blocked = true;
            if (blocked || is_calendar_word(toks_[m.a].key)) continue;
            // "President Clinton", "Mr Jordan": a person, not the town
            if (m.b == m.a + 1 && m.a > 0 && toks_[m.a - 1].cap && is_person_title(toks_[m.a - 1]))
                continue;
            // the dateline itself ("ISLAMABAD:") is counted once, above
            if (!cx_.article.dateline.empty() && m.a == 0 && toks_[m.a].upper) continue;
            // "Geneva Convention", "Murree Road", "Operation Karachi": named after the place
            if (m.b < toks_.size() && toks_[m.b].cap &&
                toks_[m.b].sentence == toks_[m.a].sentence &&
                (is_thing_head(toks_[m.b].key) || toks_[m.b].key == "league"))
                continue;
            if (m.a > 0 && toks_[m.a - 1].cap && toks_[m.a - 1].key == "operation") continue;
            // a sports side named after the place ("Preston 2 York 3", "Norwich striker
            // Keith O'Neill")
            if (names_a_side(gaz_, cx_.an, m.a, m.b)) continue;
            // the tagger reads the words as part of a person's, an organisation's or
            // another name's ("Jordan said", "Leicestershire beat Somerset", "Panama Papers")
            const NameType t = tagged_as(m.a, m.b);
            if ((t == NameType::Person && !placed_here) || t == NameType::Organisation ||
                t == NameType::Misc)
                continue;
            if (named_after_place(m.a, m.b, m.entry->places)) continue;
            // a mention the tagger left untagged takes the article's reading of the name:
            // "Leicestershire" the county side, tagged as a team elsewhere in the report
            // (a line in capitals, a results table, says nothing either way)
            if (t == NameType::None && !toks_[m.a].upper && other_reading(m.a, m.b)) continue;
            // an acronym ("ICT sector", "GDR" the receipt) is a place only where the tagger
            // reads it as one
            if (m.entry->case_sensitive && m.b == m.a + 1 && toks_[m.a].upper &&
                !cx_.tagged.empty() && t != NameType::Place)
                continue;
            // "Old Trafford", "Arab East Jerusalem": the tagger reads a longer place that the
            // gazetteer name is only part of (a compass word before it, "Northern
            // Balochistan", is a part of the place, not another place)
            if (inside_longer_place(m.a, m.b)) continue;
            const float margin = tagged_place_end(m.a, m.b);
            cands_.push_back({m.entry->places,
                              m.a,
                              m.b,
                              false,
                              margin >= 0,
                              "gazetteer",
                              {},
                              -1,
                              std::max(margin, 0.0f),
                              {}});
        }
        add_tagged_places();
        place_before_provinces();
        add_cued_places();
        for (std::size_t i = 0; i < toks_.size(); ++i) {
            if (!toks_[i].upper || cx_.in_org[i]) continue;
            auto it = cx_.acronyms.find(toks_[i].text);
            if (it != cx_.acronyms.end() && it->second.place >= 0 &&
                !std::any_of(cx_.names.begin(), cx_.names.end(),
                             [&](const NameMatch& m) { return m.a == i; }))
                cands_.push_back({{it->second.place},
                                  i,
                                  i + 1,
                                  false,
                                  false,
                                  "acronym definition",
                                  {},
                                  -1,
                                  0,
                                  {}});
        }
        // Context: countries and provinces named unambiguously.
        for (const Candidate& c : cands_) {
            if (c.places.size() != 1) continue;
            int p = c.places.front();
            const Place& pl = gaz_.places()[static_cast<std::size_t>(p)];
            if (pl.type == "country" || pl.type == "province" || pl.type == "region")
                context_.insert(p);
            // a small town is no evidence of its own country ("Police" is in Poland)
            if (pl.type != "city" || pl.population >= kStandalonePopulation)
                context_.insert(gaz_.country_of(p));
        }
    }

    // The type of the tagged name that holds or overlaps tokens [a, b) (None if none).
    NameType tagged_as(std::size_t a, std::size_t b) const {
        for (std::size_t i = a; i < b; ++i)
            if (cx_.tag_of[i] != NameType::None) return cx_.tag_of[i];
        return NameType::None;
    }

    // Whether the sentence of gazetteer name m also names the province or district of one
    // of its places (the country is no evidence: "Jordan" the footballer in Jordan).
    bool parent_named(const NameMatch& m) const {
        for (int p : m.entry->places) {
            for (int q = gaz_.places()[static_cast<std::size_t>(p)].parent; q >= 0;
                 q = gaz_.places()[static_cast<std::size_t>(q)].parent) {
                if (gaz_.places()[static_cast<std::size_t>(q)].type == "country") break;
                for (const NameMatch& o : cx_.names)
                    if (&o != &m && toks_[o.a].sentence == toks_[m.a].sentence &&
                        std::find(o.entry->places.begin(), o.entry->places.end(), q) !=
                            o.entry->places.end())
                        return true;
            }
        }
        return false;
    }

    // Whether the name of tokens [a, b), of gazetteer places `places` (none when the
    // gazetteer lacks it), is a company or a person named after a place: a small place that
    // speaks, the short name of a company the article names in full ("Shares in Albemarle"
    // after "Albemarle Corp said"), or the surname of a person it names in full ("Atherton"
    // after "Mike Atherton (captain)"), unless a preposition makes it a place ("in
    // Atherton").
    bool named_after_place(std::size_t a, std::size_t b, const std::vector<int>& places) {
        return (speaks_first(cx_.an, a, b) && !may_speak(gaz_, places)) ||
               company_short_name(cx_.an.span_key(a, b)) ||
               (b == a + 1 && company_first_word(toks_[a].key) && !may_speak(gaz_, places)) ||
               (b == a + 1 && is_surname(toks_[a].key) && !after_preposition(a));
    }

    // Whether `key` is the name of a company the article names with its legal form
    // ("Albemarle Corp", "Burnley FC" without it is the company, not the town).
    bool company_short_name(const std::string& key) {
        if (!companies_) read_companies();
        return companies_->names.count(key) > 0;
    }

    // Whether `key` is the first word of a company's name of two or more words the article
    // names with its legal form ("Magna" after "Magna International Inc"): a small place's
    // name there is the company's (a country or a large city is not: "Pakistan" of
    // "Pakistan International Airlines Corp").
    bool company_first_word(const std::string& key) {
        if (!companies_) read_companies();
        return companies_->first_words.count(key) > 0;
    }

    // The names of the article's companies without their legal forms, and their first words.
    void read_companies() {
        companies_.emplace();
        for (const OrgMention& o : cx_.orgs) {
            std::size_t e = o.b;
            while (e > o.a + 1 && toks_[e - 1].word && is_company_form(toks_[e - 1].key)) --e;
            if (e == o.b) continue;
            companies_->names.insert(cx_.an.span_key(o.a, e));
            if (e >= o.a + 2 && toks_[o.a].word && toks_[o.a].cap)
                companies_->first_words.insert(toks_[o.a].key);
        }
    }

    // Whether `key` is the last word of a person's name of two or more words in the
    // article (as the name rules or the tagger read it).
    bool is_surname(const std::string& key) {
        if (!surnames_) {
            surnames_.emplace();
            for (const TagSpan& sp : cx_.tagged)
                if (sp.type == NameType::Person && sp.b >= sp.a + 2)
                    surnames_->insert(toks_[sp.b - 1].key);
            for (std::size_t i = 0; i < toks_.size();) {
                std::size_t e = i;
                while (e < toks_.size() && cx_.in_person[e] &&
                       toks_[e].sentence == toks_[i].sentence)
                    ++e;
                if (e >= i + 2) surnames_->insert(toks_[e - 1].key);
                i = std::max(e, i + 1);
            }
        }
        return surnames_->count(key) > 0;
    }

    bool after_preposition(std::size_t a) const {
        if (a == 0 || toks_[a - 1].sentence != toks_[a].sentence) return false;
        const std::string& k = toks_[a - 1].key;
        return k == "in" || k == "at" || k == "from" || k == "to" || k == "near" || k == "of";
    }

    // Whether the words around the name of tokens [a, b) say it is a place beside a place
    // the gazetteer knows: "in Velten near Berlin", "at Barvikha outside Moscow".
    bool near_a_place(std::size_t a, std::size_t b) const {
        if (!after_preposition(a) || b + 1 >= toks_.size()) return false;
        const std::string& k = toks_[b].key;
        if (toks_[b].sentence != toks_[a].sentence || (k != "near" && k != "outside")) return false;
        return std::any_of(cx_.names.begin(), cx_.names.end(), [&](const NameMatch& m) {
            return m.a == b + 1 && !m.entry->places.empty();
        });
    }

    // Whether the tagger reads the name of tokens [a, b), wherever else in the article it
    // stands whole, as a name of another type and never as a place.
    bool other_reading(std::size_t a, std::size_t b) {
        if (!readings_) {
            readings_.emplace();
            for (const TagSpan& sp : cx_.tagged)
                (*readings_)[cx_.an.span_key(sp.a, sp.b)][static_cast<std::size_t>(sp.type)] +=
                    std::max(sp.margin, 0.5f);
        }
        auto it = readings_->find(cx_.an.span_key(a, b));
        if (it == readings_->end()) return false;
        const auto& v = it->second;
        return v[static_cast<std::size_t>(NameType::Place)] == 0 &&
               v[static_cast<std::size_t>(NameType::Organisation)] +
                       v[static_cast<std::size_t>(NameType::Person)] +
                       v[static_cast<std::size_t>(NameType::Misc)] >
                   0;
    }

    // The margin of the place the tagger read whose name ends with tokens [a, b) (-1: none):
    // "Balochistan" in "Northern Balochistan" is supported by it, the modifier "Northern"
    // (also a province of Papua New Guinea) is not.
    float tagged_place_end(std::size_t a, std::size_t b) const {
        float best = -1;
        for (const TagSpan& sp : cx_.tagged)
            if (sp.type == NameType::Place && sp.a <= a && sp.b == b)
                best = std::max(best, sp.margin);
        return best;
    }

    // Whether the tagger reads tokens [a, b) as the end of a longer place the gazetteer
    // does not know, the words before them capitalised and no compass word ("Old
    // Trafford"; but "Northern Balochistan" is Balochistan).
    bool inside_longer_place(std::size_t a, std::size_t b) const {
        for (const TagSpan& sp : cx_.tagged) {
            if (sp.type != NameType::Place || sp.a >= a || sp.b != b) continue;
            if (cx_.gaz.find(cx_.an.span_key(sp.a, sp.b)))
                return false;  // the gazetteer knows it whole
            for (std::size_t k = sp.a; k < sp.b; ++k) {
                if (k >= a && k < b) continue;
                if (!toks_[k].word || !toks_[k].cap || is_compass(toks_[k].key)) return false;
            }
            return true;
        }
        return false;
    }

    static bool is_compass(const std::string& k) {
        return WordLists::get().is_name_word("compass", k);
    }

    // Provinces named right after a place and a comma (ProvinceAfter): a news abbreviation
    // ("Calif.", "N.J.", "Ont."; two letters only with a dot or in capitals, "Pa.", "PA") or
    // a gazetteer name of a province ("Maine", "Tennessee"), then the end of the sentence or
    // a comma, dash, bracket or date.
    void find_provinces_after() {
        for (std::size_t c = 1; c + 1 < toks_.size(); ++c) {
            if (toks_[c].text != "," || !toks_[c - 1].cap || !toks_[c + 1].cap) continue;
            if (toks_[c + 1].sentence != toks_[c - 1].sentence) continue;
            ProvinceAfter pa;
            pa.comma = c;
            pa.a = c + 1;
            for (std::size_t b = c + 2; b <= toks_.size() && b <= c + 5; ++b) {
                const Token& last = toks_[b - 1];
                if (!last.word && last.text != ".") break;
                const std::string text = cx_.an.span_text(c + 1, b);
                const std::string key = entity_key(text);
                const int p = gaz_.province_abbreviation(key);
                if (p < 0) continue;
                const bool dotted = text.find('.') != std::string::npos ||
                                    (b < toks_.size() && toks_[b].text == ".");
                if (key.size() <= 2 && !dotted && !toks_[c + 1].upper) continue;
                pa.b = b;
                pa.provinces = {p};
                pa.abbreviation = true;
            }
            if (pa.provinces.empty()) {
                for (const NameMatch& m : cx_.names) {
                    // (a name that is also a country's, "Mexico", "Georgia", is read as the
                    // country there: "CULIACAN, Mexico")
                    if (m.a != c + 1 ||
                        std::any_of(m.entry->places.begin(), m.entry->places.end(), [&](int p) {
                            return gaz_.places()[static_cast<std::size_t>(p)].type == "country";
                        }))
                        continue;
                    for (int p : m.entry->places) {
                        const std::string& type = gaz_.places()[static_cast<std::size_t>(p)].type;
                        if (type == "province" || type == "region") pa.provinces.push_back(p);
                    }
                    pa.b = m.b;
                }
            }
            if (pa.provinces.empty()) continue;
            // what may follow: the sentence's end, a comma, a dash, a bracket, a date
            if (pa.b < toks_.size() && toks_[pa.b].sentence == toks_[pa.a].sentence) {
                const Token& next = toks_[pa.b];
                const bool ends = next.text == "," || next.text == "." || next.text == "(" ||
                                  next.text == ")" || next.text == ";" || next.text == ":" ||
                                  is_dash(next) || is_calendar_word(next.key);
                if (!ends) continue;
            }
            after_.push_back(std::move(pa));
        }
    }

    // Whether place p lies in one of `provinces`.
    bool inside(int p, const std::vector<int>& provinces) const {
        for (int q = p; q >= 0; q = gaz_.places()[static_cast<std::size_t>(q)].parent)
            if (std::find(provinces.begin(), provinces.end(), q) != provinces.end()) return true;
        return false;
    }

    // The place before a province named after it (ProvinceAfter) is the one in that
    // province: "Cleveland, Tennessee", "Portland, Maine", the dateline "MOUNTAIN VIEW,
    // Calif.".  A place the gazetteer does not know there ("OAK BROOK, Ill.") is a town of
    // that province.  An abbreviation is the province too, as its name would be.
    void place_before_provinces() {
        for (const ProvinceAfter& pa : after_) {
            std::size_t province = cands_.size();
            for (std::size_t i = 0; i < cands_.size(); ++i)
                if (!cands_[i].dateline && cands_[i].a == pa.a && cands_[i].b == pa.b) province = i;
            if (province == cands_.size()) {
                // the name was not read as a place here; an abbreviation inside a longer
                // name ("Washington, D.C.") is that name's
                if (!pa.abbreviation || overlaps_candidate(pa.a, pa.b)) continue;
                cands_.push_back(
                    {pa.provinces, pa.a, pa.b, false, false, "gazetteer", {}, -1, 0, {}});
            }
            // the place before the comma: a candidate ending there, or the dateline when the
            // text starts with its words
            Candidate* before = nullptr;
            for (Candidate& c : cands_)
                if (!c.dateline && c.b == pa.comma && c.a < c.b) before = &c;
            const bool at_dateline =
                !cx_.article.dateline.empty() && toks_[0].sentence == toks_[pa.comma].sentence &&
                cx_.an.span_key(0, pa.comma) == entity_key(cx_.article.dateline);
            if (!before && !at_dateline) {
                // a gazetteer town right before its province is that town, whatever else the
                // words around it suggest ("in Cleveland, Tennessee,")
                for (const NameMatch& m : cx_.names) {
                    if (m.b != pa.comma || overlaps_candidate(m.a, m.b)) continue;
                    std::vector<int> in;
                    for (int p : m.entry->places)
                        if (gaz_.places()[static_cast<std::size_t>(p)].type == "city" &&
                            inside(p, pa.provinces))
                            in.push_back(p);
                    bool named = false;
                    for (std::size_t i = m.a; i < m.b; ++i)
                        named |= cx_.in_org[i] || cx_.in_person[i];
                    if (in.empty() || named) continue;
                    cands_.push_back({in, m.a, m.b, false, false, "gazetteer", {}, -1, 0, {}});
                    before = &cands_.back();
                }
            }
            if (!before && at_dateline) {
                for (Candidate& c : cands_)
                    if (c.dateline) before = &c;
                if (!before) {
                    cands_.push_back({{}, 0, pa.comma, true, false, "gazetteer", {}, -1, 0, {}});
                    before = &cands_.back();
                }
            }
            if (!before || !before->cue_kind.empty()) continue;
            // its places in the province, and the provinces that hold them: after a place
            // and a comma, "New York" is the state, not the city
            std::vector<int> in, holding;
            for (int p : before->places) {
                if (std::find(pa.provinces.begin(), pa.provinces.end(), p) != pa.provinces.end())
                    continue;
                for (int q : pa.provinces) {
                    if (!inside(p, {q})) continue;
                    in.push_back(p);
                    if (std::find(holding.begin(), holding.end(), q) == holding.end())
                        holding.push_back(q);
                }
            }
            if (!in.empty()) {
                before->places = std::move(in);
                cands_[province].places = std::move(holding);
                continue;
            }
            // a town the gazetteer lacks, or only namesakes elsewhere, before one province
            // (not a list of provinces or countries, "Punjab, Sindh, and ..."): a town of it
            if (pa.provinces.size() != 1 ||
                std::any_of(before->places.begin(), before->places.end(), [&](int p) {
                    const std::string& type = gaz_.places()[static_cast<std::size_t>(p)].type;
                    return type != "city" && type != "district";
                }))
                continue;
            cands_[province].places = pa.provinces;
            before->places.clear();
            before->cue_kind = "city";
            before->parent = static_cast<int>(province);
            if (before->dateline) {
                before->a = 0;
                before->b = pa.comma;
                before->name = cx_.article.dateline;
                before->source = "dateline";
            }
        }
    }

    // Whether tokens [a, b) overlap a place already found in the text (not the dateline).
    bool overlaps_candidate(std::size_t a, std::size_t b) const {
        return std::any_of(cands_.begin(), cands_.end(),
                           [&](const Candidate& c) { return !c.dateline && c.a < b && a < c.b; });
    }

    // Places the tagger found that no gazetteer name above covers: placed through the
    // gazetteer when it knows the name, else kept unplaced (an empty place list).
    void add_tagged_places() {
        for (const TagSpan& sp : cx_.tagged) {
            if (sp.type != NameType::Place) continue;
            std::size_t a = sp.a, b = sp.b;
            // ("at The Oval", "The Curragh": a capitalised "The" inside a sentence is part
            // of the name)
            while (a < b &&
                   (!toks_[a].word || (toks_[a].key == "the" &&
                                       (!toks_[a].cap || toks_[a].sentence_start || a + 1 == b))))
                ++a;
            while (b > a && !toks_[b - 1].word) --b;
            if (a == b || !toks_[a].cap || is_calendar_word(toks_[a].key)) continue;
            // "Calif." after "Mountain View,": the province, read above
            if (std::any_of(after_.begin(), after_.end(), [&](const ProvinceAfter& pa) {
                    return pa.abbreviation && pa.a < b && a < pa.b;
                }))
                continue;
            // the dateline ("ISLAMABAD:") is counted once, from the article's header
            if (!cx_.article.dateline.empty() && a == 0 && toks_[a].upper) continue;
            bool taken = overlaps_candidate(a, b);
            // (two capitalised words read as a person's name, "Ellis Park", are the place
            // the tagger is sure of)
            for (std::size_t i = a; i < b; ++i)
                if (cx_.in_org[i] || (cx_.in_person[i] && sp.margin < kSurePlaceMargin))
                    taken = true;
            if (taken) continue;
            Candidate c;
            c.a = a;
            c.b = b;
            c.tagged = true;
            c.margin = sp.margin;
            c.source = "tagger";
            if (const NameEntry* e = gaz_.find(cx_.an.span_key(a, b))) c.places = e->places;
            if (named_after_place(a, b, c.places)) continue;
            // a place only the tagger supports needs its confidence, as an organisation does
            if (c.places.empty() && sp.margin < kMinUnplacedMargin && !near_a_place(a, b)) continue;
            cands_.push_back(std::move(c));
        }
    }

    // Villages, tehsils, towns and neighbourhoods the gazetteer lacks, from the words around
    // them, placed under the district or city their sentence names.
    void add_cued_places() {
        for (std::size_t i = 1; i < toks_.size(); ++i) {
            const Token& cue = toks_[i];
            // the capitalised words (numbers inside) before the cue: "Chak 41", "Saadi" (first:
            // most words follow none, and then need no look-up as a cue)
            std::size_t a = i;
            while (a > 0 && i - a < 4 && toks_[a - 1].sentence == cue.sentence &&
                   toks_[a - 1].word &&
                   (toks_[a - 1].cap ||
                    (std::isdigit(static_cast<unsigned char>(toks_[a - 1].text[0])) && a >= 2 &&
                     toks_[a - 2].cap)) &&
                   !toks_[a - 1].sentence_start)
                --a;
            if (a > 0 && toks_[a - 1].text == "-") continue;
            if (a == i || !toks_[a].cap || toks_[a].upper) continue;
            const char* in_name = cue_in_name(cue);
            const char* after = in_name ? nullptr : cue_after_name(cue);
            if (!in_name && !after) continue;
            // "the X area": only with "the" before
            if (std::string_view(after ? after : "") == "area" &&
                (a == 0 || toks_[a - 1].key != "the"))
                continue;
            const std::size_t b = in_name ? i + 1 : i;
            bool taken = overlaps_candidate(a, b);
            for (std::size_t k = a; k < b; ++k)
                if (cx_.in_org[k]) taken = true;  // (a person-like "Orangi Town" is the town)
            if (taken) continue;
            Candidate c;
            c.a = a;
            c.b = b;
            c.source = "context cue";
            c.cue_kind = in_name ? in_name : after;
            // the district or city the sentence names (the nearest before, else after)
            std::size_t best_gap = static_cast<std::size_t>(-1);
            for (std::size_t k = 0; k < cands_.size(); ++k) {
                const Candidate& o = cands_[k];
                if (o.dateline || o.places.empty() || toks_[o.a].sentence != cue.sentence) continue;
                const std::size_t gap = o.a < a ? a - o.a : o.a - a + 1000;
                if (gap < best_gap) {
                    best_gap = gap;
                    c.parent = static_cast<int>(k);
                }
            }
            cands_.push_back(std::move(c));
        }
    }

    int choose(const Candidate& c) const { return choose_place(gaz_, context_, c.places); }

    // Whether the one word of candidate c, placed at pl, is an ordinary English word (for a
    // province or region a plain one, "Gulf", "Plateau"; for a town any, "Mobile", "Split")
    // in any case, though not an acronym the gazetteer knows ("US", "ACT").
    bool word_name(const Candidate& c, const Place& pl) const {
        if (c.b != c.a + 1) return false;
        const Token& t = toks_[c.a];
        if (t.upper) {
            const NameEntry* e = gaz_.find(t.key);
            if (e && e->case_sensitive) return false;
        }
        return pl.type == "province" || pl.type == "region" ? cx_.is_common(t) : cx_.is_word(t);
    }

    // Whether capitals mean nothing at token i: a word in capitals, the first word of a
    // sentence or of the text after a dateline's dash ("LONDON, April 3 - Cocoa futures
    // fell"), a line in title case (no lower-case word of four letters or more).
    bool capitals_say_nothing(std::size_t i) const {
        const Token& t = toks_[i];
        if (t.upper || t.sentence_start) return true;
        if (i > 0 && (toks_[i - 1].text == "-" || toks_[i - 1].text == "--")) return true;
        const Sentence& s = cx_.an.sentences[t.sentence];
        for (std::size_t k = s.first; k < s.last; ++k)
            if (toks_[k].word && toks_[k].text.size() >= 4 &&
                std::islower(static_cast<unsigned char>(toks_[k].text[0])))
                return false;
        return true;
    }

    // Whether the article writes the word of token i capitalised where capitals tell a
    // name: inside a sentence, standing alone (not a part of "Cocoa Exchange") and outside
    // an organisation's name.
    bool capitalised_as_a_name(std::size_t i) const {
        const std::string& key = toks_[i].key;
        for (std::size_t k = 0; k < toks_.size(); ++k) {
            if (toks_[k].key != key || !toks_[k].cap || cx_.in_org[k] || capitals_say_nothing(k))
                continue;
            if ((k > 0 && toks_[k - 1].cap) || (k + 1 < toks_.size() && toks_[k + 1].cap)) continue;
            return true;
        }
        return false;
    }

    // A one-word name that is an ordinary word is the common noun in this article, not the
    // place, when the article also writes the word in lower case ("Cocoa futures fell ...
    // cocoa prices", "STOCK SPLIT ... a two-for-one split"), or when every capitalised
    // mention stands where capitals say nothing (a line in capitals, a sentence start) and
    // the place is no big city (a headline's "PHOENIX" is the city) nor one the tagger is
    // sure of.
    bool ordinary_word_here(const Candidate& c, const Place& pl) const {
        if (c.dateline || !word_name(c, pl)) return false;
        if (written_in_lower_case(cx_.an, toks_[c.a].key)) return true;
        if (pl.type == "city" && pl.population >= kBigCityPopulation) return false;
        // the tagger sure of a place reads more than the capital ("Hove: Sussex 363 (W.
        // Athey 111)", a cricket ground before the score), though not where the word runs
        // on into lower-case words as the ordinary word does ("Normal trading resumed")
        const bool runs_on = c.b < toks_.size() && toks_[c.b].word &&
                             std::islower(static_cast<unsigned char>(toks_[c.b].text[0]));
        if (c.tagged && !toks_[c.a].upper && !runs_on && c.margin >= kSurePlaceMargin) return false;
        return !capitalised_as_a_name(c.a);
    }

    // Whether candidate c, of place p, is a dateline the article's header did not give: a
    // name in capitals opening a line before a comma, a date or a dash, in the text's first
    // three lines or with its country named ("WELLINGTON 1996-08-22" after a byline,
    // "WELLINGTON - New Zealand's budget deficit ..." in a round-up; not "LONG GROVE,
    // ILL.", a longer name).
    bool opening_dateline(const Candidate& c, int p) const {
        const Token& t = toks_[c.a];
        if (!t.upper || c.b >= toks_.size()) return false;
        const std::string& text = cx_.an.text;
        if (t.begin > 0 && text[t.begin - 1] != '\n') return false;
        const std::string& next = toks_[c.b].text;
        if (next != "," && next != "-" && next != "--" &&
            !std::isdigit(static_cast<unsigned char>(next[0])))
            return false;
        return std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(t.begin),
                          '\n') <= 2 ||
               country_named(p);
    }

    // The evidence a place needs beyond the tagger's word or the gazetteer's when its name
    // is an ordinary word of the article: a dateline in the text, a place word after it
    // ("Cocoa town"), its province or country after a comma ("Reading, England"), or, with
    // its country named in the article, a preposition before it ("in Mobile") or a
    // capitalised mention inside a sentence.
    bool place_evidence(const Candidate& c, int p) const {
        if (opening_dateline(c, p)) return true;
        if (c.b < toks_.size() && is_place_word(toks_[c.b].key)) return true;
        if (parent_after_comma(c, p)) return true;
        if (!country_named(p)) return false;
        if (c.a > 0 && toks_[c.a - 1].sentence == toks_[c.a].sentence) {
            const std::string& k = toks_[c.a - 1].key;
            if (k == "in" || k == "at" || k == "near" || k == "from" || k == "to") return true;
        }
        return capitalised_as_a_name(c.a);
    }

    bool country_named(int p) const {
        const Place& pl = gaz_.places()[static_cast<std::size_t>(p)];
        return context_.count(gaz_.country_of(p)) > 0 ||
               (pl.parent >= 0 && context_.count(pl.parent) > 0);
    }

    // "Reading, England" / "Mastung, Balochistan"
    bool parent_after_comma(const Candidate& c, int p) const {
        if (c.b + 1 >= toks_.size() || toks_[c.b].text != ",") return false;
        const Place& pl = gaz_.places()[static_cast<std::size_t>(p)];
        for (const NameMatch& m : cx_.names) {
            if (m.a != c.b + 1) continue;
            for (int q : m.entry->places)
                if (q == pl.parent || q == gaz_.country_of(p)) return true;
        }
        return false;
    }

    // A name that is also an ordinary word ("Mobile", "Reading", "Bath") is a place only
    // with evidence: the dateline, "Reading, England", or "in Reading" with its country
    // named in the article.  The tagger's word is evidence enough unless the article uses
    // the name as the ordinary word (ordinary_word_here).
    bool has_evidence(const Candidate& c, int p) const {
        if (c.dateline) return true;
        const Place& pl = gaz_.places()[static_cast<std::size_t>(p)];
        if (pl.type == "country") return true;
        if (ordinary_word_here(c, pl)) return place_evidence(c, p);
        if (c.tagged) return true;
        const Token& first = toks_[c.a];
        const bool one_word = c.b == c.a + 1 && !first.upper;
        // provinces: only plain words ("Centre", "Plateau"); towns: any word ("Mobile")
        bool common =
            one_word && (pl.type == "province" || pl.type == "region" ? cx_.is_common(first)
                                                                      : cx_.is_word(first));
        bool small_city = pl.type == "city" && pl.population < kStandalonePopulation;
        if (!common && !small_city) return true;
        // "Tank district", "Swat valley"
        if (c.b < toks_.size() && is_place_word(toks_[c.b].key)) return true;
        if (parent_after_comma(c, p)) return true;
        const bool named = country_named(p);
        if (!common) return named;
        // a capitalised word inside a longer name ("Operations Centre") is not a place
        bool standalone =
            (c.a == 0 || !toks_[c.a - 1].cap) && (c.b >= toks_.size() || !toks_[c.b].cap);
        if (standalone && !first.sentence_start && named) return true;
        if (c.a > 0) {
            const std::string& prev = toks_[c.a - 1].key;
            bool prep =
                prev == "in" || prev == "at" || prev == "near" || prev == "from" || prev == "to";
            return prep && named;
        }
        return false;
    }

    void emit(std::vector<Entity>& out) {
        for (const Candidate& c : cands_) {
            if (!c.cue_kind.empty()) {
                add_entity(out, cued(c));
                continue;
            }
            if (c.places.empty()) {
                if (c.tagged) add_entity(out, unplaced(c));
                continue;
            }
            int p = choose(c);
            if (p < 0 || !has_evidence(c, p)) continue;
            Entity e;
            e.found_by.push_back(c.dateline ? "dateline" : c.source);
            if (c.tagged && !c.dateline && std::string_view(c.source) != "tagger")
                e.found_by.push_back("tagger");
            const Place& pl = gaz_.places()[static_cast<std::size_t>(p)];
            e.value = pl.name;
            e.kind = pl.type;
            e.path = gaz_.path_names(p);
            e.path_keys = gaz_.path_keys(p);
            e.path_kinds = gaz_.path_kinds(p);
            e.key = e.path_keys.back();
            if (c.dateline) {
                e.evidence.push_back({"dateline: " + cx_.article.dateline, kNoOffset});
                if (entity_key(cx_.article.dateline) != entity_key(pl.name))
                    e.aliases.push_back(cx_.article.dateline);
            } else {
                const Token& t = toks_[c.a];
                e.evidence.push_back({std::string(cx_.an.sentence_text(t.sentence)), t.begin});
                std::string surface = cx_.an.span_text(c.a, c.b);
                if (entity_key(surface) != entity_key(pl.name)) e.aliases.push_back(surface);
            }
            add_entity(out, std::move(e));
        }
    }

    // A place found by a context cue, under the place its sentence names (if it is one
    // that holds villages and towns: a district, city or province).
    Entity cued(const Candidate& c) {
        int parent = c.parent >= 0 ? choose(cands_[static_cast<std::size_t>(c.parent)]) : -1;
        if (parent >= 0) {
            const std::string& type = gaz_.places()[static_cast<std::size_t>(parent)].type;
            if (type != "city" && type != "district" && type != "province") parent = -1;
        }
        if (parent < 0) {
            Entity e = unplaced(c);
            e.kind = e.path_kinds.back() = c.cue_kind;
            return e;
        }
        Entity e;
        e.value = c.name.empty() ? cx_.an.span_text(c.a, c.b) : c.name;
        e.kind = c.cue_kind;
        e.path = gaz_.path_names(parent);
        e.path_keys = gaz_.path_keys(parent);
        e.path_kinds = gaz_.path_kinds(parent);
        e.path.push_back(e.value);
        e.path_keys.push_back(e.path_keys.back() + "/" + entity_key(e.value));
        e.path_kinds.push_back(c.cue_kind);
        e.key = e.path_keys.back();
        e.found_by.push_back(c.source);
        if (c.dateline) {
            e.evidence.push_back({"dateline: " + cx_.article.dateline, kNoOffset});
            return e;
        }
        const Token& t = toks_[c.a];
        e.evidence.push_back({std::string(cx_.an.sentence_text(t.sentence)), t.begin});
        return e;
    }

    // A place the gazetteer does not know: its own one-level path, of kind "unplaced".
    Entity unplaced(const Candidate& c) const {
        Entity e;
        e.value = cx_.an.span_text(c.a, c.b);
        e.key = entity_key(e.value);
        e.kind = "unplaced";
        e.path = {e.value};
        e.path_keys = {e.key};
        e.path_kinds = {"unplaced"};
        e.found_by.push_back(c.source);
        const Token& t = toks_[c.a];
        e.evidence.push_back({std::string(cx_.an.sentence_text(t.sentence)), t.begin});
        return e;
    }

  private:
    ExtractContext& cx_;
    const Gazetteer& gaz_;
    const std::vector<Token>& toks_;
    std::vector<Candidate> cands_;
    std::vector<ProvinceAfter> after_;
    std::set<int> context_;
    // filled when first asked: see other_reading, is_surname, read_companies
    std::optional<std::map<std::string, std::array<float, 5>>> readings_;
    std::optional<std::set<std::string>> surnames_;
    struct Companies {
        std::set<std::string> names, first_words;
    };
    std::optional<Companies> companies_;
};

}  // namespace

void extract_places(ExtractContext& cx, std::vector<Entity>& out) {
    Places p(cx);
    p.collect();
    p.emit(out);
}

}  // namespace ndx
