// Speakers: people quoted or whose statements are reported, found by the grammar of
// attribution ("X said", "said X", "X, the minister, said", "according to X", "This was
// stated by X", "he said", "the prime minister added"), named by the fullest form of their
// name in the article, without titles.  The cues and titles are data (word_lists.h).
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "common/normalize.h"
#include "extract/extract.h"
#include "extract/extract_internal.h"
#include "extract/word_lists.h"

namespace ndx {

Extractor::Extractor(const Gazetteer& gazetteer, std::shared_ptr<const Tagger> tagger)
    : gaz_(gazetteer), tagger_(std::move(tagger)) {
    WordLists::get();
}

bool is_person_title(const Token& t) {
    if (!t.word) return false;
    const WordLists& w = WordLists::get();
    std::string_view k = t.key;
    // "maj gen" from "Maj-Gen": every part a title
    std::size_t start = 0;
    while (start <= k.size()) {
        std::size_t sp = k.find(' ', start);
        std::string_view part = k.substr(start, sp == std::string_view::npos ? k.size() - start : sp - start);
        if (!w.is_title(part)) return false;
        if (sp == std::string_view::npos) break;
        start = sp + 1;
    }
    return true;
}

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct Span {
    std::size_t a = 0, b = 0;
    bool empty() const { return a >= b; }
    std::size_t size() const { return b > a ? b - a : 0; }
};

// A person as the article names them: the span of their fullest name, or of a title and
// one name when that is all the article gives ("Pope Francis").
struct Person {
    Span name;          // the fullest name (without titles)
    Span titled;        // title + name when the name is one word and no fuller one exists
    bool ok() const { return !name.empty(); }
};

// Who holds a role, as the article introduced them ("Prime Minister X", "X, the interior
// minister", "the army chief, Gen. X").
struct Holder {
    std::vector<std::string> role;  // canonical words ("prime", "minister")
    Span name;                      // the name as written there
    std::size_t at = 0;             // token of the introduction
};

class People {
  public:
    explicit People(ExtractContext& cx)
        : cx_(cx), toks_(cx.an.tokens), w_(WordLists::get()), in_quote_(toks_.size(), 0),
          flags_(toks_.size(), 0) {
        for (std::size_t i = 0; i < toks_.size(); ++i) {
            const std::string& k = toks_[i].key;
            if (k.empty()) continue;
            if (k.find(' ') == std::string::npos) {
                flags_[i] = w_.flags(k);
            } else if (is_person_title(toks_[i]) ||  // "maj gen" from "Maj-Gen"
                       w_.title_class(std::string_view(k).substr(k.rfind(' ') + 1)) == TitleClass::Role) {
                flags_[i] = kTitle;  // "Under-Secretary", "Vice-Chancellor"
            }
        }
        for (const auto& m : cx.names) {
            for (std::size_t i = m.a; i < m.b; ++i) name_of_.emplace(i, &m);
        }
        // Companies the article names with their legal form: the same words without it
        // ("Amberline Express said") are the company speaking, not a person.
        for (const OrgMention& m : cx.orgs) {
            std::size_t b = m.b;
            while (b > m.a && toks_[b - 1].word &&
                   (has(b - 1, kCompanyForm) || is(b - 1, kJoiner)))
                --b;
            if (b < m.b && b > m.a) company_names_.insert(keys({m.a, b}));
        }
        // Words inside quotation marks (paired within a paragraph): a name quoted is not
        // the antecedent of the "he said" after the quotation.
        std::size_t open = kNone;
        for (std::size_t i = 0; i < toks_.size(); ++i) {
            if (open != kNone && par(i) != par(open)) open = kNone;
            if (toks_[i].text != "\"") continue;
            if (open == kNone) {
                open = i;
            } else {
                for (std::size_t k = open; k <= i; ++k) in_quote_[k] = 1;
                open = kNone;
            }
        }
    }

    bool has(std::size_t k, std::uint16_t flag) const { return (flags_[k] & flag) != 0; }
    // A word of a class of data/grammar-words.tsv (GrammarWord bits).
    bool is(std::size_t k, std::uint8_t classes) const {
        return w_.grammar(toks_[k].key.empty() ? std::string_view(toks_[k].text) : std::string_view(toks_[k].key),
                          classes);
    }
    bool title(std::size_t k) const { return has(k, kTitle); }

    std::size_t par(std::size_t tok) const { return cx_.an.sentences[toks_[tok].sentence].paragraph; }

    // A capitalised word opening a sentence that never begins a name ("In", "As", "A").
    bool opener(std::size_t k) const {
        return toks_[k].sentence_start && has(k, kFunction);
    }

    // Capitalised run (with name particles) ending at token `end` (exclusive).
    Span run_ending(std::size_t end) const {
        std::size_t a = end;
        while (a > 0 && toks_[a - 1].sentence == toks_[end - 1].sentence) {
            const Token& t = toks_[a - 1];
            if (t.word && (t.cap || (has(a - 1, kParticle) && a != end))) {
                --a;
                continue;
            }
            break;
        }
        while (a < end && opener(a)) ++a;
        return {a, end};
    }

    Span run_starting(std::size_t start) const {
        while (start < toks_.size() && toks_[start].word && toks_[start].cap && opener(start)) ++start;
        std::size_t b = start;
        while (b < toks_.size() && toks_[b].sentence == toks_[start].sentence) {
            const Token& t = toks_[b];
            if (t.word && (t.cap || (has(b, kParticle) && b + 1 < toks_.size() && toks_[b + 1].cap))) {
                ++b;
                continue;
            }
            break;
        }
        return {start, b};
    }

    bool stop_word(std::size_t k) const {
        return title(k) || cx_.in_org[k] || strips_place(k);
    }

    // A role word or qualifier ending a name: "Ahmed Khan Chairman" is cut before it.
    bool trailing_role(std::size_t k) const {
        if (!toks_[k].word) return false;
        TitleClass c = w_.title_class(toks_[k].key);
        return c == TitleClass::Role || c == TitleClass::Qualifier;
    }

