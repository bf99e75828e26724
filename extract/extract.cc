// Facet extraction driver: credit lines, the tagger over each sentence, gazetteer
// matching, and the steps in order (acronyms: acronyms.cc).
#include "extract/extract.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

#include "common/normalize.h"
#include "extract/extract_internal.h"
#include "extract/place_choice.h"
#include "extract/word_lists.h"

namespace ndx {

namespace {

// The body without its closing credit line (kept in `source`).
std::string without_credit(std::string_view body, std::string& source) {
    std::size_t cut = 0;
    source = credit_line(body, cut);
    return std::string(source.empty() ? body : body.substr(0, cut));
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::string credit_line(std::string_view body, std::size_t& cut) {
    std::size_t end = body.find_last_not_of(" \t\r\n");
    if (end == std::string_view::npos) return "";
    std::size_t start = body.rfind('\n', end);
    start = start == std::string_view::npos ? 0 : start + 1;
    std::string_view line = body.substr(start, end + 1 - start);
    if (line.size() > 160 || start == 0) return "";  // a credit is short and not the whole text
    const std::string lower = lower_ascii(line);
    std::string_view rest;
    for (std::string_view lead :
         {"published in ", "first published in ", "originally published in ",
          "this article first appeared in ", "this article was first published in ",
          "this article originally appeared in ", "first appeared in "}) {
        if (lower.rfind(lead, 0) == 0) {
            rest = line.substr(lead.size());
            // "Dawn, March 3rd, 2024", "The Express Tribune on March 3"
            std::size_t stop = rest.find(',');
            const std::size_t on = lower_ascii(rest).find(" on ");
            if (on != std::string::npos && on < stop) stop = on;
            // (what follows the name is a date or nothing: "Published in the journal
            // Nature last year, the study found ..." is a sentence)
            const std::string_view tail = stop == std::string_view::npos ? "" : rest.substr(stop);
            rest = rest.substr(0, stop == std::string_view::npos ? rest.size() : stop);
            if (tail.size() > 40 ||
                (!tail.empty() && tail.find_first_of("0123456789") == std::string_view::npos) ||
                rest.empty() ||
                !(std::isupper(static_cast<unsigned char>(rest[0])) ||
                  rest.rfind("the ", 0) == 0) ||
                (rest.rfind("the ", 0) == 0 &&
                 !(rest.size() > 4 && std::isupper(static_cast<unsigned char>(rest[4])))))
                return "";
            break;
        }
    }
    if (rest.empty()) {
        for (std::string_view lead : {"courtesy", "source", "via"}) {
            if (lower.rfind(lead, 0) != 0) continue;
            std::size_t k = lead.size();
            while (k < line.size() && line[k] == ' ') ++k;
            if (k < line.size() && (line[k] == ':' || line[k] == '-')) rest = line.substr(k + 1);
            break;
        }
    }
    // a wire sign-off: "-- AP", "— Reuters" (dashes folded or not)
    if (rest.empty() && (line.rfind("--", 0) == 0 || line.rfind("\xE2\x80\x94", 0) == 0 ||
                         line.rfind("- ", 0) == 0))
        if (std::size_t from = line.find_first_not_of("-\xE2\x80\x94 ");
            from != std::string_view::npos)
            rest = line.substr(from);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':')) rest.remove_prefix(1);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '.')) rest.remove_suffix(1);
    if (rest.size() < 2 || rest.size() > 60 || std::count(rest.begin(), rest.end(), ' ') > 5)
        return "";
    cut = start;
    std::string name(rest);
    // "arab news" -> "Arab News"
    if (std::none_of(name.begin(), name.end(),
                     [](char c) { return std::isupper(static_cast<unsigned char>(c)); })) {
        bool word_start = true;
        for (char& c : name) {
            if (word_start && std::isalpha(static_cast<unsigned char>(c)))
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            word_start = c == ' ';
        }
    }
    return name;
}

ExtractContext::ExtractContext(const Article& a, const Gazetteer& g)
    : article(a), gaz(g), an(analyse(fold_text(without_credit(a.body, source)))) {
    in_org.assign(an.tokens.size(), 0);
    in_person.assign(an.tokens.size(), 0);
    tag_of.assign(an.tokens.size(), NameType::None);
}

namespace {
// The margin the words around a sports side give it (names_a_side): that of an organisation the
// tagger is sure of (tagged_orgs.cc).
constexpr float kSideMargin = 30;
}  // namespace

