// Candidate name spans: capitalised runs, the name inside one (after titles, places and
// organisations), and whether it can be a person.
#include <algorithm>
#include <cctype>

#include "common/normalize.h"
#include "extract/people.h"

namespace ndx::people {

People::People(ExtractContext& cx)
    : cx_(cx),
      toks_(cx.an.tokens),
      w_(WordLists::get()),
      in_quote_(toks_.size(), 0),
      flags_(toks_.size(), 0) {
    for (std::size_t i = 0; i < toks_.size(); ++i) {
        const std::string& k = toks_[i].key;
        if (k.empty()) continue;
        if (k.find(' ') == std::string::npos) {
            flags_[i] = w_.flags(k);
        } else if (is_person_title(toks_[i]) ||  // "maj gen" from "Maj-Gen"
                   w_.title_class(std::string_view(k).substr(k.rfind(' ') + 1)) ==
                       TitleClass::Role) {
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
        while (b > m.a && toks_[b - 1].word && (has(b - 1, kCompanyForm) || is(b - 1, kJoiner)))
            --b;
        if (b < m.b && b > m.a) company_names_.insert(keys({m.a, b}));
    }
    // Names the article gives as speaking with a lower-case organisation word between
    // ("Zycie Warszawy daily said", "the Cofinec company reported"): the same words alone
    // are the organisation speaking ("Zycie Warszawy said"), not a person.
    for (std::size_t i = 1; i + 1 < toks_.size(); ++i) {
        if (!toks_[i].word || toks_[i].cap || !has(i, kOrgHead) || !has(i + 1, kSpeechVerb))
            continue;
        if (!toks_[i - 1].word || !toks_[i - 1].cap || toks_[i - 1].sentence != toks_[i].sentence)
            continue;
        const Span r = run_ending(i);
        if (!r.empty()) company_names_.insert(keys(r));
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

// A capitalised word opening a sentence that never begins a name ("In", "As", "A").
bool People::opener(std::size_t k) const { return toks_[k].sentence_start && has(k, kFunction); }

// Capitalised run (with name particles) ending at token `end` (exclusive).
Span People::run_ending(std::size_t end) const {
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

Span People::run_starting(std::size_t start) const {
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

bool People::stop_word(std::size_t k) const { return title(k) || cx_.in_org[k] || strips_place(k); }

// A role word or qualifier ending a name: "Ahmed Khan Chairman" is cut before it.
bool People::trailing_role(std::size_t k) const {
    if (!toks_[k].word) return false;
    TitleClass c = w_.title_class(toks_[k].key);
    return c == TitleClass::Role || c == TitleClass::Qualifier;
}

// The person's name inside a run: after any title, organisation, country or
// province, and leading ordinary words.  Empty when it is not a plausible name.
Span People::name_in(Span r, bool speaking) const {
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

Span People::name_after_titles(Span r, bool speaking) const {
    // a leading compound of ordinary words ("Leg-spinner Haris ...") is no name
    while (r.a < r.b && common_compound(toks_[r.a])) ++r.a;
    // a word the tagger read apart from the name, as a nationality or the like, before a
    // title or a name of two words it read as a person's ("American Dennis Mitchell",
    // "Indonesian President Suharto"; not "Brian" of "Brian E. Nelson")
    if (r.b > r.a + 2 && cx_.tag_of[r.a] == NameType::Misc &&
        (title(r.a + 1) || (cx_.tag_of[r.a + 1] == NameType::Person && r.b > r.a + 2 &&
                            !(toks_[r.a + 1].text.size() == 2 && toks_[r.a + 1].text[1] == '.'))))
        ++r.a;
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
    if (last_stop && start <= *last_stop &&
        (*last_stop + 1 == r.b || leads_with_stops(r.a, *last_stop)))
        start = *last_stop + 1;
    while (start < r.b && r.b - start > 2 && cx_.is_common(toks_[start]) && !toks_[start].upper)
        ++start;
    if (r.b - start == 2 && cx_.is_common(toks_[start]) && !toks_[start].upper) ++start;
    if (r.b - start > 4) start = r.b - 4;
    // a name never begins with a lower-case particle: the capitalised word before it,
    // unless a title, is the given name, whatever else it may name ("Prince Sultan ibn
    // Abdulaziz" is "Sultan ibn Abdulaziz"; "Mr. de Villepin" stays "de Villepin")
    if (start > r.a && start < r.b && !toks_[start].cap && has(start, kParticle) &&
        toks_[start - 1].cap && w_.title_class(toks_[start - 1].key) == TitleClass::None) {
        Span given{start - 1, r.b};
        if (plausible(given, speaking)) return given;
    }
    Span n{start, r.b};
    return plausible(n, speaking) ? n : Span{};
}

// The title words right before a one-word name, capitalised ("Pope", "Barrister",
// "PM"): the start of "Pope Francis".  `n.a` when there are none.
std::size_t People::title_start(Span n) const {
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
std::size_t People::after_roles(std::size_t k, std::size_t sentence) const {
    while (k < toks_.size() && toks_[k].sentence == sentence && toks_[k].word && !toks_[k].cap &&
           title(k))
        ++k;
    return k;
}

// Every token from a to stop (inclusive) is a title, organisation or place word.
bool People::leads_with_stops(std::size_t a, std::size_t stop) const {
    for (std::size_t k = a; k <= stop; ++k)
        if (!stop_word(k)) return false;
    return true;
}

// A hyphenated word of ordinary words ("Leg-spinner", "Left-winger").
bool People::common_compound(const Token& t) const {
    if (!t.word || t.text.find('-') == std::string::npos) return false;
    std::size_t start = 0;
    while (start <= t.text.size()) {
        std::size_t dash = t.text.find('-', start);
        std::string part =
            t.text.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
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
bool People::acronym_like(const std::string& w) {
    for (std::size_t i = 0; i + 2 < w.size(); ++i)
        if (std::isupper(static_cast<unsigned char>(w[i])) &&
            std::isupper(static_cast<unsigned char>(w[i + 1])) &&
            std::islower(static_cast<unsigned char>(w[i + 2])))
            return true;
    return false;
}

// A full name that a first name alone may stand for: no ordinary word, place or
// acronym after the first word ("Reynolds Metals", "Funaro Brazil", "Asea AB" are not).
bool People::person_shaped(const Span& m) const {
    for (std::size_t k = m.a + 1; k < m.b; ++k)
        if (cx_.is_common(toks_[k]) || name_of_.count(k) || toks_[k].upper) return false;
    return true;
}

// A mention that a pronoun may refer back to: a name, not "the Italian Grand Prix".
bool People::antecedent(const Span& m) const {
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
bool People::plausible(Span s, bool speaking) const {
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
bool People::strips_place(std::size_t k) const {
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

}  // namespace ndx::people