    // The person's name inside a run: after any title, organisation, country or
    // province, and leading ordinary words.  Empty when it is not a plausible name.
    Span name_in(Span r, bool speaking = false) const {
        // a name followed by a role is cut before the role ("Ali Khan Chairman of ...")
        while (r.b > r.a + 2 && trailing_role(r.b - 1) && !stop_word(r.b - 2) && !stop_word(r.b - 3))
            --r.b;
        Span s = name_after_titles(r, speaking);
        if (!s.empty()) return s;
        // "Engr. Waqar Ahmed Chairman Textile Exporters Forum": a name of its own words
        // (no ordinary word, place or organisation) before a role and what it heads
        {
            std::size_t a = r.a;
            while (a < r.b && (stop_word(a) || opener(a))) ++a;
            std::size_t k = a;
            while (k < r.b && !stop_word(k) && !cx_.is_common(toks_[k]) && !toks_[k].upper &&
                   !name_of_.count(k))
                ++k;
            if (k >= a + 2 && k + 1 < r.b && w_.title_class(toks_[k].key) == TitleClass::Role) {
                Span before{a, k};
                if (plausible(before, speaking)) return before;
            }
        }
        return {};
    }

    Span name_after_titles(Span r, bool speaking) const {
        // a leading compound of ordinary words ("Leg-spinner Haris ...") is no name
        while (r.a < r.b && common_compound(toks_[r.a])) ++r.a;
        // After the last title or organisation word that leaves a name of two words or
        // more ("Mandera County Commissioner Grace Wanjiru"); a title inside a name
        // stays ("Hassan Sheikh Mohamud").
        std::size_t start = r.a;
        std::optional<std::size_t> last_stop;
        for (std::size_t k = r.a; k < r.b; ++k) {
            if (!stop_word(k)) continue;
            last_stop = k;
            if (r.b - (k + 1) >= 2) start = k + 1;
        }
        if (last_stop && start <= *last_stop && (*last_stop + 1 == r.b || leads_with_stops(r.a, *last_stop)))
            start = *last_stop + 1;
        while (start < r.b && r.b - start > 2 && cx_.is_common(toks_[start]) &&
               !toks_[start].upper)
            ++start;
        if (r.b - start == 2 && cx_.is_common(toks_[start]) && !toks_[start].upper) ++start;
        if (r.b - start > 4) start = r.b - 4;
        Span n{start, r.b};
        return plausible(n, speaking) ? n : Span{};
    }

    // The title words right before a one-word name, capitalised ("Pope", "Barrister",
    // "PM"): the start of "Pope Francis".  `n.a` when there are none.
    std::size_t title_start(Span n) const {
        std::size_t a = n.a;
        while (a > 0 && toks_[a - 1].sentence == toks_[n.a].sentence && toks_[a - 1].word &&
               toks_[a - 1].cap && title(a - 1))
            --a;
        bool named_title = false;
        for (std::size_t k = a; k < n.a; ++k) {
            TitleClass c = w_.title_class(toks_[k].key);
            if (c == TitleClass::Honorific || c == TitleClass::Rank || c == TitleClass::Role)
                named_title = true;
        }
        return named_title ? a : n.a;
    }

    // The first token from `k` on that is not a lower-case role word ("analyst",
    // "chief economist") of sentence `sentence`.
    std::size_t after_roles(std::size_t k, std::size_t sentence) const {
        while (k < toks_.size() && toks_[k].sentence == sentence && toks_[k].word &&
               !toks_[k].cap && title(k))
            ++k;
        return k;
    }

    // Every token from a to stop (inclusive) is a title, organisation or place word.
    bool leads_with_stops(std::size_t a, std::size_t stop) const {
        for (std::size_t k = a; k <= stop; ++k)
            if (!stop_word(k)) return false;
        return true;
    }

    // A hyphenated word of ordinary words ("Leg-spinner", "Left-winger").
    bool common_compound(const Token& t) const {
        if (!t.word || t.text.find('-') == std::string::npos) return false;
        std::size_t start = 0;
        while (start <= t.text.size()) {
            std::size_t dash = t.text.find('-', start);
            std::string part = t.text.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
            Token p;
            p.text = part;
            p.word = true;
            if (part.empty() || !cx_.is_common(p)) return false;
            if (dash == std::string::npos) break;
            start = dash + 1;
        }
        return true;
    }

    // Two capitals in a row in a mixed-case word: an acronym ("GDRs", "NGOs"), not a name.
    static bool acronym_like(const std::string& w) {
        for (std::size_t i = 0; i + 2 < w.size(); ++i)
            if (std::isupper(static_cast<unsigned char>(w[i])) && std::isupper(static_cast<unsigned char>(w[i + 1])) &&
                std::islower(static_cast<unsigned char>(w[i + 2])))
                return true;
        return false;
    }

    // A full name that a first name alone may stand for: no ordinary word, place or
    // acronym after the first word ("Reynolds Metals", "Funaro Brazil", "Asea AB" are not).
    bool person_shaped(const Span& m) const {
        for (std::size_t k = m.a + 1; k < m.b; ++k)
            if (cx_.is_common(toks_[k]) || name_of_.count(k) || toks_[k].upper) return false;
        return true;
    }

    // A mention that a pronoun may refer back to: a name, not "the Italian Grand Prix".
    bool antecedent(const Span& m) const {
        // not after "the", nor after a preposition ("at Haj Omran", "in Sri Lanka", "talks
        // with President Suharto")
        const std::size_t a = title_start(m);
        if (a > 0 && toks_[a - 1].word && !toks_[a - 1].cap && has(a - 1, kFunction | kNotName) &&
            !is(a - 1, kJoiner))
            return false;
        if (toks_[m.a].upper) return false;  // "IG Metall"
        for (std::size_t k = m.a; k < m.b; ++k)
            if (cx_.is_word(toks_[k]) || name_of_.count(k)) return false;
        return true;
    }

