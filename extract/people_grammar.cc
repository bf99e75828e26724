// The attribution grammar: the cues and where their speaker stands ("X said", "said X",
// "X, the minister, said", "according to X", quote round-ups, lists of speakers).
#include <algorithm>
#include <cctype>

#include "common/normalize.h"
#include "extract/people.h"

namespace ndx::people {

// "Sens. A, B, C and D said": the names before the subject `n`, joined by commas and
// "and", each a speaker too.
bool People::names_only(Span n) const {
    for (std::size_t k = n.a; k < n.b; ++k)
        if (cx_.is_common(toks_[k])) return false;
    return true;
}

bool People::name_after_object(Span r, Span n) const {
    if (n.empty() || n.a == r.a) return false;
    for (std::size_t k = r.a; k < n.a; ++k)
        if (!cx_.is_common(toks_[k])) return false;
    for (std::size_t k = n.a; k < n.b; ++k)
        if (name_of_.count(k)) return false;
    return true;
}

void People::add_coordinated(Span n, std::size_t cue, std::vector<Entity>& out) {
    // from the subject's titles on ("A and Agriculture Secretary B told")
    std::size_t a = n.a;
    while (a > 0 && !toks_[a].sentence_start && toks_[a - 1].sentence == toks_[n.a].sentence &&
           toks_[a - 1].word && toks_[a - 1].cap)
        --a;
    const std::size_t first = a;
    std::vector<Span> more;
    while (a >= 2 && (is(a - 1, kJoiner) || toks_[a - 1].text == ",") && toks_[a - 2].word &&
           toks_[a - 2].cap && toks_[a - 2].sentence == toks_[cue].sentence) {
        if (toks_[a - 1].text == "," && more.empty()) {
            // "X, Y said" without "and" is an apposition, not a list
            if (!(a >= 3 && is(a, kJoiner))) break;
        }
        Span r = run_ending(a - 1);
        Span m = name_in(r, true);
        if (m.size() < 2 || !names_only(m))
            break;  // not "Philippines Trade and Industry Secretary X"
        more.push_back(m);
        a = r.a;
    }
    // a list needs its "and": "A, B and C said"
    if (!more.empty() && first > 0 && is(first - 1, kJoiner))
        for (const Span& m : more) add_speaker(m, cue, out);
}

// The speaker named before cue token `v`, if any ("Miller told", "X, the minister,
// said").
std::optional<Span> People::subject_of(std::size_t v) const {
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
        // (after the preposition's object, a name may follow: "Secretary of Commerce
        // Malcolm Baldrige said")
        Span n = name_in(r, true);
        if (after_prep && !name_after_object(r, n)) n = {};
        if (n.a < n.b) return n;
        // "Ines Kovac of Corvane Trust said": the person before the organisation
        if (r.a >= 2 && (cx_.in_org[r.a] || after_prep) && is(r.a - 1, kLink) &&
            !is(r.a - 1, kDefinite | kJoiner) && toks_[r.a - 2].word && toks_[r.a - 2].cap &&
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
    // "Glos Robotniczy, the party weekly, said": an apposition headed by an organisation's
    // word, and no title, makes the name before it an organisation's
    if (organisation_apposition(prev, comma)) return std::nullopt;
    if (prev - 1 > 0 && toks_[prev - 2].word && toks_[prev - 2].cap) {
        Span r = run_ending(prev - 1);
        if (r.empty()) return std::nullopt;
        Span n = name_in(r, true);
        if (n.a < n.b) return n;
    }
    return std::nullopt;
}

// After a cue that comes before its speaker ("according to", "This was stated by"):
// the person named from token `j` on, by name or by role.
bool People::add_following(std::size_t j, std::size_t cue, std::vector<Entity>& out) {
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
            if (title(k) || is(k, kLink)) continue;
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
// Tokens [a, b), an apposition, describe an organisation: an article, no title, and an
// organisation's word last ("the party weekly", "a state-owned company"; not "the head of
// the central bank", whose "head" is a title).
bool People::organisation_apposition(std::size_t a, std::size_t b) const {
    if (a >= b || !is(a, kDefinite | kIndefinite) || !has(b - 1, kOrgHead) || toks_[b - 1].cap)
        return false;
    for (std::size_t j = a; j < b; ++j)
        if (title(j)) return false;
    return true;
}

std::optional<Span> People::subject_before_titles(std::size_t v) const {
    std::size_t k = v;
    for (int hops = 0; k > 0 && hops < 3 && has(k - 1, kAux); ++hops) --k;
    if (k < 2 || toks_[k - 1].text != ",") return std::nullopt;
    const std::size_t sentence = toks_[v].sentence;
    for (std::size_t c = k - 2; c > 0 && k - c < 45 && toks_[c].sentence == sentence; --c) {
        if (toks_[c].text == "\"" || toks_[c].text == "." || toks_[c].text == ";") break;
        if (toks_[c].text != ",") continue;
        const Token& after = toks_[c + 1];
        bool titled =
            is(c + 1, kDefinite | kIndefinite) || title(c + 1) || (after.cap && after.word);
        if (!titled || !(toks_[c - 1].word && toks_[c - 1].cap)) continue;
        // "X, president of the ABA, the largest bankers group, said": the last apposition
        // is the organisation's, the person is further back
        if (organisation_apposition(c + 1, k - 1)) continue;
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
std::optional<Span> People::subject_before_role(std::size_t v) const {
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
    // what the role heads: words without punctuation, another cue or another title ("West
    // German Finance Minister X and British Chancellor of the Exchequer Y declined")
    for (std::size_t j = r.b; j < k; ++j)
        if (!toks_[j].word || has(j, kSpeechVerb | kPronoun) || title(j)) return std::nullopt;
    Span n = name_in({r.a, role}, true);
    if (n.size() < 2 || !resolve(n).ok()) return std::nullopt;
    // a name of names ("Kuwaiti Oil Minister Sheikh Ali ..." is a title before the name)
    if (!names_only(n)) return std::nullopt;
    return n;
}

void People::find_speakers(std::vector<Entity>& out) {
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

void People::speech_cue(std::size_t i, std::vector<Entity>& out) {
    const Token& t = toks_[i];
    if (w_.not_cue_at(keys_from(i))) return;  // "called up", "called off"
    // a verb that reports speech only before what was said: "observed that ...", not
    // "observed trading" (a lower-case word after it is its object)
    if (has(i, kClauseCue) && i + 1 < toks_.size() && toks_[i + 1].sentence == t.sentence &&
        toks_[i + 1].word && !toks_[i + 1].cap && !is(i + 1, kComplement))
        return;
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
    // (not when a capitalised subject stands before the cue: "Interfax said Judge X, 28,
    // ordered ...", "the State Department said X would ...")
    if (k > 0 && toks_[k - 1].sentence == t.sentence && toks_[k - 1].word && toks_[k - 1].cap &&
        !opener(k - 1))
        return;
    if (has(i, kInvertible)) speaker_after(i, out);
}

void People::speaker_after(std::size_t i, std::vector<Entity>& out) {
    const Token& t = toks_[i];
    const std::size_t j = after_roles(i + 1, t.sentence);
    if (j < toks_.size() && is(j, kDefinite | kIndefinite) && !toks_[j].cap) {
        std::size_t e = j + 1;
        bool role = false;
        while (e < toks_.size() && e < j + 12 && toks_[e].sentence == t.sentence &&
               toks_[e].text != ",") {
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
bool People::ends_inverted_name(std::size_t k) const {
    if (k >= toks_.size() || toks_[k].sentence != toks_[k - 1].sentence) return true;
    if (toks_[k].text == "'s") return false;  // "say Sarney's administration"
    if (!toks_[k].word) return true;
    return has(k, kAfterName);
}

std::vector<std::string_view> People::keys_from(std::size_t i) const {
    std::vector<std::string_view> out;
    for (std::size_t k = i; k < toks_.size() && out.size() < 6 && !toks_[k].key.empty(); ++k)
        out.push_back(toks_[k].key);
    return out;
}

// "Jane Doe, The Wall Street Journal: "..."": the person opening the sentence before
// the colon, alone or followed by their employer.
void People::round_up(std::size_t colon, std::vector<Entity>& out) {
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
        if (!toks_[k].word || !(toks_[k].cap || is(k, kLink))) return;
    add_speaker(n, colon, out);
}

}  // namespace ndx::people
