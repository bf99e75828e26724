// Naming: every person mention of the article, a short form resolved to the fullest
// name, and the speaker values with their evidence.
#include <algorithm>
#include <cctype>

#include "common/normalize.h"
#include "extract/people.h"

namespace ndx::people {

std::vector<std::string> People::keys(Span s) const {
    std::vector<std::string> out;
    for (std::size_t k = s.a; k < s.b; ++k) out.push_back(toks_[k].key);
    return out;
}

std::string People::display(Span s) const {
    std::string out;
    for (std::size_t k = s.a; k < s.b; ++k) {
        if (!out.empty()) out += ' ';
        out += toks_[k].text;
    }
    return out;
}

// Every person name in the article, and the roles the article gives them.
void People::collect_mentions() {
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
                while (e < toks_.size() && e < n.b + 14 &&
                       toks_[e].sentence == toks_[n.b].sentence && toks_[e].text != "," &&
                       toks_[e].text != "." && toks_[e].text != "\"")
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
std::optional<Span> People::by_suffix(const std::vector<std::string>& want) const {
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
Person People::resolve(Span cand) const {
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

std::string People::value_of(const Person& p) const {
    return p.titled.empty() ? display(p.name) : display(p.titled);
}

void People::evidence_of(std::size_t tok, Entity& e) const {
    const Token& t = toks_[tok];
    e.evidence.push_back({std::string(cx_.an.sentence_text(t.sentence)), t.begin});
}

// Adds the speaker of cue token `cue`; `named` is the token that named them when it is
// in another sentence (a role or pronoun referring back).
void People::add_person(const Person& p, Span cand, std::size_t cue, std::vector<Entity>& out,
                        bool pronoun, std::size_t named) {
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

void People::add_speaker(Span cand, std::size_t cue, std::vector<Entity>& out) {
    add_person(resolve(cand), cand, cue, out);
}

}  // namespace ndx::people