    // `speaking`: the span is the subject of a speech verb, itself evidence of a person
    // ("Chelsea Ward, the club's head ..., said"; "Jordan said" after "Thomas Jordan").
    bool plausible(Span s, bool speaking) const {
        if (s.a >= s.b) return false;
        std::size_t common = 0;
        for (std::size_t k = s.a; k < s.b; ++k) {
            const Token& t = toks_[k];
            if (!t.word || has(k, kNotName) || cx_.in_org[k]) return false;
            if (t.upper && t.text.size() > 2) return false;
            if (acronym_like(t.text)) return false;
            if (has(k, kOrgHead)) return false;
            if (t.text.find("-based") != std::string::npos) return false;
            if (cx_.is_common(t)) ++common;
        }
        // a company: named with its legal form ("Velmark AG"), here or elsewhere
        if (company_names_.count(keys(s)) || has(s.b - 1, kCompanyForm)) return false;
        // names are mostly not ordinary words ("Pictet Wealth Management" is no one)
        if (common == s.b - s.a || (common >= 2)) return false;
        // the whole span a gazetteer name ("Sri Lanka", "Reuters")
        auto it = name_of_.find(s.a);
        if (it != name_of_.end() && it->second->a == s.a && it->second->b == s.b &&
            !(speaking && s.b == s.a + 1))
            return false;
        // "Zhob Garrison": a place followed by an ordinary word
        if (!speaking && s.b - s.a == 2 && name_of_.count(s.a) && cx_.is_word(toks_[s.b - 1]))
            return false;
        return true;
    }

    // Tokens of an organisation or of a country/province name are not part of a person's
    // name ("US Ambassador X", "Pakistan Army Chief Y"); a city's may be ("Elizabeth").
    bool strips_place(std::size_t k) const {
        auto it = name_of_.find(k);
        if (it == name_of_.end()) return false;
        const NameMatch& m = *it->second;
        if (!m.entry->orgs.empty()) return true;
        // "US Ambassador X", "Sinaloa Gov. Y": a country or province before a title; but
        // "Jordan Ellis", and a town that is a first name ("Hassan Sheikh Mohamud")
        bool region = std::any_of(m.entry->places.begin(), m.entry->places.end(), [&](int p) {
            return cx_.gaz.places()[static_cast<std::size_t>(p)].type != "city";
        });
        return region && m.b < toks_.size() && (title(m.b) || cx_.in_org[m.b]);
    }

    std::vector<std::string> keys(Span s) const {
        std::vector<std::string> out;
        for (std::size_t k = s.a; k < s.b; ++k) out.push_back(toks_[k].key);
        return out;
    }

    std::string display(Span s) const {
        std::string out;
        for (std::size_t k = s.a; k < s.b; ++k) {
            if (!out.empty()) out += ' ';
            out += toks_[k].text;
        }
        return out;
    }

    // The role words of tokens [a, b): canonical, without honorifics and ranks.
    std::vector<std::string> role_of(std::size_t a, std::size_t b) const {
        std::vector<std::string> words;
        for (std::size_t k = a; k < b; ++k) {
            if (!toks_[k].word || is(k, kDefinite | kIndefinite))
                continue;
            TitleClass c = w_.title_class(toks_[k].key);
            if (c == TitleClass::Honorific || c == TitleClass::Rank) continue;
            if (c == TitleClass::None && !cx_.in_org[k] && !name_of_.count(k) && !has(k, kRolePart)) {
                // "Minister for Planning": the role ends with its title; "Education
                // Minister": a word before it is part of it
                bool after_role = std::any_of(words.begin(), words.end(), [&](const std::string& x) {
                    return w_.title_class(x) == TitleClass::Role;
                });
                if (after_role) break;
                if (!toks_[k].cap) {
                    words.clear();
                    continue;
                }
            }
            words.push_back(toks_[k].key);
        }
        return w_.canonical_role(words);
    }

    bool has_role_word(const std::vector<std::string>& role) const {
        return w_.known_role(role) || std::any_of(role.begin(), role.end(), [&](const std::string& k) {
            TitleClass c = w_.title_class(k);
            return c == TitleClass::Role || c == TitleClass::Rank;
        });
    }

    // A word of a role phrase: a title, or a word of a role of data/roles.tsv ("army").
    bool role_word(std::size_t k) const { return has(k, kTitle | kRolePart); }

    void add_holder(std::vector<std::string> role, Span name, std::size_t at) {
        // strip place and organisation words before the role proper: "sindh chief minister"
        // stays whole (a later "the chief minister" is its end)
        if (role.empty() || !has_role_word(role)) return;
        holders_.push_back({std::move(role), name, at});
    }

    // The ranks among tokens [a, b), each a role of its own ("Gen." -> "general").
    void add_rank_holders(std::size_t a, std::size_t b, Span name) {
        for (std::size_t k = a; k < b; ++k)
            if (toks_[k].word && w_.title_class(toks_[k].key) == TitleClass::Rank)
                add_holder(w_.canonical_role({toks_[k].key}), name, k);
    }

    // Every person name in the article, and the roles the article gives them.
    void collect_mentions() {
        for (std::size_t i = 0; i < toks_.size();) {
            if (!toks_[i].word || !toks_[i].cap) {
                ++i;
                continue;
            }
            Span r = run_starting(i);
            if (r.empty()) {
                i = std::max(r.b, i + 1);
                continue;
            }
            Span n = name_in(r);
            if (n.size() == 1 && title_start(n) < n.a && !cx_.is_word(toks_[n.a]))
                titled_.push_back(n);  // "Pope Francis", "Barrister Saif"
            if (n.size() >= 2 || (n.size() == 1 && title_start(n) < n.a && !cx_.is_word(toks_[n.a]))) {
                if (n.size() >= 2) {
                    mentions_.push_back(n);
                    cx_.people.push_back(keys(n));
                }
                for (std::size_t k = n.a; k < n.b; ++k) cx_.in_person[k] = 1;
                // the role before the name: in the run ("Prime Minister X") and lower-case
                // words before it ("spokesperson Barrister Saif", "the army chief, Gen. X")
                std::size_t ra = r.a;
                while (ra > 0 && toks_[ra - 1].sentence == toks_[r.a].sentence && toks_[ra - 1].word &&
                       (title(ra - 1) || cx_.in_org[ra - 1]))
                    --ra;
                if (ra == r.a && ra >= 2 && toks_[ra - 1].text == "," && role_word(ra - 2)) {
                    ra = ra - 1;
                    while (ra > 0 && toks_[ra - 1].word && (role_word(ra - 1) || cx_.in_org[ra - 1]))
                        --ra;
                }
                add_holder(role_of(ra, n.a), n, n.a);
                add_rank_holders(ra, n.a, n);
                // an apposition: "X, the interior minister," / "X, Federal Minister for ..."
                if (n.b + 1 < toks_.size() && toks_[n.b].text == ",") {
                    std::size_t e = n.b + 1;
                    while (e < toks_.size() && e < n.b + 14 && toks_[e].sentence == toks_[n.b].sentence &&
                           toks_[e].text != "," && toks_[e].text != "." && toks_[e].text != "\"")
                        ++e;
                    std::size_t s = n.b + 1;
                    if (s < e && is(s, kDefinite | kIndefinite)) {
                        add_holder(role_of(s, e), n, n.a);
                    } else if (s < e && toks_[s].cap && title(s)) {
                        add_holder(role_of(s, e), n, n.a);
                    }
                }
            }
            i = std::max(r.b, i + 1);
        }
    }

