// Speakers: people quoted or whose statements are reported, found by the grammar of
// attribution ("X said", "said X", "X, the minister, said", "according to X", "he said"),
// named by the fullest form of their name in the article, without titles.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_set>

#include "common/normalize.h"
#include "extract/extract_internal.h"

namespace ndx {
namespace {

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

constexpr std::array<std::string_view, 112> kSpeechVerbs = {
    "said", "says", "say", "told", "tells", "added", "adds", "warned", "warns", "stressed",
    "stresses", "noted", "notes", "claimed", "claims", "denied", "denies", "condemned",
    "condemns", "emphasised", "emphasises", "emphasized", "emphasizes", "pledged", "pledges",
    "stated", "announced", "announces", "confirmed", "confirms", "acknowledged",
    "acknowledges", "explained", "explains", "asserted", "asserts", "insisted", "insists",
    "argued", "argues", "declared", "declares", "maintained", "maintains", "urged", "urges",
    "accused", "accuses", "alleged", "alleges", "vowed", "vows", "reiterated", "reiterates",
    "underlined", "underlines", "recalled", "recalls", "wrote", "writes", "tweeted",
    "tweets", "cautioned", "cautions", "predicted", "predicts", "conceded", "concedes",
    "admitted", "admits", "disclosed", "discloses", "revealed", "reveals", "suggested",
    "suggests", "replied", "replies", "responded", "responds", "commented", "comments",
    "remarked", "remarks", "observed", "observes", "asked", "asks", "criticised",
    "criticized", "criticises", "criticizes", "demanded", "demands", "questioned",
    "lamented", "laments", "hailed", "praised", "assured", "assures", "informed",
    "briefed", "highlighted", "highlights", "affirmed", "reaffirmed", "rejected", "dismissed",
    "welcomed"};

// Verbs that may come before their speaker ("said Farida Haidari").
constexpr std::array<std::string_view, 12> kInvertible = {
    "said", "says", "added", "adds", "noted", "wrote", "asked", "warned", "explained",
    "recalled", "insisted", "continued"};

// Words between a speaker and the verb ("Miller has also said").
constexpr std::array<std::string_view, 16> kAux = {
    "has", "have", "had", "also", "further", "later", "again", "earlier", "previously",
    "repeatedly", "reportedly", "once", "would", "will", "then", "separately"};

constexpr std::array<std::string_view, 103> kTitles = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "gen", "general", "lt",
    "lieutenant", "col", "colonel", "maj", "major", "capt", "captain", "cmdr", "commander",
    "sgt", "sergeant", "adm", "admiral", "brig", "brigadier", "gov", "governor", "sen",
    "senator", "rep", "representative", "rev", "reverend", "hon", "president", "vice",
    "prime", "minister", "secretary", "chief", "spokesperson", "spokesman", "spokeswoman",
    "deputy", "principal", "caretaker", "interior", "foreign", "defence", "defense",
    "finance", "home", "federal", "provincial", "state", "ambassador", "envoy", "chairman",
    "chairperson", "chair", "director", "coordinator", "head", "leader", "mayor", "judge",
    "justice", "king", "queen", "prince", "princess", "sheikh", "barrister", "advocate",
    "maulana", "mufti", "imam", "inspector", "superintendent", "officer", "commissioner",
    "counsel", "attorney", "former", "acting", "interim", "chancellor", "premier", "cardinal",
    "pope", "bishop", "minister's", "marshal", "air", "field", "vice-president", "speaker",
    "economist", "analyst", "strategist", "executive", "democrat", "republican"};

constexpr std::array<std::string_view, 31> kNotNames = {
    "the", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
    "treasury", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december"};

constexpr std::array<std::string_view, 12> kParticles = {
    "de", "da", "del", "van", "von", "bin", "ibn", "al", "el", "ul", "der", "dos"};

// The long lists, looked up for every word of an article.
bool is_title_word(std::string_view w) {
    static const std::unordered_set<std::string_view> kSet(kTitles.begin(), kTitles.end());
    return kSet.count(w) > 0;
}

bool is_speech_verb(std::string_view w) {
    static const std::unordered_set<std::string_view> kSet(kSpeechVerbs.begin(), kSpeechVerbs.end());
    return kSet.count(w) > 0;
}

}  // namespace

bool is_person_title(const Token& t) {
    if (!t.word) return false;
    std::string_view k = t.key;
    // "maj gen" from "Maj-Gen": every part a title
    std::size_t start = 0;
    while (start <= k.size()) {
        std::size_t sp = k.find(' ', start);
        std::string_view part = k.substr(start, sp == std::string_view::npos ? k.size() - start : sp - start);
        if (!is_title_word(part)) return false;
        if (sp == std::string_view::npos) break;
        start = sp + 1;
    }
    return true;
}

namespace {

struct Span {
    std::size_t a = 0, b = 0;
};

class People {
  public:
    explicit People(ExtractContext& cx) : cx_(cx), toks_(cx.an.tokens) {
        for (const auto& m : cx.names) {
            for (std::size_t i = m.a; i < m.b; ++i) name_of_.emplace(i, &m);
        }
        // Companies the article names with their legal form: the same words without it
        // ("Amberline Express said") are the company speaking, not a person.
        for (const OrgMention& m : cx.orgs) {
            std::size_t b = m.b;
            while (b > m.a && toks_[b - 1].word &&
                   (is_company_form(toks_[b - 1].key) || toks_[b - 1].key == "and" ||
                    toks_[b - 1].key == "&"))
                --b;
            if (b < m.b && b > m.a) company_names_.insert(keys({m.a, b}));
        }
    }