// The tagger over each sentence of the article.
void run_tagger(ExtractContext& cx, const Tagger& tagger) {
    const auto& toks = cx.an.tokens;
    TagSentence s;
    std::vector<std::string> keys;
    std::vector<float> margins;
    for (const Sentence& sent : cx.an.sentences) {
        if (sent.last <= sent.first) continue;
        // A sentence of three or more lower-case words and no capitalised word, bar an
        // ordinary word opening it, holds no name the tagger would find (it is trained on
        // news that capitalises names); a short line may ("Bury 13 7 4", a table row).
        bool capitalised = toks[sent.first].cap && !cx.is_common(toks[sent.first]);
        std::size_t lower = 0;
        for (std::size_t i = sent.first + 1; i < sent.last && !capitalised; ++i) {
            capitalised = toks[i].cap;
            lower +=
                toks[i].word && std::islower(static_cast<unsigned char>(toks[i].text[0])) ? 1 : 0;
        }
        if (!capitalised && lower >= 3) continue;
        s.words.clear();
        keys.clear();
        for (std::size_t i = sent.first; i < sent.last; ++i) {
            s.words.emplace_back(toks[i].text);
            keys.push_back(toks[i].key);
        }
        s.flags = gazetteer_flags(cx.gaz, keys, s.words);
        s.capitals = capitals_line(s.words);
        for (TagSpan sp : tag_spans(tagger.tag(s, &margins))) {
            sp.margin = margins[sp.a];
            for (std::size_t i = sp.a; i < sp.b; ++i) sp.margin = std::min(sp.margin, margins[i]);
            sp.a += sent.first;
            sp.b += sent.first;
            cx.tagged.push_back(sp);
        }
    }
    // A side named after its town or state is a team ("Preston 2 York 3", "Norwich
    // striker Keith O'Neill", "Multan captain Hamza Iftikhar" read as a person's name);
    // a country's side is the country, as news tags it.  Its other mentions follow it
    // (below).
    auto known_place = [&](const TagSpan& sp) {
        const NameEntry* e = cx.gaz.find(cx.an.span_key(sp.a, sp.b));
        return e && !e->places.empty();
    };
    for (TagSpan& sp : cx.tagged) {
        const bool place_name =
            sp.type == NameType::Place || (sp.type == NameType::Person && known_place(sp));
        if (place_name && names_a_side(cx.gaz, cx.an, sp.a, sp.b)) {
            sp.type = NameType::Organisation;
            sp.margin = std::max(sp.margin, kSideMargin);
        }
    }
    // One reading per name in an article: a name tagged as different types in different
    // sentences ("Preston" the club and "Preston" the town of a sports report) takes the
    // type with the greatest summed margin (when it has more than twice the margin of the
    // span's own reading).
    std::map<std::string, std::array<float, 5>> votes;
    for (const TagSpan& sp : cx.tagged)
        votes[cx.an.span_key(sp.a, sp.b)][static_cast<std::size_t>(sp.type)] += sp.margin;
    for (TagSpan& sp : cx.tagged) {
        const auto& v = votes[cx.an.span_key(sp.a, sp.b)];
        const auto best =
            static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
        const float own = v[static_cast<std::size_t>(sp.type)];
        if (best != static_cast<std::size_t>(sp.type) && v[best] > 2 * own) {
            sp.type = static_cast<NameType>(best);
            sp.margin = 0;  // relabelled: the tagger alone does not make it a value
        }
        for (std::size_t i = sp.a; i < sp.b; ++i) cx.tag_of[i] = sp.type;
    }
}