    // Mentions equal to the candidate or ending with its words.
    std::optional<Span> by_suffix(const std::vector<std::string>& want) const {
        std::optional<Span> best;
        for (const Span& m : mentions_) {
            if (m.size() < want.size()) continue;
            bool suffix = true;  // (compared in place: this runs for every attribution)
            for (std::size_t i = 0; i < want.size() && suffix; ++i)
                suffix = toks_[m.b - want.size() + i].key == want[i];
            if (!suffix) continue;
            if (!best || m.size() > best->size()) best = m;
        }
        return best;
    }

    // The person a name stands for: the fullest mention ending with its words ("Miller"
    // -> "Matthew Miller"), else the one person whose name begins with a lone first name
    // ("Yasir" -> "Yasir Shah"), else the name itself when it has two words or more, else
    // a title and the name ("Pope Francis").
    Person resolve(Span cand) const {
        Person p;
        std::vector<std::string> want = keys(cand);
        if (auto s = by_suffix(want)) {
            p.name = *s;
            return p;
        }
        if (cand.size() == 1 && !cx_.is_word(toks_[cand.a])) {
            std::optional<Span> only;
            bool ambiguous = false;
            for (const Span& m : mentions_) {
                if (toks_[m.a].key != want[0]) continue;
                if (only && keys(*only) != keys(m)) {
                    // "Shehbaz" with "Shehbaz Sharif" and "Muhammad Shehbaz Sharif" is one
                    // person; with "Shehbaz Sharif" and "Shehbaz Gill", no one
                    auto x = keys(*only), y = keys(m);
                    auto& shorter = x.size() <= y.size() ? x : y;
                    auto& longer = x.size() <= y.size() ? y : x;
                    if (!std::equal(shorter.begin(), shorter.end(), longer.begin())) ambiguous = true;
                    if (m.size() > only->size()) only = m;
                    continue;
                }
                if (!only) only = m;
            }
            if (only && !ambiguous) {
                if (!person_shaped(*only)) return p;
                if (auto full = by_suffix(keys(*only))) p.name = *full;
                return p;
            }
            if (ambiguous) return p;
            std::size_t t = title_start(cand);
            if (t < cand.a && !cx_.is_word(toks_[cand.a])) {
                p.name = cand;
                p.titled = {t, cand.b};
                return p;
            }
            // a title and the same name elsewhere in the article ("Pope Francis" ... "Francis said")
            for (const Span& m : titled_) {
                if (toks_[m.a].key != want[0]) continue;
                p.name = m;
                p.titled = {title_start(m), m.b};
                return p;
            }
            return p;
        }
        if (cand.size() == 1) return p;
        p.name = cand;
        return p;
    }

    std::string value_of(const Person& p) const {
        return p.titled.empty() ? display(p.name) : display(p.titled);
    }

    void evidence_of(std::size_t tok, Entity& e) const {
        const Token& t = toks_[tok];
        e.evidence.push_back({std::string(cx_.an.sentence_text(t.sentence)), t.begin});
    }

    // Adds the speaker of cue token `cue`; `named` is the token that named them when it is
    // in another sentence (a role or pronoun referring back).
    void add_person(const Person& p, Span cand, std::size_t cue, std::vector<Entity>& out,
                    bool pronoun = false, std::size_t named = kNone) {
        if (!p.ok()) return;
        Entity e;
        e.value = value_of(p);
        e.key = entity_key(e.value);
        Attribution at;
        at.verb = cue;
        at.name_a = cand.a;
        at.name_b = cand.b;
        at.speaker = e.value;
        at.key = e.key;
        at.pronoun = pronoun;
        at.according = toks_[cue].key == "according";
        cx_.attributions.push_back(at);
        evidence_of(cue, e);
        if (named != kNone && toks_[named].sentence != toks_[cue].sentence) evidence_of(named, e);
        // "Jordan said": the surname used alone is this person, not the country
        if (!pronoun)
            for (std::size_t k = cand.a; k < cand.b; ++k) cx_.in_person[k] = 1;
        add_entity(out, std::move(e));
    }

    void add_speaker(Span cand, std::size_t cue, std::vector<Entity>& out) {
        add_person(resolve(cand), cand, cue, out);
    }

    // "Sens. A, B, C and D said": the names before the subject `n`, joined by commas and
    // "and", each a speaker too.
    void add_coordinated(Span n, std::size_t cue, std::vector<Entity>& out) {
        // from the subject's titles on ("A and Agriculture Secretary B told")
        std::size_t a = n.a;
        while (a > 0 && !toks_[a].sentence_start && toks_[a - 1].sentence == toks_[n.a].sentence &&
               toks_[a - 1].word && toks_[a - 1].cap)
            --a;
        const std::size_t first = a;
        std::vector<Span> more;
        while (a >= 2 && (is(a - 1, kJoiner) || toks_[a - 1].text == ",") &&
               toks_[a - 2].word && toks_[a - 2].cap && toks_[a - 2].sentence == toks_[cue].sentence) {
            if (toks_[a - 1].text == "," && more.empty()) {
                // "X, Y said" without "and" is an apposition, not a list
                if (!(a >= 3 && is(a, kJoiner))) break;
            }
            Span r = run_ending(a - 1);
            Span m = name_in(r, true);
            if (m.size() < 2) break;
            more.push_back(m);
            a = r.a;
        }
        // a list needs its "and": "A, B and C said"
        if (!more.empty() && first > 0 && is(first - 1, kJoiner))
            for (const Span& m : more) add_speaker(m, cue, out);
    }