    // Capitalised run (with name particles) ending at token `end` (exclusive).
    Span run_ending(std::size_t end) const {
        std::size_t a = end;
        while (a > 0 && toks_[a - 1].sentence == toks_[end - 1].sentence) {
            const Token& t = toks_[a - 1];
            if (t.word && (t.cap || (in(kParticles, t.key) && a != end))) {
                --a;
                continue;
            }
            break;
        }
        return {a, end};
    }

    Span run_starting(std::size_t start) const {
        std::size_t b = start;
        while (b < toks_.size() && toks_[b].sentence == toks_[start].sentence) {
            const Token& t = toks_[b];
            if (t.word && (t.cap || (in(kParticles, t.key) && b + 1 < toks_.size() && toks_[b + 1].cap))) {
                ++b;
                continue;
            }
            break;
        }
        return {start, b};
    }

    // The person's name inside a run: after any title, organisation, country or
    // province, and leading ordinary words.  Empty when it is not a plausible name.
    Span name_in(Span r, bool speaking = false) const {
        // After the last title or organisation word that leaves a name of two words or
        // more ("Mandera County Commissioner Grace Wanjiru"); a title inside a name
        // stays ("Hassan Sheikh Mohamud").
        std::size_t start = r.a;
        std::optional<std::size_t> last_stop;
        for (std::size_t k = r.a; k < r.b; ++k) {
            if (!(is_person_title(toks_[k]) || cx_.in_org[k] || strips_place(k))) continue;
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
        Span s{start, r.b};
        return plausible(s, speaking) ? s : Span{};
    }

    // The first token from `k` on that is not a lower-case role word ("analyst",
    // "chief economist") of sentence `sentence`.
    std::size_t after_roles(std::size_t k, std::size_t sentence) const {
        while (k < toks_.size() && toks_[k].sentence == sentence && toks_[k].word &&
               !toks_[k].cap && is_person_title(toks_[k]))
            ++k;
        return k;
    }

    // Every token from a to stop (inclusive) is a title, organisation or place word.
    bool leads_with_stops(std::size_t a, std::size_t stop) const {
        for (std::size_t k = a; k <= stop; ++k)
            if (!(is_person_title(toks_[k]) || cx_.in_org[k] || strips_place(k))) return false;
        return true;
    }

    // `speaking`: the span is the subject of a speech verb, itself evidence of a person
    // ("Chelsea Ward, the club's head ..., said"; "Jordan said" after "Thomas Jordan").
    bool plausible(Span s, bool speaking) const {
        if (s.a >= s.b) return false;
        std::size_t common = 0;
        for (std::size_t k = s.a; k < s.b; ++k) {
            const Token& t = toks_[k];
            if (!t.word || in(kNotNames, t.key) || cx_.in_org[k]) return false;
            if (t.upper && t.text.size() > 2) return false;
            if (!org_head_kind(t.key).empty()) return false;
            if (t.text.find("-based") != std::string::npos) return false;
            if (cx_.is_common(t)) ++common;
        }
        // a company: named with its legal form ("Velmark AG"), here or elsewhere
        if (company_names_.count(keys(s)) || is_company_form(toks_[s.b - 1].key)) return false;
        // names are mostly not ordinary words ("Pictet Wealth Management" is no one)
        if (common == s.b - s.a || (common >= 2)) return false;
        // the whole span a gazetteer name ("Sri Lanka", "Reuters")
        auto it = name_of_.find(s.a);
        if (it != name_of_.end() && it->second->a == s.a && it->second->b == s.b &&
            !(speaking && s.b == s.a + 1))
            return false;
        // "Zhob Garrison": a place followed by an ordinary word
        if (!speaking && s.b - s.a >= 2 && name_of_.count(s.a) && cx_.is_word(toks_[s.b - 1]))
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
        return region && m.b < toks_.size() && (is_person_title(toks_[m.b]) || cx_.in_org[m.b]);
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

    // Every multi-word person name in the article.
    void collect_mentions() {
        for (std::size_t i = 0; i < toks_.size();) {
            if (!toks_[i].word || !toks_[i].cap) {
                ++i;
                continue;
            }
            Span r = run_starting(i);
            Span n = name_in(r);
            if (n.b - n.a >= 2) {
                mentions_.push_back(n);
                cx_.people.push_back(keys(n));
                for (std::size_t k = n.a; k < n.b; ++k) cx_.in_person[k] = 1;
            }
            i = std::max(r.b, i + 1);
        }
    }

    // The fullest mention whose words end with (or equal) the candidate's.
    std::optional<Span> fullest(Span cand) const {
        std::vector<std::string> want = keys(cand);
        std::optional<Span> best;
        for (const Span& m : mentions_) {
            std::vector<std::string> have = keys(m);
            bool suffix = have.size() >= want.size() &&
                          std::equal(want.begin(), want.end(), have.end() - static_cast<std::ptrdiff_t>(want.size()));
            if (!suffix) continue;
            if (!best || m.b - m.a > best->b - best->a) best = m;
        }
        if (!best && cand.b - cand.a >= 2) best = cand;
        return best;
    }

    void add_speaker(Span cand, std::size_t evidence_token, std::vector<Entity>& out) {
        auto full = fullest(cand);
        if (!full) return;
        Entity e;
        e.value = display(*full);
        e.key = entity_key(e.value);
        Attribution at;
        at.verb = evidence_token;
        at.name_a = cand.a;
        at.name_b = cand.b;
        at.speaker = e.value;
        at.key = e.key;
        at.according = toks_[evidence_token].key == "according";
        cx_.attributions.push_back(at);
        const Token& t = toks_[evidence_token];
        e.evidence.push_back({std::string(cx_.an.sentence_text(t.sentence)), t.begin});
        last_speaker_ = *full;
        // "Jordan said": the surname used alone is this person, not the country
        for (std::size_t k = cand.a; k < cand.b; ++k) cx_.in_person[k] = 1;
        add_entity(out, std::move(e));
    }

    // The speaker named before verb `v`, if any ("Miller told", "X, the minister, said").
    std::optional<Span> subject_of(std::size_t v) const {
        std::size_t k = v;
        for (int hops = 0; k > 0 && hops < 3 && in(kAux, toks_[k - 1].key); ++hops) --k;
        if (k == 0 || toks_[k - 1].sentence != toks_[v].sentence) return std::nullopt;
        const Token& before = toks_[k - 1];
        if (before.word && before.cap) {
            const Span r = run_ending(k);
            Span n = name_in(r, true);
            if (n.a < n.b) return n;
            // "Ines Kovac of Corvane Trust said": the person before the organisation
            if (r.a >= 2 && cx_.in_org[r.a] && toks_[r.a - 1].key == "of" &&
                toks_[r.a - 2].word && toks_[r.a - 2].cap &&
                toks_[r.a - 2].sentence == toks_[v].sentence) {
                n = name_in(run_ending(r.a - 1), true);
                if (n.a < n.b) return n;
            }
            return std::nullopt;
        }
        if (before.text != ",") return std::nullopt;
        // ", NAME, said" or "NAME, the minister, said"
        std::size_t comma = k - 1, prev = comma;
        while (prev > 0 && comma - prev < 16 && toks_[prev - 1].text != "," &&
               toks_[prev - 1].sentence == toks_[v].sentence)
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
            Span n = name_in(run_ending(prev - 1), true);
            if (n.a < n.b) return n;
        }
        return std::nullopt;
    }

    void find_speakers(std::vector<Entity>& out) {
        for (std::size_t i = 0; i < toks_.size(); ++i) {
            const Token& t = toks_[i];
            if (!t.word || t.cap) {
                // "According to X"
                if (t.key == "according" && i + 2 < toks_.size() && toks_[i + 1].key == "to" &&
                    toks_[i + 2].cap) {
                    Span n = name_in(run_starting(i + 2));
                    if (n.a < n.b) add_speaker(n, i, out);
                }
                continue;
            }
            if (t.key == "according" && i + 2 < toks_.size() && toks_[i + 1].key == "to" &&
                toks_[i + 2].cap) {
                Span n = name_in(run_starting(i + 2));
                if (n.a < n.b) add_speaker(n, i, out);
                continue;
            }
            if (!is_speech_verb(t.key)) continue;
            if (auto s = subject_of(i)) {
                add_speaker(*s, i, out);
                continue;
            }
            // "he said": the person last named as speaking
            if (i > 0 && (toks_[i - 1].key == "he" || toks_[i - 1].key == "she")) {
                if (!cx_.attributions.empty()) {
                    Attribution at = cx_.attributions.back();
                    at.verb = i;
                    at.name_a = at.name_b = i - 1;
                    at.pronoun = true;
                    at.according = false;
                    cx_.attributions.push_back(at);
                }
                continue;
            }
            // "said Farida Haidari", "said analyst Tomas Brevik"
            if (!in(kInvertible, t.key)) continue;
            const std::size_t j = after_roles(i + 1, t.sentence);
            if (j < toks_.size() && toks_[j].cap && toks_[j].sentence == t.sentence) {
                // "said Banque Lemaire economist Alain Marais": the person after the
                // employer and the role
                Span r = run_starting(j);
                const std::size_t k = after_roles(r.b, t.sentence);
                if (k > r.b && k < toks_.size() && toks_[k].cap && toks_[k].sentence == t.sentence) {
                    Span n = name_in(run_starting(k), true);
                    if (n.a < n.b) {
                        add_speaker(n, i, out);
                        continue;
                    }
                }
                Span n = name_in(r, true);
                if (n.a < n.b) add_speaker(n, i, out);
            }
        }
    }

  private:
    ExtractContext& cx_;
    const std::vector<Token>& toks_;
    std::multimap<std::size_t, const NameMatch*> name_of_;
    std::vector<Span> mentions_;
    std::optional<Span> last_speaker_;
    std::set<std::vector<std::string>> company_names_;
};

}  // namespace

void extract_people(ExtractContext& cx, std::vector<Entity>& speakers) {
    People p(cx);
    p.collect_mentions();
    p.find_speakers(speakers);
}

}  // namespace ndx