namespace {
// The token lower-cased, in a buffer of the thread's (valid until the next call).
std::string_view lower_of(const Token& t) {
    thread_local std::string lower;
    lower.clear();
    for (char c : t.text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}
}  // namespace

bool ExtractContext::is_common(const Token& t) const {
    if (!t.word) return false;
    const bool* proper = gaz.common_word(lower_of(t));
    return proper && !*proper;
}

bool ExtractContext::is_word(const Token& t) const {
    return t.word && gaz.common_word(lower_of(t));
}

void add_entity(std::vector<Entity>& out, Entity e) {
    for (Entity& have : out) {
        if (have.key != e.key) continue;
        for (auto& ev : e.evidence) {
            bool dup = std::any_of(have.evidence.begin(), have.evidence.end(),
                                   [&](const Evidence& x) { return x.text == ev.text; });
            if (!dup && have.evidence.size() < 5) have.evidence.push_back(std::move(ev));
        }
        for (auto& a : e.aliases)
            if (std::find(have.aliases.begin(), have.aliases.end(), a) == have.aliases.end())
                have.aliases.push_back(std::move(a));
        for (auto& s : e.found_by)
            if (std::find(have.found_by.begin(), have.found_by.end(), s) == have.found_by.end())
                have.found_by.push_back(std::move(s));
        return;
    }
    out.push_back(std::move(e));
}

std::string org_head_kind(const std::string& key) {
    const std::string* kind = WordLists::get().name_word("org-head", key);
    return kind ? *kind : std::string();
}

// Cue words after a name (data/name-words.tsv): those that are part of the name ("Orangi
// Town", "Rehri Goth"), and those that are not ("Chak 41 village", "Kot Radha Kishan
// tehsil"); each gives the kind of place.
const char* cue_in_name(const Token& t) {
    if (!t.cap) return nullptr;
    const std::string* kind = WordLists::get().name_word("place-cue-in-name", t.key);
    return kind ? kind->c_str() : nullptr;
}
const char* cue_after_name(const Token& t) {
    if (t.cap) return nullptr;
    const std::string* kind = WordLists::get().name_word("place-cue-after", t.key);
    return kind ? kind->c_str() : nullptr;
}

bool place_cue_around(const Analysis& an, std::size_t a, std::size_t b) {
    const auto& toks = an.tokens;
    const WordLists& words = WordLists::get();
    auto in_name = [&](const Token& t) {
        return t.cap && words.is_name_word("place-cue-in-name", t.key);
    };
    if (b > a && in_name(toks[b - 1])) return true;
    while (b < toks.size() && toks[b].word &&
           std::isdigit(static_cast<unsigned char>(toks[b].text[0])))
        ++b;
    if (b >= toks.size()) return false;
    const Token& t = toks[b];
    if (in_name(t)) return true;
    const std::string* after = t.cap ? nullptr : words.name_word("place-cue-after", t.key);
    // "the X area": only with "the" before
    return after && (*after != "area" || (a > 0 && toks[a - 1].key == "the"));
}

bool is_competition(const Analysis& an, std::size_t a, std::size_t b) {
    if (b < a + 2 || an.tokens[b - 1].key != "league") return false;
    return WordLists::get().is_name_word("competition", an.tokens[b - 2].key);
}

namespace {
// A score of a results line: a whole number of one to three digits ("3", "112"), no
// year, date or postcode.
bool is_score(const Token& t) {
    return t.word && !t.text.empty() && t.text.size() <= 3 &&
           std::all_of(t.text.begin(), t.text.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}
}  // namespace

bool has_place_of_type(const Gazetteer& gaz, const std::vector<int>& places,
                       std::initializer_list<std::string_view> types) {
    return std::any_of(places.begin(), places.end(), [&](int p) {
        const std::string& t = gaz.places()[static_cast<std::size_t>(p)].type;
        return std::find(types.begin(), types.end(), t) != types.end();
    });
}

bool speaks_first(const Analysis& an, std::size_t a, std::size_t b) {
    const auto& toks = an.tokens;
    const bool opens = toks[a].sentence_start || a == 0 || !toks[a - 1].word;
    return opens && b < toks.size() && toks[b].sentence == toks[a].sentence && toks[b].word &&
           !toks[b].cap && WordLists::get().speech_verb(toks[b].key);
}

bool may_speak(const Gazetteer& gaz, const std::vector<int>& places) {
    return std::any_of(places.begin(), places.end(), [&](int p) {
        const Place& pl = gaz.places()[static_cast<std::size_t>(p)];
        return pl.type == "country" || pl.type == "province" || pl.type == "region" ||
               pl.population >= kStandalonePopulation;
    });
}

bool in_score_line(const Analysis& an, std::size_t a, std::size_t b) {
    const auto& toks = an.tokens;
    if (b >= toks.size() || !is_score(toks[b])) return false;
    // the line of the name, by the text's line breaks (a results table is cut into
    // sentences in more than one way)
    const std::string& text = an.text;
    const std::size_t nl = text.rfind('\n', toks[a].begin);
    const std::size_t line_begin = nl == std::string::npos ? 0 : nl + 1;
    std::size_t line_end = text.find('\n', toks[a].begin);
    if (line_end == std::string::npos) line_end = text.size();
    std::size_t first = a, last = b;
    while (first > 0 && toks[first - 1].begin >= line_begin) --first;
    while (last < toks.size() && toks[last].end <= line_end) ++last;
    // name, score, name, score (and perhaps more pairs or a note in brackets): no
    // ordinary lower-case word, at least two names each followed by a score
    int pairs = 0;
    for (std::size_t i = first; i < last; ++i) {
        const Token& t = toks[i];
        if (t.text == "(") break;
        if (t.word && !t.cap && !is_score(t)) return false;
        if (t.word && t.cap && i + 1 < last && is_score(toks[i + 1])) ++pairs;
    }
    return pairs >= 2 && toks[first].cap;
}

bool names_a_side(const Gazetteer& gaz, const Analysis& an, std::size_t a, std::size_t b) {
    const NameEntry* e = gaz.find(an.span_key(a, b));
    auto largest_is = [&](std::initializer_list<std::string_view> types) {
        return e && has_place_of_type(gaz, e->places, types);
    };
    // a country's side is the country, as news tags it ("Russia 2 Germany 1")
    if (in_score_line(an, a, b)) return !largest_is({"country"});
    // "Norwich striker Keith O'Neill", "Leicester coach Bob Dwyer"; a country's or a
    // home nation's side stays the place ("England scrum-half Kyran Bracken")
    const auto& toks = an.tokens;
    return b + 1 < toks.size() && toks[b].word && !toks[b].cap &&
           WordLists::get().is_name_word("team-role", toks[b].key) && toks[b + 1].cap &&
           toks[b + 1].word && toks[b + 1].sentence == toks[a].sentence &&
           !largest_is({"country", "province", "region"});
}

bool is_thing_head(std::string_view key) {
    return WordLists::get().is_name_word("thing-head", key);
}

bool is_calendar_word(const std::string& k) { return WordLists::get().is_name_word("calendar", k); }

bool is_date_word(const std::string& k) {
    return is_calendar_word(k) || WordLists::get().is_name_word("date-abbrev", k);
}

bool is_company_form(std::string_view key) {
    return WordLists::get().is_name_word("legal-form", key);
}

// Longest gazetteer names, left to right.  Acronym entries ("US", "TTP") match only
// in capitals; other names need a capitalised first word, and a name that is an
// ordinary English word is not matched at the start of a sentence.
void find_names(ExtractContext& cx) {
    const auto& toks = cx.an.tokens;
    const std::size_t max = cx.gaz.max_words();
    // The Arabic article is written in lower case before a capitalised name ("al-Qaida",
    // "al-Shabab", as AP and Reuters write them).
    auto article_start = [&](std::size_t i) {
        const std::string& w = toks[i].text;
        if ((w.rfind("al-", 0) == 0 || w.rfind("el-", 0) == 0) && w.size() > 3 &&
            std::isupper(static_cast<unsigned char>(w[3])))
            return true;  // one token: "al-Qaida"
        if (toks[i].key != "al" && toks[i].key != "el") return false;
        std::size_t k = i + 1;
        if (k < toks.size() && toks[k].text == "-") ++k;
        return k < toks.size() && toks[k].word && toks[k].cap &&
               toks[k].sentence == toks[i].sentence;
    };
    for (std::size_t i = 0; i < toks.size();) {
        if (!toks[i].word || (!toks[i].cap && !article_start(i))) {
            ++i;
            continue;
        }
        std::size_t best = 0;
        const NameEntry* best_entry = nullptr;
        std::string key;
        std::size_t words = 0;
        for (std::size_t j = i; j < toks.size() && words < max; ++j) {
            const Token& t = toks[j];
            if (t.sentence != toks[i].sentence) break;
            if (!t.word) {
                if (t.text == "-" || t.text == "." || t.text == "&") continue;
                break;
            }
            if (!key.empty()) key += ' ';
            key += t.key;
            ++words;
            const Gazetteer::Lookup found = cx.gaz.lookup(key);
            const NameEntry* e = found.entry;
            bool ok = e != nullptr;
            if (ok && e->case_sensitive) {
                for (std::size_t k = i; k <= j; ++k)
                    if (toks[k].word &&
                        !(toks[k].upper || (toks[k].text.size() <= 2 && toks[k].cap)))
                        ok = false;
            }
            // multi-word names: the last word capitalised too ("Security Council", not
            // "Security council"), bar lower-case joiners inside
            if (ok && j > i && !t.cap && !std::isdigit(static_cast<unsigned char>(t.text[0])))
                ok = false;
            if (ok) {
                best = j + 1;
                best_entry = e;
            }
            if (!found.extends) break;  // no longer name begins with these words
        }
        if (!best_entry) {
            ++i;
            continue;
        }
        bool single = best == i + 1;
        if (single && toks[i].sentence_start && !best_entry->case_sensitive &&
            cx.is_word(toks[i])) {
            ++i;
            continue;
        }
        cx.names.push_back({i, best, best_entry});
        i = best;
    }
}

namespace {

// Facet keys and alias keys become Xapian terms and metadata keys, which hold at most 245
// bytes: a longer "name" (a long run of capitalised words, an acronym of 300 letters) is
// no name, and its term failed the whole indexing run (found by fuzz_extract).
constexpr std::size_t kMaxKeyBytes = 160;

void drop_overlong_names(Facets& f) {
    auto too_long = [](const std::string& key) { return key.size() > kMaxKeyBytes; };
    for (std::vector<Entity>* list : {&f.speakers, &f.locations, &f.groups}) {
        std::erase_if(*list, [&](const Entity& e) { return too_long(e.key); });
        for (Entity& e : *list)
            std::erase_if(e.aliases, [&](const std::string& a) { return too_long(entity_key(a)); });
    }
    std::erase_if(f.statements, [&](const Statement& s) { return too_long(s.speaker_key); });
}

}  // namespace

namespace {

// The places a headline names that the gazetteer knows ("Britain condemns Iraq
// involvement in Arbil attack", "ROMANIA COMELF H1 PROFIT RISE"), read as a text of its own
// (a title made from the body's first sentence is in the body already).  Headline
// organisations and people are left to the body, which names them in full.
void add_headline_places(const Extractor& ex, const ExtractContext& body, const Article& article,
                         Facets& f) {
    if (article.title.empty() || article.title_derived) return;
    // names the body's tagger reads as other names, never as places ("KENT" of a county
    // cricket headline is the side of the report)
    std::map<std::string, std::pair<bool, bool>> read;  // key -> (place, other)
    for (const TagSpan& sp : body.tagged) {
        auto& r = read[body.an.span_key(sp.a, sp.b)];
        (sp.type == NameType::Place ? r.first : r.second) = true;
    }
    // and the short names of the body's companies ("Albemarle" of "Albemarle Corp")
    std::set<std::string> companies;
    for (const Entity& g : f.groups) {
        std::vector<std::string> words;
        std::size_t start = 0;
        for (std::size_t sp = g.value.find(' '); sp != std::string::npos;
             start = sp + 1, sp = g.value.find(' ', start))
            words.push_back(g.value.substr(start, sp - start));
        words.push_back(g.value.substr(start));
        std::size_t e = words.size();
        while (e > 1 && is_company_form(entity_key(words[e - 1]))) --e;
        if (e == words.size()) continue;
        std::string short_name;
        for (std::size_t k = 0; k < e; ++k) short_name += (k ? " " : "") + words[k];
        companies.insert(entity_key(short_name));
    }
    auto other_name = [&](const std::string& surface) {
        const std::string key = entity_key(surface);
        auto it = read.find(key);
        return companies.count(key) || (it != read.end() && it->second.second && !it->second.first);
    };
    Article head;
    head.id = article.id;
    head.body = article.title;
    Facets hf = ex.extract(head);
    for (Entity& e : hf.locations) {
        if (e.kind == "unplaced" || (!e.found_by.empty() && e.found_by[0] == "context cue"))
            continue;
        if (other_name(e.value) || std::any_of(e.aliases.begin(), e.aliases.end(), other_name))
            continue;
        // a one-word name the body writes in lower case is that word ("COCOA EXPORTS SEEN UP"
        // over "cocoa exports", "APPROVES STOCK SPLIT" over "a two-for-one split")
        if (e.kind != "country" && e.value.find(' ') == std::string::npos &&
            body.gaz.is_common_word(entity_key(e.value)) &&
            written_in_lower_case(body.an, entity_key(e.value)))
            continue;
        for (Evidence& ev : e.evidence) ev = {"title: " + article.title, kNoOffset};
        add_entity(f.locations, std::move(e));
    }
}

}  // namespace

Facets Extractor::extract(const Article& article) const {
    ExtractContext cx(article, gaz_);
    find_names(cx);
    if (tagger_) run_tagger(cx, *tagger_);
    find_acronyms(cx);
    Facets f;
    extract_groups(cx, f.groups);
    release_person_spans(cx, f.groups);
    extract_people(cx, f.speakers);
    extract_places(cx, f.locations);
    extract_statements(cx, f.statements);
    merge_shortened_speakers(f.speakers, f.statements);
    if (!article.body.empty()) add_headline_places(*this, cx, article, f);
    drop_overlong_names(f);
    f.source = cx.source;
    return f;
}

}  // namespace ndx