    // The speaker named before cue token `v`, if any ("Miller told", "X, the minister,
    // said").
    std::optional<Span> subject_of(std::size_t v) const {
        std::size_t k = v;
        for (int hops = 0; k > 0 && hops < 3 && has(k - 1, kAux); ++hops) --k;
        if (k == 0 || toks_[k - 1].sentence != toks_[v].sentence) return std::nullopt;
        const Token& before = toks_[k - 1];
        if (before.word && before.cap) {
            const Span r = run_ending(k);
            if (r.empty()) return std::nullopt;
            // "a spokesman for Airbus said": the name after a preposition is not the subject
            // (but see "X of Corvane Trust said" below)
            // (but "with Spokesman X saying" is X's)
            const bool after_prep = r.a > 0 && toks_[r.a - 1].sentence == toks_[v].sentence &&
                                    has(r.a - 1, kPreposition) &&
                                    !(toks_[r.a - 1].key == "with" && toks_[v].key.ends_with("ing"));
            Span n = after_prep ? Span{} : name_in(r, true);
            if (n.a < n.b) return n;
            // "Ines Kovac of Corvane Trust said": the person before the organisation
            if (r.a >= 2 && (cx_.in_org[r.a] || after_prep) && is(r.a - 1, kLink) && !is(r.a - 1, kDefinite | kJoiner) &&
                toks_[r.a - 2].word && toks_[r.a - 2].cap &&
                toks_[r.a - 2].sentence == toks_[v].sentence) {
                n = name_in(run_ending(r.a - 1), true);
                if (n.a < n.b) return n;
            }
            return std::nullopt;
        }
        if (before.text != ",") return std::nullopt;
        // ", NAME, said" or "NAME, the minister, said" or "X, Federal Minister for ... and
        // Chairman of ..., said"
        std::size_t comma = k - 1, prev = comma;
        while (prev > 0 && comma - prev < 30 && toks_[prev - 1].text != "," &&
               toks_[prev - 1].text != "\"" && toks_[prev - 1].sentence == toks_[v].sentence)
            --prev;
        if (prev == 0 || toks_[prev - 1].text != ",") {
            // sentence-initial "Name, the minister, said"
            if (!toks_[prev].sentence_start) return std::nullopt;
            Span r = run_starting(prev);
            if (r.b == comma) {
                Span n = name_in(r, true);
                if (n.a < n.b) return n;
            }
            return std::nullopt;
        }
        Span seg = run_starting(prev);
        if (seg.b == comma && seg.a < seg.b) {
            Span n = name_in(seg, true);
            if (n.a < n.b) return n;
            return std::nullopt;
        }
        if (prev - 1 > 0 && toks_[prev - 2].word && toks_[prev - 2].cap) {
            Span r = run_ending(prev - 1);
            if (r.empty()) return std::nullopt;
            Span n = name_in(r, true);
            if (n.a < n.b) return n;
        }
        return std::nullopt;
    }

    // Role words ending at token `end` (exclusive) after "the" or a possessive, or opening
    // the sentence: "the prime minister", "The PM", "the Sindh chief minister".  Returns the
    // first token of the role, or kNone.
    std::size_t role_phrase_ending(std::size_t end) const {
        std::size_t a = end;
        while (a > 0 && toks_[a - 1].sentence == toks_[end - 1].sentence && toks_[a - 1].word &&
               (role_word(a - 1) || (a < end && (cx_.in_org[a - 1] || name_of_.count(a - 1)))))
            --a;
        if (a == end) return kNone;
        if (a > 0 && toks_[a - 1].sentence == toks_[end - 1].sentence &&
            (is(a - 1, kDefinite) || toks_[a - 1].text == "'s"))
            return a;
        return kNone;
    }

    // The one person introduced before token `at` whose role ends with `role` ("the
    // minister" -> "Interior Minister X"); none when no one or several hold it.  An exact
    // match wins over a longer role ("the prime minister" is not the deputy prime minister).
    std::optional<Holder> holder_of(const std::vector<std::string>& role, std::size_t at) const {
        if (role.empty() || !has_role_word(role)) return std::nullopt;
        std::optional<Holder> exact, ends;
        std::set<std::string> exact_people, end_people;
        for (const Holder& h : holders_) {
            if (h.at >= at) continue;
            const std::string who = entity_key(value_of(resolve(h.name)));
            if (h.role == role) {
                exact_people.insert(who);
                exact = h;
            } else if (h.role.size() > role.size() &&
                       std::equal(role.begin(), role.end(), h.role.end() - static_cast<std::ptrdiff_t>(role.size()))) {
                end_people.insert(who);
                ends = h;
            }
        }
        if (exact_people.size() == 1) return exact;
        if (exact_people.empty() && end_people.size() == 1) return ends;
        return std::nullopt;
    }

    // "the prime minister said": the person who holds the role, if exactly one does.
    bool add_role_reference(std::size_t role_a, std::size_t role_b, std::size_t cue,
                            std::vector<Entity>& out) {
        auto h = holder_of(role_of(role_a, role_b), role_a);
        if (!h) return false;
        Person p = resolve(h->name);
        if (!p.ok()) return false;
        add_person(p, {role_a, role_b}, cue, out, false, h->at);
        return true;
    }

