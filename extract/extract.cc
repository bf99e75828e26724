// Facet extraction driver, gazetteer matching and acronym definitions.
#include "extract/extract.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <unordered_map>

#include "common/normalize.h"
#include "extract/extract_internal.h"

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
    for (std::string_view lead : {"published in ", "first published in ", "originally published in ",
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
            if (tail.size() > 40 || (!tail.empty() && tail.find_first_of("0123456789") == std::string_view::npos) ||
                rest.empty() || !(std::isupper(static_cast<unsigned char>(rest[0])) || rest.rfind("the ", 0) == 0) ||
                (rest.rfind("the ", 0) == 0 && !(rest.size() > 4 && std::isupper(static_cast<unsigned char>(rest[4])))))
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
        if (std::size_t from = line.find_first_not_of("-\xE2\x80\x94 "); from != std::string_view::npos)
            rest = line.substr(from);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':')) rest.remove_prefix(1);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '.')) rest.remove_suffix(1);
    if (rest.size() < 2 || rest.size() > 60 || std::count(rest.begin(), rest.end(), ' ') > 5) return "";
    cut = start;
    std::string name(rest);
    // "arab news" -> "Arab News"
    if (std::none_of(name.begin(), name.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); })) {
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

// The tagger over each sentence of the article.
void run_tagger(ExtractContext& cx, const Tagger& tagger) {
    const auto& toks = cx.an.tokens;
    TagSentence s;
    std::vector<std::string> keys;
    std::vector<float> margins;
    for (const Sentence& sent : cx.an.sentences) {
        if (sent.last <= sent.first) continue;
        s.words.clear();
        keys.clear();
        for (std::size_t i = sent.first; i < sent.last; ++i) {
            s.words.emplace_back(toks[i].text);
            keys.push_back(toks[i].key);
        }
        s.flags = gazetteer_flags(cx.gaz, keys, s.words);
        prepare(s);
        for (TagSpan sp : tag_spans(tagger.tag(s, &margins))) {
            sp.margin = margins[sp.a];
            for (std::size_t i = sp.a; i < sp.b; ++i) sp.margin = std::min(sp.margin, margins[i]);
            sp.a += sent.first;
            sp.b += sent.first;
            cx.tagged.push_back(sp);
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
        const auto best = static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
        const float own = v[static_cast<std::size_t>(sp.type)];
        if (best != static_cast<std::size_t>(sp.type) && v[best] > 2 * own) {
            sp.type = static_cast<NameType>(best);
            sp.margin = 0;  // relabelled: the tagger alone does not make it a value
        }
        for (std::size_t i = sp.a; i < sp.b; ++i) cx.tag_of[i] = sp.type;
    }
}

namespace {
std::string lower_of(const Token& t) {
    std::string lower;
    for (char c : t.text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}
}  // namespace

bool ExtractContext::is_common(const Token& t) const {
    if (!t.word) return false;
    const std::string lower = lower_of(t);
    return gaz.is_common_word(lower) && !gaz.is_proper_word(lower);
}

bool ExtractContext::is_word(const Token& t) const {
    return t.word && gaz.is_common_word(lower_of(t));
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
    static const std::vector<std::pair<const char*, const char*>> kHeads = {
        {"ministry", "government"},   {"department", "government"},
        {"directorate", "government"}, {"secretariat", "government"},
        {"commission", "government"}, {"authority", "government"},
        {"agency", "government"},     {"bureau", "government"},
        {"office", "government"},     {"council", "government"},
        {"committee", "government"},  {"assembly", "government"},
        {"parliament", "government"}, {"senate", "government"},
        {"cabinet", "government"},    {"court", "government"},
        {"tribunal", "government"},   {"police", "government"},
        {"constabulary", "government"},
        {"army", "military"},         {"navy", "military"},
        {"corps", "military"},        {"force", "military"},
        {"forces", "military"},       {"brigade", "military"},
        {"brigades", "military"},     {"battalion", "military"},
        {"regiment", "military"},     {"guard", "military"},
        {"guards", "military"},       {"militia", "militant"},
        {"levies", "military"},
        {"front", "militant"},        {"movement", "militant"},
        {"wing", "intelligence"},     {"party", "political"},
        {"league", "political"},      {"institute", "other"},
        {"institution", "other"},     {"university", "other"},
        {"college", "other"},         {"academy", "other"},
        {"foundation", "other"},      {"association", "other"},
        {"federation", "other"},      {"union", "other"},
        {"organisation", "other"},    {"organization", "other"},
        {"society", "other"},         {"centre", "other"},
        {"center", "other"},          {"trust", "other"},
        {"fund", "other"},            {"bank", "other"},
        {"company", "other"},         {"corporation", "other"},
        {"corp", "other"},            {"inc", "other"},
        {"ltd", "other"},             {"group", "other"},
        {"network", "other"},         {"exchange", "other"},
        {"board", "other"},           {"club", "other"},
        {"airlines", "other"},        {"airways", "other"},
        {"limited", "other"},         {"plc", "other"},
        {"co", "other"},
        {"llc", "other"},
        {"holdings", "other"},        {"industries", "other"},
        {"securities", "other"},      {"investments", "other"},
        {"management", "other"},      {"cement", "other"},
        {"fertilizers", "other"},     {"pharmaceuticals", "other"},
        {"fc", "other"},              {"afc", "other"},
        {"times", "media"},           {"post", "media"},
        {"tribune", "media"},         {"news", "media"},
        {"herald", "media"},          {"gazette", "media"},
        {"daily", "media"},           {"journal", "media"},
    };
    static const std::unordered_map<std::string_view, const char*> kByHead(kHeads.begin(),
                                                                         kHeads.end());
    auto it = kByHead.find(key);
    return it == kByHead.end() ? std::string() : std::string(it->second);
}

bool place_cue_around(const Analysis& an, std::size_t a, std::size_t b) {
    const auto& toks = an.tokens;
    auto in_name = [](const Token& t) {
        return t.cap && (t.key == "town" || t.key == "colony" || t.key == "goth");
    };
    if (b > a && in_name(toks[b - 1])) return true;
    while (b < toks.size() && toks[b].word && std::isdigit(static_cast<unsigned char>(toks[b].text[0]))) ++b;
    if (b >= toks.size()) return false;
    const Token& t = toks[b];
    if (in_name(t)) return true;
    return !t.cap && (t.key == "village" || t.key == "tehsil" || t.key == "neighbourhood" ||
                      t.key == "neighborhood" || (t.key == "area" && a > 0 && toks[a - 1].key == "the"));
}

bool is_competition(const Analysis& an, std::size_t a, std::size_t b) {
    if (b < a + 2 || an.tokens[b - 1].key != "league") return false;
    static constexpr std::array<std::string_view, 5> kKinds = {"premier", "champions", "major",
                                                               "minor", "europa"};
    return std::find(kKinds.begin(), kKinds.end(), an.tokens[b - 2].key) != kKinds.end();
}

bool is_thing_head(std::string_view key) {
    static constexpr std::array<std::string_view, 44> kHeads = {
        "dialogue", "week", "day", "conference", "summit", "talks", "games", "cup",
        "championship", "championships", "tournament", "trophy", "festival", "award", "awards",
        "prize", "open", "premiership", "olympics", "marathon", "agreement", "accord", "accords",
        "treaty", "convention", "conventions", "act", "ordinance", "law", "bill", "code", "plan",
        "papers", "declaration", "protocol", "road", "street", "avenue", "highway", "motorway",
        "expressway", "stadium", "ground", "bridge"};
    return std::find(kHeads.begin(), kHeads.end(), key) != kHeads.end();
}

bool is_company_form(std::string_view key) {
    static constexpr std::array<std::string_view, 20> kForms = {
        "co", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "plc", "ag",
        "sa", "nv", "bv", "gmbh", "spa", "llc", "lp", "llp", "pty", "cos", "companies"};
    return std::find(kForms.begin(), kForms.end(), key) != kForms.end();
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
        return k < toks.size() && toks[k].word && toks[k].cap && toks[k].sentence == toks[i].sentence;
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
            const NameEntry* e = cx.gaz.find(key);
            bool ok = e != nullptr;
            if (ok && e->case_sensitive) {
                for (std::size_t k = i; k <= j; ++k)
                    if (toks[k].word && !(toks[k].upper || (toks[k].text.size() <= 2 && toks[k].cap)))
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
            if (!cx.gaz.extends(key)) break;  // no longer name begins with these words
        }
        if (!best_entry) {
            ++i;
            continue;
        }
        bool single = best == i + 1;
        if (single && toks[i].sentence_start && !best_entry->case_sensitive && cx.is_word(toks[i])) {
            ++i;
            continue;
        }
        cx.names.push_back({i, best, best_entry});
        i = best;
    }
}

namespace {

// Initials of the capitalised words of tokens [a, b): "Tehreek-e-Taliban Pakistan" -> "TTP".
std::string initials(const Analysis& an, std::size_t a, std::size_t b) {
    std::string out;
    for (std::size_t i = a; i < b; ++i) {
        const Token& t = an.tokens[i];
        if (!t.word) continue;
        std::size_t start = 0;
        while (start < t.text.size()) {
            std::size_t dash = t.text.find('-', start);
            std::string part = t.text.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
            if (!part.empty() && std::isupper(static_cast<unsigned char>(part[0]))) out += part[0];
            if (dash == std::string::npos) break;
            start = dash + 1;
        }
    }
    return out;
}

// Whether `acr` could abbreviate the name: its letters appear in order among the
// name's capitals ("PICSS", "NACTA" from "National Counter Terrorism Authority").
bool abbreviates(const std::string& acr, const std::string& caps) {
    if (acr.size() < 2 || caps.empty() || acr[0] != caps[0]) return false;
    std::size_t j = 0;
    for (char c : acr) {
        char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        while (j < caps.size() && caps[j] != u) ++j;
        if (j == caps.size()) return false;
        ++j;
    }
    return true;
}

const NameMatch* match_ending_at(const ExtractContext& cx, std::size_t b) {
    for (const auto& m : cx.names)
        if (m.b == b) return &m;
    return nullptr;
}

// Start of the capitalised name ending just before token `end` (joiners allowed inside).
std::size_t name_start(const Analysis& an, std::size_t end) {
    std::size_t a = end;
    while (a > 0) {
        const Token& t = an.tokens[a - 1];
        if (t.word && t.cap) {
            --a;
            continue;
        }
        static const char* kJoin[] = {"of", "for", "and", "the", "on", "e", "i", "ul", "al", "-", "&", "in"};
        auto is_join = [&](const Token& x) {
            return std::any_of(std::begin(kJoin), std::end(kJoin),
                               [&](const char* j) { return x.text == j; });
        };
        // one or two joiners between capitalised words ("Center of the Philippines")
        std::size_t k = a;
        while (k > 0 && a - k < 2 && is_join(an.tokens[k - 1])) --k;
        if (k < a && k > 0 && a != end && an.tokens[k - 1].word && an.tokens[k - 1].cap) {
            a = k;
            continue;
        }
        break;
    }
    // no leading joiners or "The"
    while (a < end && (!an.tokens[a].word || !an.tokens[a].cap || an.tokens[a].key == "the")) ++a;
    return a;
}

}  // namespace

// "Tehreek-e-Taliban Pakistan (TTP)", "the Pakistani Taliban, or TTP," and
// "TTP (Tehreek-e-Taliban Pakistan)": the acronym then names the same thing.
void find_acronyms(ExtractContext& cx) {
    const auto& toks = cx.an.tokens;
    auto define = [&](const std::string& acr, std::size_t a, std::size_t b) {
        if (cx.acronyms.count(acr) || a >= b) return;
        AcronymTarget t;
        const NameMatch* m = match_ending_at(cx, b);
        if (m && m->a >= a) {
            if (!m->entry->orgs.empty()) t.org = m->entry->orgs.front();
            else if (!m->entry->places.empty()) t.place = m->entry->places.front();
        }
        if (t.org < 0 && t.place < 0) {
            if (!abbreviates(acr, initials(cx.an, a, b))) return;
            t.name = cx.an.span_text(a, b);
            for (std::size_t i = b; i > a; --i) {
                t.kind = org_head_kind(toks[i - 1].key);
                if (!t.kind.empty()) break;
            }
            if (t.kind.empty()) t.kind = "other";
        }
        cx.acronyms[acr] = t;
    };
    for (std::size_t i = 1; i + 2 < toks.size(); ++i) {
        // NAME ( ACR )
        if (toks[i].text == "(" && toks[i + 1].upper && i + 2 < toks.size() && toks[i + 2].text == ")") {
            std::size_t a = name_start(cx.an, i);
            define(toks[i + 1].key.empty() ? toks[i + 1].text : toks[i + 1].text, a, i);
            continue;
        }
        // NAME , or ACR
        if (toks[i].text == "," && toks[i + 1].key == "or" && i + 2 < toks.size() && toks[i + 2].upper) {
            std::size_t a = name_start(cx.an, i);
            define(toks[i + 2].text, a, i);
            continue;
        }
        // ACR ( NAME )
        if (toks[i].upper && toks[i + 1].text == "(") {
            std::size_t close = i + 2;
            while (close < toks.size() && close < i + 12 && toks[close].text != ")") ++close;
            if (close < toks.size() && toks[close].text == ")" && close > i + 2) {
                std::size_t a = i + 2;
                if (name_start(cx.an, close) == a) define(toks[i].text, a, close);
            }
        }
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
    drop_overlong_names(f);
    f.source = cx.source;
    return f;
}

}  // namespace ndx
