// Organisations only the tagger found (see add_tagged_orgs in extract_internal.h).
#include <algorithm>
#include <cctype>
#include <set>

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
        if (std::any_of(cx.in_org.begin() + static_cast<std::ptrdiff_t>(a),
                        cx.in_org.begin() + static_cast<std::ptrdiff_t>(b),
                        [](char c) { return c != 0; }))
            continue;
        add_tagged_org(cx, a, b, e);
    }
}

}  // namespace ndx