    // A pronoun before cue token `v` ("he said", "she also added"): the nearest person
    // named before it in its sentence or the one before (outside quotation marks), when
    // named after the sentence of the last speaker; else the person last named as speaking.
    void add_pronoun(std::size_t pron, std::size_t v, std::vector<Entity>& out) {
        const std::size_t s = toks_[pron].sentence;
        std::optional<Span> near;
        for (const Span& m : mentions_) {
            // "he told me" inside a quotation is the quoted speaker's; no one new
            if (in_quote_[pron]) break;
            if (m.b > pron || in_quote_[m.a] || !antecedent(m)) continue;
            if (toks_[m.a].sentence + 1 < s) continue;
            if (!near || m.a > near->a) near = m;
        }
        for (const Span& m : titled_) {
            if (in_quote_[pron]) break;
            if (m.b > pron || in_quote_[m.a] || toks_[m.a].sentence + 1 < s || !antecedent(m)) continue;
            if (!near || m.a > near->a) near = m;
        }
        const Attribution* last = nullptr;
        for (auto it = cx_.attributions.rbegin(); it != cx_.attributions.rend(); ++it)
            if (it->verb < v) {
                last = &*it;
                break;
            }
        // a person named in the speaker's own sentence ("said X, an analyst at Y Z") is
        // not a new antecedent
        const std::size_t last_sentence =
            last ? std::max(toks_[last->verb].sentence, toks_[last->name_a].sentence) : 0;
        if (near && (!last || toks_[near->a].sentence > last_sentence)) {
            Person p = resolve(*near);
            if (p.ok()) {
                add_person(p, {pron, pron + 1}, v, out, true, near->a);
                return;
            }
        }
        if (last) {
            Attribution at = *last;
            at.verb = v;
            at.name_a = pron;
            at.name_b = pron + 1;
            at.pronoun = true;
            at.according = false;
            cx_.attributions.push_back(at);
        }
    }

    // A plural noun: an ordinary lower-case word in -s whose singular is one too
    // ("officials", "organisers"; not "this", "us", "news").
    bool plural_noun(std::size_t k) const {
        const Token& t = toks_[k];
        if (!t.word || t.cap || t.key.size() < 4 || !t.key.ends_with("s") || t.key.ends_with("ss") ||
            t.key.ends_with("us") || t.key.ends_with("is") || !cx_.is_common(t))
            return false;
        Token one = t;
        one.text.pop_back();
        one.key.pop_back();
        return cx_.is_common(one);
    }

    // "Okonjo-Reyes arrived on Friday. "…," they said": "they" is one person when the
    // nearest name before it (this sentence or the one before, outside quotation marks)
    // is a person who opens their sentence or spoke there, no organisation or other
    // person comes between, and no plural noun does.  Otherwise no one.
    void add_singular_they(std::size_t pron, std::size_t v, std::vector<Entity>& out) {

        if (in_quote_[pron]) return;
        const std::size_t s = toks_[pron].sentence;
        for (std::size_t j = pron; j-- > 0;) {
            if (toks_[j].sentence + 1 < s) return;
            if (in_quote_[j]) continue;
            if (plural_noun(j) || cx_.in_org[j]) return;
            if (!toks_[j].word || !toks_[j].cap || opener(j)) continue;
            const Span r = run_ending(j + 1);
            const Span n = name_in(r, true);
            const Person p = n.empty() ? Person{} : resolve(n);
            if (!p.ok()) {
                j = r.a < j ? r.a : j;
                continue;
            }
            if (!opens_clause(title_start(n)) && !spoke(n)) return;
            if (r.a > 0 && is(r.a - 1, kJoiner)) return;
            if (n.b < toks_.size() && is(n.b, kJoiner)) return;
            add_person(p, {pron, pron + 1}, v, out, true, n.a);
            return;
        }
    }

    // Token `a` begins its sentence's words (after a dateline or a quotation mark).
    bool opens_clause(std::size_t a) const {
        const Sentence& sent = cx_.an.sentences[toks_[a].sentence];
        for (std::size_t k = sent.first; k < a; ++k)
            if (toks_[k].word && !(k + 1 < a && toks_[k + 1].text == ":") && !toks_[k].upper) return false;
        return true;
    }

    // The person of span `n` is the subject of an attribution already found.
    bool spoke(Span n) const {
        return std::any_of(cx_.attributions.begin(), cx_.attributions.end(), [&](const Attribution& at) {
            return !at.pronoun && at.name_a < n.b && n.a < at.name_b;
        });
    }

    // After a cue that comes before its speaker ("according to", "This was stated by"):
    // the person named from token `j` on, by name or by role.
    bool add_following(std::size_t j, std::size_t cue, std::vector<Entity>& out) {
        if (j >= toks_.size() || toks_[j].sentence != toks_[cue].sentence) return false;
        // "by the prime minister", "according to the interior minister"
        if (is(j, kDefinite)) {
            std::size_t e = j + 1;
            while (e < toks_.size() && toks_[e].word && toks_[e].sentence == toks_[j].sentence &&
                   (role_word(e) || cx_.in_org[e] || name_of_.count(e)))
                ++e;
            if (e > j + 1 && !(e < toks_.size() && toks_[e].word && toks_[e].cap) &&
                add_role_reference(j + 1, e, cue, out))
                return true;
        }
        // the name after any role words: "by Provincial Minister for Health Dr. Shazia
        // Anwar", "according to analyst X"
        const std::size_t sentence = toks_[cue].sentence;
        for (std::size_t k = j; k < toks_.size() && k < j + 14 && toks_[k].sentence == sentence; ++k) {
            const Token& t = toks_[k];
            if (!t.word) break;
            if (!t.cap) {
                if (title(k) || is(k, kLink))
                    continue;
                break;
            }
            if (k > j && toks_[k - 1].cap) continue;  // runs are read from their start
            Span r = run_starting(k);
            Span n = name_in(r, true);
            if (n.a < n.b && resolve(n).ok()) {
                add_speaker(n, cue, out);
                return true;
            }
            k = std::max(k, r.b) - (r.b > k ? 1 : 0);
        }
        return false;
    }

