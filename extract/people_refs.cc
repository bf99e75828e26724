// Roles and pronouns that refer back: who holds which role, "the prime minister said",
// "he said", "they said" of one person.
#include <algorithm>
#include <cctype>

#include "common/normalize.h"
#include "extract/people.h"

namespace ndx::people {

// The role words of tokens [a, b): canonical, without honorifics and ranks.
std::vector<std::string> People::role_of(std::size_t a, std::size_t b) const {
    std::vector<std::string> words;
    for (std::size_t k = a; k < b; ++k) {
        if (!toks_[k].word || is(k, kDefinite | kIndefinite)) continue;
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

bool People::has_role_word(const std::vector<std::string>& role) const {
    return w_.known_role(role) || std::any_of(role.begin(), role.end(), [&](const std::string& k) {
               TitleClass c = w_.title_class(k);
               return c == TitleClass::Role || c == TitleClass::Rank;
           });
}

void People::add_holder(std::vector<std::string> role, Span name, std::size_t at) {
    // strip place and organisation words before the role proper: "sindh chief minister"
    // stays whole (a later "the chief minister" is its end)
    if (role.empty() || !has_role_word(role)) return;
    holders_.push_back({std::move(role), name, at});
}

// The ranks among tokens [a, b), each a role of its own ("Gen." -> "general").
void People::add_rank_holders(std::size_t a, std::size_t b, Span name) {
    for (std::size_t k = a; k < b; ++k)
        if (toks_[k].word && w_.title_class(toks_[k].key) == TitleClass::Rank)
            add_holder(w_.canonical_role({toks_[k].key}), name, k);
}

// Role words ending at token `end` (exclusive) after "the" or a possessive, or opening
// the sentence: "the prime minister", "The PM", "the Sindh chief minister".  Returns the
// first token of the role, or kNone.
std::size_t People::role_phrase_ending(std::size_t end) const {
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
std::optional<Holder> People::holder_of(const std::vector<std::string>& role,
                                        std::size_t at) const {
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
                   std::equal(role.begin(), role.end(),
                              h.role.end() - static_cast<std::ptrdiff_t>(role.size()))) {
            end_people.insert(who);
            ends = h;
        }
    }
    if (exact_people.size() == 1) return exact;
    if (exact_people.empty() && end_people.size() == 1) return ends;
    return std::nullopt;
}

// "the prime minister said": the person who holds the role, if exactly one does.
bool People::add_role_reference(std::size_t role_a, std::size_t role_b, std::size_t cue,
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
std::optional<Span> People::short_form_before(std::size_t pron) const {
    const std::size_t s = toks_[pron].sentence;
    for (std::size_t j = pron; j-- > 0;) {
        if (toks_[j].sentence + 1 < s) break;
        if (in_quote_[j] || !toks_[j].word || !toks_[j].cap || opener(j)) continue;
        const Span r = run_ending(j + 1);
        if (r.size() == 1 && antecedent(r)) {
            const Person p = resolve(r);
            // a person's name, not "West Europe" or "Airod Sdn Bhd"
            // (read as a person's by the tagger, here and in full)
            bool person = p.ok() && p.name.size() >= 2 && person_shaped(p.name) &&
                          cx_.tag_of[r.a] == NameType::Person;
            for (std::size_t k = p.name.a; person && k < p.name.b; ++k)
                if (name_of_.count(k) || has(k, kCompanyForm | kOrgHead) || cx_.in_org[k] ||
                    cx_.tag_of[k] != NameType::Person)
                    person = false;
            if (person) return r;
        }
        j = std::min(j, r.a);
    }
    return std::nullopt;
}

void People::add_pronoun(std::size_t pron, std::size_t v, std::vector<Entity>& out) {
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
    // a surname or first name alone, given in full elsewhere ("Okonjo-Reyes arrived ...")
    if (auto m = short_form_before(pron); m && !in_quote_[pron] && (!near || m->a > near->a))
        near = m;
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
bool People::plural_noun(std::size_t k) const {
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
void People::add_singular_they(std::size_t pron, std::size_t v, std::vector<Entity>& out) {
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
bool People::opens_clause(std::size_t a) const {
    const Sentence& sent = cx_.an.sentences[toks_[a].sentence];
    for (std::size_t k = sent.first; k < a; ++k)
        if (toks_[k].word && !(k + 1 < a && toks_[k + 1].text == ":") && !toks_[k].upper)
            return false;
    return true;
}

// The person of span `n` is the subject of an attribution already found.
bool People::spoke(Span n) const {
    return std::any_of(
        cx_.attributions.begin(), cx_.attributions.end(),
        [&](const Attribution& at) { return !at.pronoun && at.name_a < n.b && n.a < at.name_b; });
}

}  // namespace ndx::people
