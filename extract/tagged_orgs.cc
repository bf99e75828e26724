// Organisations only the tagger found (see add_tagged_orgs in extract_internal.h).
#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>

#include "common/normalize.h"
#include "extract/extract_internal.h"
#include "extract/word_lists.h"

namespace ndx {
namespace {

// The capitals opening the words of a name ("Swiss National Bank" -> "SNB").
std::string name_initials(std::string_view name) {
    std::string out;
    bool start = true;
    for (char c : name) {
        if (start && std::isupper(static_cast<unsigned char>(c))) out += c;
        start = c == ' ' || c == '-';
    }
    return out;
}

// The tagger's margin (Tagger::tag) an organisation needs when no other source supports
// it: below it, half of the tagger's organisations on CoNLL-2003 eng.testa are wrong.
constexpr float kMinOrgMargin = 8;
constexpr float kMinPlaceOrgMargin = 15;
// The margin from which the tagger's organisation stands against the context: a province
// it reads as one (a state's side in a standings table), an apposition, "and" a place.
constexpr float kSureOrgMargin = 30;

// Trims the tagger's organisation span sp to [a, b) and takes from it a date, a title and
// the person after it, and a first name cut from the person after it; false when nothing
// of it is an organisation.
bool trim_tagged_org(ExtractContext& cx, const TagSpan& sp, std::size_t& a, std::size_t& b) {
    const auto& toks = cx.an.tokens;
    // "KARACHI, Feb 12 2024 (Reuters)": a date is no organisation
    if (std::all_of(toks.begin() + static_cast<std::ptrdiff_t>(a),
                    toks.begin() + static_cast<std::ptrdiff_t>(b),
                    [](const Token& t) { return !t.word || is_date_word(t.key); })) {
        for (std::size_t k = sp.a; k < sp.b; ++k) cx.tag_of[k] = NameType::None;
        return false;
    }
    // "SNB Chairman Thomas Jordan", "Interior Minister Sarfraz Bugti": a title and what
    // follows it are a person; before it, an acronym or a name with a head word may
    // remain ("SNB")
    std::size_t title = a;
    while (title < b && !is_person_title(toks[title]) && !is_role(toks[title].key)) ++title;
    if (title < b) {
        for (std::size_t k = title; k < sp.b; ++k) cx.tag_of[k] = NameType::None;
        b = title;
        while (b > a && (!toks[b - 1].word || is_joiner(toks[b - 1]))) --b;
        bool head = b == a + 1 && toks[a].upper;
        for (std::size_t k = a; k < b; ++k) head |= !org_head_kind(toks[k].key).empty();
        if (!head) {
            for (std::size_t k = sp.a; k < b; ++k) cx.tag_of[k] = NameType::None;
            return false;
        }
    }
    // "... Financial Intelligence Brian E. Nelson": a first name cut from the person
    // the tagger reads right after the organisation belongs to that person
    if (b == sp.b && b - a >= 3 && toks[b - 1].cap && org_head_kind(toks[b - 1].key).empty() &&
        !is_company_form(toks[b - 1].key) && b < toks.size() && toks[b].cap &&
        (cx.tag_of[b] == NameType::Person ||
         // an initial and a surname: "E. Nelson"
         (toks[b].text.size() == 2 && toks[b].text[1] == '.' && b + 1 < toks.size() &&
          toks[b + 1].cap))) {
        --b;
        cx.tag_of[b] = NameType::Person;
        // "Under Secretary of the Treasury for Terrorism and Financial Intelligence
        // Brian E. Nelson": a title from the role word to the person, not a group
        std::size_t r = a;
        if (r > 0 && toks[r - 1].key == "the") --r;
        if (r >= 2 && toks[r - 1].key == "of" && is_role(toks[r - 2].key)) {
            for (std::size_t k = sp.a; k < b; ++k) cx.tag_of[k] = NameType::None;
            return false;
        }
    }
    return true;
}

// Whether tokens [a, b) are a place's name and a plural noun, the way sides, franchises
// and companies are named ("Karachi Kings", "Quetta Gladiators", "Dallas Cowboys", "Texas
// Instruments"): a person's name does not end with a plural noun.
bool named_after_place_plural(const ExtractContext& cx, std::size_t a, std::size_t b) {
    const auto& toks = cx.an.tokens;
    if (b < a + 2) return false;
    const Token& last = toks[b - 1];
    if (!last.cap || last.upper || last.key.size() < 4 || !last.key.ends_with('s') ||
        last.key.ends_with("ss") || !cx.is_word(last))
        return false;
    const std::string singular = last.key.substr(0, last.key.size() - 1);
    if (!cx.gaz.is_common_word(singular)) return false;
    return std::any_of(cx.names.begin(), cx.names.end(), [&](const NameMatch& m) {
        return m.a == a && m.b < b && !m.entry->places.empty();
    });
}

// True when the span [a, b) of sp is another kind of name (a place, an event) or lacks the
// tagger's confidence: its tokens are retagged.  e: the gazetteer's entry of the span.
bool not_tagged_org(ExtractContext& cx, const TagSpan& sp, std::size_t a, std::size_t b,
                    const NameEntry* e) {
    const auto& toks = cx.an.tokens;
    // "Chak 41 village", "Orangi Town": a place by the words around it
    if (place_cue_around(cx.an, a, b)) {
        for (std::size_t k = sp.a; k < sp.b; ++k) cx.tag_of[k] = NameType::None;
        return true;
    }
    // a mountain pass, a valley, a river ("Babusar Pass"): a place, not a group
    if (b > a + 1 && WordLists::get().is_name_word("geo-head", toks[b - 1].key)) {
        for (std::size_t k = sp.a; k < sp.b; ++k) cx.tag_of[k] = NameType::Place;
        return true;
    }
    // an event, a law, a road or a competition ("Premier League" is one in CoNLL)
    if (is_thing_head(toks[b - 1].key) || is_competition(cx.an, a, b)) {
        for (std::size_t k = sp.a; k < sp.b; ++k) cx.tag_of[k] = NameType::Misc;
        return true;
    }
    // "the US said", "Khyber Pakhtunkhwa announced": a country or province acting is
    // the place, not an organisation (a province the tagger is sure of is a state's side:
    // "MINNESOTA 67 67 .500")
    if (e && e->orgs.empty() && std::any_of(e->places.begin(), e->places.end(), [&](int p) {
            const std::string& type = cx.gaz.places()[static_cast<std::size_t>(p)].type;
            return type == "country" || (type == "province" && sp.margin < kSureOrgMargin);
        })) {
        for (std::size_t k = sp.a; k < sp.b; ++k) cx.tag_of[k] = NameType::Place;
        return true;
    }
    // an organisation only the tagger saw needs its confidence
    // (more when a place's name is in it, "Northern Balochistan", "Zhob Garrison", or
    // when it is all ordinary words, "Counterterrorism Dialogue")
    const bool place_inside = std::any_of(
        cx.names.begin(), cx.names.end(),
        [&](const NameMatch& m) { return m.a < b && a < m.b && !m.entry->places.empty(); });
    bool ordinary = true;
    for (std::size_t k = a; k < b; ++k)
        if (toks[k].word && !is_joiner(toks[k]) && (toks[k].upper || !cx.is_common(toks[k])))
            ordinary = false;
    const float need = named_after_place_plural(cx, a, b) ? 0
                       : place_inside || ordinary         ? kMinPlaceOrgMargin
                                                          : kMinOrgMargin;
    if (sp.margin < need && !(e && !e->orgs.empty())) {
        for (std::size_t k = sp.a; k < sp.b; ++k) cx.tag_of[k] = NameType::None;
        return true;
    }
    return false;
}

bool is_number(const Token& t) {
    return !t.text.empty() && std::all_of(t.text.begin(), t.text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

// Whether tokens [a, b) lie in the dateline that opens their sentence, before its date:
// "ROSEMONT, ILL., Oct 19 - ...", "ST. LOUIS, March 3 -", "KARACHI, Feb 12 2024 (Reuters)
// -". The words of a dateline are its place, the place's state or country and the date,
// never an organisation (the state abbreviations "ILL.", "MICH.", "PA." read as acronyms).
bool in_dateline(const ExtractContext& cx, std::size_t a, std::size_t b) {
    const auto& toks = cx.an.tokens;
    const std::size_t first = cx.an.sentences[toks[a].sentence].first;
    if (!toks[first].word || !toks[first].cap) return false;
    // the place and its state: capitalised words, commas and full stops
    std::size_t k = first;
    while (k < toks.size() && k < first + 8 && toks[k].sentence == toks[a].sentence &&
           ((toks[k].word && toks[k].cap && !is_date_word(toks[k].key)) || toks[k].text == "," ||
            toks[k].text == "."))
        ++k;
    // the date: a month and its day
    if (b > k || k + 1 >= toks.size() || !toks[k].word || !is_date_word(toks[k].key) ||
        !is_number(toks[k + 1]))
        return false;
    // then a year, a credit in brackets, and the dash
    for (std::size_t d = k + 2; d < toks.size() && d < k + 8; ++d) {
        if (is_dash(toks[d])) return true;
        if (!is_number(toks[d]) && toks[d].text != "," && toks[d].text != "(" &&
            toks[d].text != ")" && !(toks[d].word && toks[d].cap))
            return false;
    }
    return false;
}

// Whether token t is written like a credit rating: the letters A, B and C as agencies
// write them ("AA", "BBB", "CCC", "Aa", "Baa"), then a sign, a digit or "-plus"/"-minus"
// ("A-2", "AA+", "B-minus", "Aa-3"). `bare`: whether one letter alone counts.
bool rating_shaped(const Token& t, bool bare) {
    std::string_view w = t.text;
    if (w.ends_with('.')) w.remove_suffix(1);  // "from B." at a sentence's end
    for (std::string_view tail : {"-plus", "-minus", "-PLUS", "-MINUS"})
        if (w.size() > tail.size() && w.ends_with(tail)) {
            w.remove_suffix(tail.size());
            bare = true;
        }
    while (!w.empty() && (w.back() == '+' || w.back() == '-' ||
                          std::isdigit(static_cast<unsigned char>(w.back())))) {
        w.remove_suffix(1);
        bare = true;
    }
    if (w.empty() || w.size() > 3 || (w.size() == 1 && !bare)) return false;
    if (w[0] != 'A' && w[0] != 'B' && w[0] != 'C') return false;
    bool lower = false;
    for (std::size_t i = 1; i < w.size(); ++i) {
        if (w[i] == 'a') {
            lower = true;
            continue;
        }
        if (lower || (w[i] != 'A' && w[i] != 'B' && w[i] != 'C')) return false;
    }
    // (the letters repeat or fall: "AA", "BBB", "Baa", not "CBA" or "ABC")
    for (std::size_t i = 1; i < w.size(); ++i)
        if (w[i] != 'a' && w[i] < w[i - 1]) return false;
    return w.size() == 1 || lower || w[1] == w[0];
}

// Whether token i is a credit rating: rating-shaped, in a sentence that speaks of a rating
// ("rated", "rating") or holds another rating ("to BB from B", "rates the notes Aa-3 and
// ... AA").
bool is_rating(const ExtractContext& cx, std::size_t i) {
    const auto& toks = cx.an.tokens;
    if (!rating_shaped(toks[i], false)) return false;
    const Sentence& st = cx.an.sentences[toks[i].sentence];
    for (std::size_t k = st.first; k < st.last; ++k) {
        if (k == i) continue;
        const std::string& key = toks[k].key;
        if (key == "rated" || key == "rating" || key == "ratings") return true;
        if (toks[k].text == toks[i].text) continue;
        const bool after_from_to =
            k > st.first && (toks[k - 1].key == "from" || toks[k - 1].key == "to");
        if (rating_shaped(toks[k], after_from_to)) return true;
    }
    return false;
}

// Whether sentence s is written in capitals (a headline): three or more words of two or
// more letters, every one in capitals.
bool caps_line(const Analysis& an, std::size_t s) {
    const Sentence& st = an.sentences[s];
    std::size_t words = 0;
    for (std::size_t k = st.first; k < st.last; ++k) {
        const Token& t = an.tokens[k];
        if (!t.word) continue;
        const auto letters = std::count_if(t.text.begin(), t.text.end(), [](char c) {
            return std::isalpha(static_cast<unsigned char>(c)) != 0;
        });
        if (letters < 2) continue;
        if (!t.upper) return false;
        ++words;
    }
    return words >= 3;
}

// Whether the one-word name at token a is an ordinary word with a possessive in a headline
// in capitals, and the article writes it in capitals nowhere else ("MOODY'S AFFIRMS ...",
// "TREASURY'S BAKER ..."): the headline's capitals, not an acronym; the body names the
// organisation as it is written ("Moody's"). An acronym or a company's coined name keeps
// its possessive ("FDIC'S SEIDMAN SAYS", "TEXACO'S DEBT"), and so does a headline word
// without one ("FORD EXTENDS ...", "SENATE DEFEATS ...").
bool headline_capitals(const ExtractContext& cx, std::size_t a) {
    const auto& toks = cx.an.tokens;
    const Token& t = toks[a];
    if (!t.upper || a + 1 >= toks.size() || toks[a + 1].text != "'s" || !cx.is_word(t))
        return false;
    if (!caps_line(cx.an, t.sentence)) return false;
    for (std::size_t k = 0; k < toks.size(); ++k)
        if (toks[k].text == t.text && toks[k].sentence != t.sentence &&
            !caps_line(cx.an, toks[k].sentence))
            return false;
    return true;
}

// Whether the acronym at token a is one the article spells out in ordinary lower-case
// words: "gross national product (GNP)", "certificates of deposit (CD)" name a measure or
// an instrument, not an organisation.
bool spelled_as_common_phrase(const ExtractContext& cx, std::size_t a) {
    const auto& toks = cx.an.tokens;
    const std::string& acr = toks[a].text;
    for (std::size_t i = 1; i + 2 < toks.size(); ++i) {
        if (toks[i].text != "(" || toks[i + 1].text != acr || toks[i + 2].text != ")") continue;
        // the initials of the lower-case words before the bracket ("of", "and" and "the"
        // skipped), and of the parts of a hyphenated one ("payment-in-kind (PIK)",
        // "last-in, first-out (LIFO)")
        std::string initials;
        std::size_t k = i;
        while (k > 0 && initials.size() < acr.size() + 3) {
            const Token& w = toks[k - 1];
            if (w.sentence != toks[i].sentence) break;
            --k;
            if (w.text == "," && k < i - 1) continue;
            if (!w.word || w.cap) break;
            std::string mine;
            if (w.text.find('-') != std::string::npos) {
                for (std::size_t p = 0; p < w.text.size(); p = w.text.find('-', p) + 1) {
                    mine += static_cast<char>(std::toupper(static_cast<unsigned char>(w.text[p])));
                    if (w.text.find('-', p) == std::string::npos) break;
                }
            } else if (w.key != "of" && w.key != "and" && w.key != "the") {
                mine += static_cast<char>(std::toupper(static_cast<unsigned char>(w.text[0])));
            }
            initials.insert(0, mine);
            // (a phrase headed by an organisation's word is one: "multilateral investment
            // guarantee agency (MIGA)")
            if (initials.size() >= acr.size() && initials.ends_with(acr))
                return org_head_kind(toks[i - 1].key).empty();
        }
    }
    return false;
}

// Whether the tagger's organisation [a, b) is a word that only looks like one: a
// dateline's place or state, a credit rating, a headline's word in capitals, an acronym of
// a common phrase.
bool not_an_org(const ExtractContext& cx, std::size_t a, std::size_t b, const NameEntry* e) {
    if (e && !e->orgs.empty()) return false;
    if (in_dateline(cx, a, b)) return true;
    if (b != a + 1 || cx.acronyms.count(cx.an.tokens[a].text)) return false;
    return is_rating(cx, a) || headline_capitals(cx, a) || spelled_as_common_phrase(cx, a);
}

// Adds the organisation [a, b) the tagger found (e: its gazetteer entry, if any).
void add_tagged_org(ExtractContext& cx, std::size_t a, std::size_t b, const NameEntry* e) {
    const auto& toks = cx.an.tokens;
    OrgMention m;
    m.a = a;
    m.b = b;
    m.source = "tagger";
    // "SNB" in an article about the Swiss National Bank that never defines it: an
    // acronym that spells another organisation's initials there is that organisation
    if (b == a + 1 && toks[a].upper && !(e && !e->orgs.empty())) {
        const auto same = std::find_if(cx.orgs.begin(), cx.orgs.end(), [&](const OrgMention& o) {
            const std::string name =
                o.org >= 0 ? cx.gaz.orgs()[static_cast<std::size_t>(o.org)].name : o.name;
            return name_initials(name) == toks[a].text;
        });
        if (same != cx.orgs.end()) {
            m.org = same->org;
            m.name = same->name;
            m.kind = same->kind;
            cx.orgs.push_back(m);
            mark_org(cx, a, b);
            return;
        }
    }
    if (e && !e->orgs.empty()) {
        m.org = e->orgs.front();
    } else {
        m.name = cx.an.span_text(a, b);
        for (std::size_t k = b; k > a && m.kind.empty(); --k)
            m.kind = org_head_kind(toks[k - 1].key);
        if (m.kind.empty()) m.kind = "other";
    }
    cx.orgs.push_back(m);
    mark_org(cx, a, b);
}

}  // namespace

// Organisations the tagger found that no gazetteer name, acronym or organisation shape
// covers: a one-word company (Heineken), a name without a head word (Corriere della Sera),
// an acronym the article does not define (USDA), a club named after its town.
namespace {

// Whether the name ending before token b is followed by an apposition that says it is a
// place: "Parachinar, the district headquarters,", "Velten, a town near Berlin".
bool place_apposition(const ExtractContext& cx, std::size_t b) {
    const auto& toks = cx.an.tokens;
    if (b + 2 >= toks.size() || toks[b].text != "," ||
        (toks[b + 1].key != "the" && toks[b + 1].key != "a" && toks[b + 1].key != "an"))
        return false;
    for (std::size_t k = b + 2; k < toks.size() && k < b + 6; ++k) {
        const Token& t = toks[k];
        if (!t.word || t.cap || t.sentence != toks[b].sentence) return false;
        // ("the city's largest employer" is about the city, not an apposition)
        if (k + 1 < toks.size() && toks[k + 1].text == "'s") return false;
        if (t.key != "capital" && t.key != "headquarters" && t.key != "port" &&
            !WordLists::get().is_name_word("place-word", t.key))
            continue;
        // the head of the apposition: at its end or before a preposition ("the state
        // copper miner" is no state)
        if (k + 1 >= toks.size() || !toks[k + 1].word) return true;
        const std::string& next = toks[k + 1].key;
        if (next == "of" || next == "in" || next == "near" || next == "on" || next == "at")
            return true;
    }
    return false;
}

// Whether tokens [a, b) are joined by "and" or "or" to a place right before them: a
// gazetteer place or a place a cue word ends ("Orangi Town and Gulshan-e-Iqbal").
bool joined_to_place(const ExtractContext& cx, std::size_t a) {
    const auto& toks = cx.an.tokens;
    if (a < 2 || (toks[a - 1].key != "and" && toks[a - 1].key != "or") ||
        toks[a - 2].sentence != toks[a].sentence)
        return false;
    const std::size_t end = a - 1;  // the place before ends at token a - 2
    // (read as a place by the tagger too: "Sussex and Kent" of a county table are sides)
    if (cx.tag_of[end - 1] != NameType::Place) return false;
    if (cue_in_name(toks[end - 1])) return true;
    return std::any_of(cx.names.begin(), cx.names.end(), [&](const NameMatch& m) {
        return m.b == end && !m.entry->places.empty() && m.entry->orgs.empty();
    });
}

// Whether the words around a name the tagger reads as a person's, without being sure, say
// it is a place: a place word after it ("the eastern Sharqiyah province"), a country or
// province after a comma and one word ("over Lockerbie, Scotland."), or, for a name the
// gazetteer knows as a place, a preposition of place before it ("held in Gujrat").
bool placed_by_words(const ExtractContext& cx, const TagSpan& sp) {
    const auto& toks = cx.an.tokens;
    if (sp.type != NameType::Person || sp.margin >= kSureOrgMargin) return false;
    const std::size_t a = sp.a, b = sp.b;
    // ("Chak Jalal village": the context cues place it, under the district named)
    if (place_cue_around(cx.an, a, b)) return false;
    const bool same_sentence_after = b < toks.size() && toks[b].sentence == toks[a].sentence;
    if (same_sentence_after && toks[b].word && !toks[b].cap && toks[b].key != "agency" &&
        WordLists::get().is_name_word("place-word", toks[b].key))
        return true;
    if (same_sentence_after && toks[b].text == "'s") return false;
    const NameEntry* e = cx.gaz.find(cx.an.span_key(a, b));
    if (e && !e->places.empty() && a > 0 && toks[a - 1].sentence == toks[a].sentence &&
        (toks[a - 1].key == "in" || toks[a - 1].key == "near" || toks[a - 1].key == "outside"))
        return true;
    // ", Scotland." / ", Scotland," after one word: the place's country or province
    if (b != a + 1 || !same_sentence_after || toks[b].text != "," || b + 1 >= toks.size())
        return false;
    for (const NameMatch& m : cx.names) {
        if (m.a != b + 1) continue;
        return has_place_of_type(cx.gaz, m.entry->places, {"country", "province"}) &&
               (m.b >= toks.size() || !toks[m.b].word);
    }
    return false;
}

// Whether the words around the name sp, read as a place or a person's name, say it is a
// company (not a country, a province or a large city, which speak and trade through their
// governments and markets): it opens a clause as the subject of a speech verb ("SYDNEY -
// Rio Tinto said"), or shares or a stake are in it ("Shares in Rio rose", "a stake in
// Glencore", "Glencore shares").
bool company_by_words(const ExtractContext& cx, const TagSpan& sp) {
    const auto& toks = cx.an.tokens;
    if (sp.type != NameType::Place && sp.type != NameType::Person) return false;
    const std::size_t a = sp.a, b = sp.b;
    const bool in_it = a >= 2 && toks[a - 1].key == "in" &&
                       toks[a - 2].sentence == toks[a].sentence &&
                       (toks[a - 2].key == "shares" || toks[a - 2].key == "stake");
    const bool shares_after = b < toks.size() && toks[b].sentence == toks[a].sentence &&
                              !toks[b].cap && toks[b].key == "shares";
    // (a place the tagger is sure of speaking is still no place: "Rio Tinto said")
    const bool place_speaks = sp.type == NameType::Place && speaks_first(cx.an, a, b);
    if (!place_speaks && ((!in_it && !shares_after) || sp.margin >= kSureOrgMargin)) return false;
    const NameEntry* e = cx.gaz.find(cx.an.span_key(a, b));
    return !(e && may_speak(cx.gaz, e->places));
}

// Gives the tagged name sp the type the words around it say it has: the context vouches for
// it as the tagger would for a sure reading.
void retype(ExtractContext& cx, TagSpan& sp, NameType type) {
    sp.type = type;
    sp.margin = std::max(sp.margin, kSureOrgMargin);
    for (std::size_t k = sp.a; k < sp.b; ++k) cx.tag_of[k] = type;
}

// Names the words around them make places: retyped as places, for the places to take.
void retype_placed_names(ExtractContext& cx) {
    std::set<std::string> placed;
    for (const TagSpan& sp : cx.tagged)
        if (sp.type != NameType::Place && (place_apposition(cx, sp.b) || placed_by_words(cx, sp)))
            placed.insert(cx.an.span_key(sp.a, sp.b));
    for (TagSpan& sp : cx.tagged) {
        if (sp.margin >= kSureOrgMargin && !placed.count(cx.an.span_key(sp.a, sp.b))) continue;
        // an apposition makes a place of an organisation's or a person's reading ("Zarghun
        // Kalay, the district headquarters" read as a person); "and" only of an
        // organisation's ("talks between Pakistan and Imran Khan")
        const bool apposed = placed.count(cx.an.span_key(sp.a, sp.b)) > 0;
        if (!(apposed && (sp.type == NameType::Organisation || sp.type == NameType::Person)) &&
            !(sp.type == NameType::Organisation && sp.margin < kSureOrgMargin &&
              joined_to_place(cx, sp.a)))
            continue;
        retype(cx, sp, NameType::Place);
    }
}

// Names the words around them make companies: retyped as organisations, every mention of
// the name (one reading per name).
void retype_companies(ExtractContext& cx) {
    std::set<std::string> companies;
    for (const TagSpan& sp : cx.tagged)
        if (company_by_words(cx, sp)) companies.insert(cx.an.span_key(sp.a, sp.b));
    if (companies.empty()) return;
    for (TagSpan& sp : cx.tagged)
        if ((sp.type == NameType::Place || sp.type == NameType::Person) &&
            companies.count(cx.an.span_key(sp.a, sp.b)))
            retype(cx, sp, NameType::Organisation);
}

bool lower_after_hyphen(const std::string& word) {
    const std::size_t h = word.rfind('-');
    return h != std::string::npos && h + 1 < word.size() &&
           std::islower(static_cast<unsigned char>(word[h + 1]));
}

// Groups named after a person, with the lower-case word that says they are one: "the Hafiz
// Gul Bahadur group", "a rival Wali Rehman faction", "the Haqqani network" (class
// group-tail of data/name-words.tsv). The name is one to four capitalised words after "the"
// or a lower-case word, no acronym ("a Polish SPC group" is a group of companies), no head
// word of an organisation's name, and no place or organisation the gazetteer knows ("the
// Asia group"); a name already read as an organisation is left to that reading.
void add_groups_named_after_people(ExtractContext& cx) {
    const auto& toks = cx.an.tokens;
    for (std::size_t t = 1; t < toks.size(); ++t) {
        if (!toks[t].word || toks[t].cap) continue;
        // the name before the word first: most words follow none, and then need no look-up
        std::size_t a = t;
        while (a > 0 && t - a < 6 && toks[a - 1].sentence == toks[t].sentence &&
               ((toks[a - 1].word && toks[a - 1].cap && !toks[a - 1].upper &&
                 toks[a - 1].key != "the") ||
                (toks[a - 1].text == "-" && a >= 2 && toks[a - 2].cap)))
            --a;
        if (a == t || a == 0 || t - a > 4 || !toks[a].word) continue;
        if (!WordLists::get().is_name_word("group-tail", toks[t].key)) continue;
        const Token& before = toks[a - 1];
        if (before.sentence != toks[t].sentence || !before.word ||
            (before.cap && before.key != "the"))
            continue;
        bool ok = true;
        // (the tagger's reading of a nationality or an event is not a person's:
        // "the European group", "a Hong Kong-based group", "the World Cup group")
        for (std::size_t k = a; k < t && ok; ++k)
            ok = !cx.in_org[k] && !is_calendar_word(toks[k].key) &&
                 cx.tag_of[k] != NameType::Misc &&
                 (!toks[k].word ||
                  (org_head_kind(toks[k].key).empty() && !lower_after_hyphen(toks[k].text)));
        const NameEntry* e = cx.gaz.find(cx.an.span_key(a, t));
        if (!ok || (e && (!e->places.empty() || !e->orgs.empty()))) continue;
        OrgMention m;
        m.a = a;
        m.b = t + 1;
        m.name = cx.an.span_text(a, t + 1);
        m.kind = "other";
        m.source = "organisation shape";
        cx.orgs.push_back(m);
        mark_org(cx, a, t + 1);
    }
}
}  // namespace

void add_tagged_orgs(ExtractContext& cx) {
    const auto& toks = cx.an.tokens;
    retype_placed_names(cx);
    retype_companies(cx);
    add_groups_named_after_people(cx);
    for (const TagSpan& sp : cx.tagged) {
        if (sp.type != NameType::Organisation) continue;
        std::size_t a = sp.a, b = sp.b;
        while (a < b && (!toks[a].word || is_leading_modifier(toks[a].key))) ++a;
        while (b > a && !toks[b - 1].word) --b;
        if (a == b || !toks[a].cap) continue;
        if (!trim_tagged_org(cx, sp, a, b)) continue;
        const NameEntry* e = cx.gaz.find(cx.an.span_key(a, b));
        if (not_tagged_org(cx, sp, a, b, e)) continue;
        if (not_an_org(cx, a, b, e)) {
            for (std::size_t k = sp.a; k < sp.b; ++k) cx.tag_of[k] = NameType::None;
            continue;
        }
        if (std::any_of(cx.in_org.begin() + static_cast<std::ptrdiff_t>(a),
                        cx.in_org.begin() + static_cast<std::ptrdiff_t>(b),
                        [](char c) { return c != 0; }))
            continue;
        add_tagged_org(cx, a, b, e);
    }
}

}  // namespace ndx