    // "X, Federal Minister for Planning, Development and Reform, said", "Rep. Dana
    // Whitfield, D-Ohio, said": the name opening the clause before a chain of
    // comma-separated titles.
    std::optional<Span> subject_before_titles(std::size_t v) const {
        std::size_t k = v;
        for (int hops = 0; k > 0 && hops < 3 && has(k - 1, kAux); ++hops) --k;
        if (k < 2 || toks_[k - 1].text != ",") return std::nullopt;
        const std::size_t sentence = toks_[v].sentence;
        for (std::size_t c = k - 2; c > 0 && k - c < 45 && toks_[c].sentence == sentence; --c) {
            if (toks_[c].text == "\"" || toks_[c].text == "." || toks_[c].text == ";") break;
            if (toks_[c].text != ",") continue;
            const Token& after = toks_[c + 1];
            bool titled = is(c + 1, kDefinite | kIndefinite) ||
                          title(c + 1) || (after.cap && after.word);
            if (!titled || !(toks_[c - 1].word && toks_[c - 1].cap)) continue;
            Span r = run_ending(c);
            Span n = name_in(r, true);
            if (n.empty() || !resolve(n).ok()) continue;
            // the clause's subject: only titles (or nothing) before it in the clause
            std::size_t b = r.a;
            while (b > 0 && toks_[b - 1].sentence == sentence && toks_[b - 1].word &&
                   (title(b - 1) || is(b - 1, kDefinite)))
                --b;
            if (b == 0 || toks_[b - 1].sentence != sentence || toks_[b - 1].text == "," ||
                !toks_[b - 1].word)
                return n;
            return std::nullopt;
        }
        return std::nullopt;
    }

    // "Mian Zahid Latif President Faisalabad Chamber of Commerce said", "X Y Secretary
    // General of the chamber added": the sentence opens with a name, its role without a
    // comma and what the role heads, then the cue.
    std::optional<Span> subject_before_role(std::size_t v) const {
        std::size_t k = v;
        for (int hops = 0; k > 0 && hops < 3 && has(k - 1, kAux); ++hops) --k;
        const Sentence& sent = cx_.an.sentences[toks_[v].sentence];
        std::size_t first = sent.first;
        // after a dateline ("FAISALABAD:", "LONDON —")
        for (std::size_t j = sent.first; j < k && j < sent.first + 8; ++j)
            if (toks_[j].text == ":" || toks_[j].text == "-" || toks_[j].text == "--") first = j + 1;
        while (first < k && !toks_[first].word) ++first;
        if (first >= k || !toks_[first].cap) return std::nullopt;
        const Span r = run_starting(first);
        if (r.b > k || k - r.b > 10) return std::nullopt;
        std::size_t role = r.a + 2;
        while (role < r.b && w_.title_class(toks_[role].key) != TitleClass::Role) ++role;
        if (role >= r.b) return std::nullopt;
        // what the role heads: words without punctuation or another cue
        for (std::size_t j = r.b; j < k; ++j)
            if (!toks_[j].word || has(j, kSpeechVerb | kPronoun)) return std::nullopt;
        Span n = name_in({r.a, role}, true);
        if (n.size() < 2 || !resolve(n).ok()) return std::nullopt;
        return n;
    }

    void find_speakers(std::vector<Entity>& out) {
        std::vector<std::string_view> window;
        for (std::size_t i = 0; i < toks_.size(); ++i) {
            const Token& t = toks_[i];
            // "According to X"
            if (t.key == "according" && i + 2 < toks_.size() && toks_[i + 1].key == "to") {
                add_following(i + 2, i, out);
                continue;
            }
            // "This was stated by X", "in a statement issued by X"
            if (t.key == "by") {
                window.clear();
                for (std::size_t k = i + 1; k-- > 0 && window.size() < 6;) {
                    if (toks_[k].sentence != t.sentence) break;
                    if (!toks_[k].key.empty()) window.push_back(toks_[k].key);
                }
                if (w_.by_cue_before(window) > 0 && add_following(i + 1, i, out)) continue;
            }
            // A quote round-up: "X, The Wall Street Journal: "..."" / "X: "...""
            if (t.text == ":" && i + 1 < toks_.size() && toks_[i + 1].text == "\"") {
                round_up(i, out);
                continue;
            }
            if (!t.word || t.cap) continue;
            std::size_t cue_end = i + 1;
            if (!has(i, kSpeechVerb)) {
                if (!has(i, kPhraseStart)) continue;
                window.clear();
                for (std::size_t k = i; k < toks_.size() && window.size() < 6; ++k) {
                    if (toks_[k].key.empty()) break;
                    window.push_back(toks_[k].key);
                }
                std::size_t n = w_.phrase_at(window);
                if (n == 0) continue;
                cue_end = i + n;
            }
            speech_cue(i, out);
            i = cue_end - 1;
        }
    }

    void speech_cue(std::size_t i, std::vector<Entity>& out) {
        const Token& t = toks_[i];
        if (w_.not_cue_at(keys_from(i))) return;  // "called up", "called off"
        // "with spokesman X saying": a participle speaks for the name right before it
        // only ("Y criticised X, the envoy, saying ..." is Y's)
        if (t.key.ends_with("ing") && !(i > 0 && toks_[i - 1].word && toks_[i - 1].cap)) return;
        if (auto s = subject_of(i); s && resolve(*s).ok()) {
            add_speaker(*s, i, out);
            add_coordinated(*s, i, out);
            return;
        }
        if (auto s = subject_before_titles(i)) {
            add_speaker(*s, i, out);
            return;
        }
        if (auto s = subject_before_role(i)) {
            add_speaker(*s, i, out);
            return;
        }
        // "General Mills said Michael Luce will ...": the cue has its subject, though no
        // person; the name after it is not the speaker
        if (subject_of(i)) return;
        std::size_t k = i;
        for (int hops = 0; k > 0 && hops < 3 && has(k - 1, kAux); ++hops) --k;
        // "he said": the person the pronoun refers back to
        if (k > 0 && has(k - 1, kPronoun) && toks_[k - 1].sentence == t.sentence) {
            add_pronoun(k - 1, i, out);
            return;
        }
        // "they said" of one person
        if (k > 0 && has(k - 1, kSingularThey) && toks_[k - 1].sentence == t.sentence) {
            add_singular_they(k - 1, i, out);
            return;
        }
        // "the prime minister said"
        if (k > 0 && toks_[k - 1].sentence == t.sentence) {
            std::size_t ra = role_phrase_ending(k);
            if (ra != kNone && add_role_reference(ra, k, i, out)) return;
        }
        // "said Farida Haidari", "said analyst Tomas Brevik", "said a spokeswoman for the
        // hotels, Maria Lopez"
        if (!has(i, kInvertible)) return;
        const std::size_t j = after_roles(i + 1, t.sentence);
        if (j < toks_.size() && is(j, kDefinite | kIndefinite) &&
            !toks_[j].cap) {
            std::size_t e = j + 1;
            bool role = false;
            while (e < toks_.size() && e < j + 12 && toks_[e].sentence == t.sentence && toks_[e].text != ",") {
                if (title(e)) role = true;
                ++e;
            }
            if (role && e + 1 < toks_.size() && toks_[e].text == "," && toks_[e + 1].cap &&
                toks_[e + 1].sentence == t.sentence) {
                Span n = name_in(run_starting(e + 1), true);
                if (n.size() >= 2) add_speaker(n, i, out);
            } else if (is(j, kDefinite)) {
                std::size_t b = j + 1;
                while (b < toks_.size() && toks_[b].word && title(b)) ++b;
                if (b > j + 1) add_role_reference(j + 1, b, i, out);
            }
            return;
        }
        if (j < toks_.size() && toks_[j].cap && toks_[j].sentence == t.sentence) {
            // "said Banque Lemaire economist Alain Marais": the person after the
            // employer and the role
            Span r = run_starting(j);
            const std::size_t k2 = after_roles(r.b, t.sentence);
            if (k2 > r.b && k2 < toks_.size() && toks_[k2].cap && toks_[k2].sentence == t.sentence) {
                Span n = name_in(run_starting(k2), true);
                if (n.a < n.b) {
                    add_speaker(n, i, out);
                    return;
                }
            }
            Span n = name_in(r, true);
            if (n.a < n.b && ends_inverted_name(r.b)) add_speaker(n, i, out);
        }
    }

    // After "said X": punctuation, or a word that goes on about X ("of", "who"); not a
    // verb of which X is the subject ("said Wang would be sent").
    bool ends_inverted_name(std::size_t k) const {
        if (k >= toks_.size() || toks_[k].sentence != toks_[k - 1].sentence) return true;
        if (toks_[k].text == "'s") return false;  // "say Sarney's administration"
        if (!toks_[k].word) return true;
        return has(k, kAfterName);
    }

    std::vector<std::string_view> keys_from(std::size_t i) const {
        std::vector<std::string_view> out;
        for (std::size_t k = i; k < toks_.size() && out.size() < 6 && !toks_[k].key.empty(); ++k)
            out.push_back(toks_[k].key);
        return out;
    }

    // "Jane Doe, The Wall Street Journal: "..."": the person opening the sentence before
    // the colon, alone or followed by their employer.
    void round_up(std::size_t colon, std::vector<Entity>& out) {
        const Sentence& s = cx_.an.sentences[toks_[colon].sentence];
        std::size_t f = s.first;
        while (f < colon && !toks_[f].word) ++f;
        if (f >= colon) return;
        Span r = run_starting(f);
        if (r.b > colon || (r.b < colon && toks_[r.b].text != ",")) return;
        Span n = name_in(r, true);
        if (n.size() < 2) return;
        // after the comma, only a capitalised name (the employer) up to the colon
        for (std::size_t k = r.b + 1; k < colon; ++k)
            if (!toks_[k].word || !(toks_[k].cap || is(k, kLink)))
                return;
        add_speaker(n, colon, out);
    }

  private:
    ExtractContext& cx_;
    const std::vector<Token>& toks_;
    const WordLists& w_;
    std::vector<char> in_quote_;
    std::vector<std::uint16_t> flags_;  // WordFlag bits per token
    std::multimap<std::size_t, const NameMatch*> name_of_;
    std::vector<Span> mentions_;   // names of two words or more
    std::vector<Span> titled_;     // one-word names after a title ("Pope Francis")
    std::vector<Holder> holders_;
    std::set<std::vector<std::string>> company_names_;
};

}  // namespace

namespace {

// "J." in "Carla J. Whitcombe": one capital letter and its dot.
bool initial(const Token& t) {
    return t.text.size() == 2 && t.text[1] == '.' && std::isupper(static_cast<unsigned char>(t.text[0]));
}

}  // namespace

void release_person_spans(ExtractContext& cx, std::vector<Entity>& groups) {
    const auto& toks = cx.an.tokens;
    const WordLists& w = WordLists::get();
    std::vector<std::string> released;
    std::erase_if(cx.orgs, [&](const OrgMention& m) {
        if (std::string_view(m.source) != "tagger" || m.org >= 0 || m.b > m.a + 2 || m.b >= toks.size())
            return false;
        const Token& next = toks[m.b];
        if (next.sentence != toks[m.a].sentence || !next.word || !next.cap) return false;
        if (!initial(next) && cx.tag_of[m.b] != NameType::Person) return false;
        // the span opens the name: no capitalised word before it in the sentence
        if (m.a > 0 && toks[m.a - 1].sentence == toks[m.a].sentence && toks[m.a - 1].word &&
            toks[m.a - 1].cap && !toks[m.a - 1].sentence_start)
            return false;
        for (std::size_t k = m.a; k < m.b; ++k) {
            const Token& t = toks[k];
            if (!t.word || !t.cap || t.upper || cx.is_common(t) ||
                (w.flags(t.key) & (kOrgHead | kCompanyForm | kTitle)) != 0)
                return false;
        }
        for (std::size_t k = m.a; k < m.b; ++k) {
            cx.in_org[k] = 0;
            cx.tag_of[k] = NameType::Person;
        }
        released.push_back(entity_key(m.name));
        return true;
    });
    // the organisation value goes when no mention of it is left
    for (const std::string& key : released) {
        const bool kept = std::any_of(cx.orgs.begin(), cx.orgs.end(), [&](const OrgMention& m) {
            return m.org < 0 && entity_key(m.name) == key;
        });
        if (kept) continue;
        std::erase_if(groups, [&](const Entity& e) {
            return e.key == key && e.found_by.size() == 1 && e.found_by[0] == "tagger";
        });
    }
}

void extract_people(ExtractContext& cx, std::vector<Entity>& speakers) {
    People p(cx);
    p.collect_mentions();
    p.find_speakers(speakers);
}

}  // namespace ndx
