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
#include "common/speaker_merge.h"
#include "extract/extract.h"
#include "extract/extract_internal.h"
#include "extract/people.h"
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
        std::string_view part =
            k.substr(start, sp == std::string_view::npos ? k.size() - start : sp - start);
        if (!w.is_title(part)) return false;
        if (sp == std::string_view::npos) break;
        start = sp + 1;
    }
    return true;
}

namespace {

// "J." in "Carla J. Whitcombe": one capital letter and its dot.
bool initial(const Token& t) {
    return t.text.size() == 2 && t.text[1] == '.' &&
           std::isupper(static_cast<unsigned char>(t.text[0]));
}

}  // namespace

namespace {

// Organisation mention `m`, found by the tagger alone, opens a person's name: one or two
// words before a middle initial or a tagged person ("Carla" of "Carla J. Whitcombe").
bool opens_a_name(const ExtractContext& cx, const WordLists& w, const OrgMention& m) {
    const auto& toks = cx.an.tokens;
    if (m.b > m.a + 2 || m.b >= toks.size()) return false;
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
    return true;
}

// The first token of a person's name that organisation mention `m`, found by the tagger
// alone, swallowed after the object of a title ("Chancellor of the Exchequer Nigel
// Lawson"): after one ordinary word, two words or more that are no ordinary words,
// acronyms or organisation heads.  `m.b` when there is none.
std::size_t name_after_department(const ExtractContext& cx, const WordLists& w,
                                  const OrgMention& m) {
    const auto& toks = cx.an.tokens;
    if (m.b < m.a + 3 || !cx.is_common(toks[m.a])) return m.b;
    // "TITLE of (the) [Exchequer Nigel Lawson]"
    std::size_t k = m.a;
    if (k > 0 && w.grammar(toks[k - 1].key, kDefinite)) --k;
    if (k < 2 || !w.grammar(toks[k - 1].key, kLink) ||
        w.grammar(toks[k - 1].key, kDefinite | kJoiner) || !is_person_title(toks[k - 2]))
        return m.b;
    for (std::size_t j = m.a + 1; j < m.b; ++j) {
        const Token& t = toks[j];
        if (!t.word || !t.cap || t.upper || cx.is_common(t) ||
            (w.flags(t.key) & (kOrgHead | kCompanyForm | kTitle)) != 0)
            return m.b;
    }
    return m.a + 1;
}

}  // namespace

void release_person_spans(ExtractContext& cx, std::vector<Entity>& groups) {
    const WordLists& w = WordLists::get();
    std::vector<std::string> released;
    std::erase_if(cx.orgs, [&](const OrgMention& m) {
        if (std::string_view(m.source) != "tagger" || m.org >= 0) return false;
        std::size_t from = m.b;
        if (opens_a_name(cx, w, m))
            from = m.a;
        else
            from = name_after_department(cx, w, m);
        if (from == m.b) return false;
        for (std::size_t k = from; k < m.b; ++k) {
            cx.in_org[k] = 0;
            cx.tag_of[k] = NameType::Person;
        }
        for (std::size_t k = m.a; k < from; ++k) cx.in_org[k] = 0;
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

namespace {

// "al-Khalifa", "bin-Salman", "ul-Haq": a name particle joined by a hyphen to a capitalised
// word is a word of the name, though it begins in lower case.  Marked capitalised for the
// speaker grammar (whose runs of capitalised words would break there, "Sheikh Ali" of
// "Sheikh Ali al-Khalifa al-Sabah"); the tokens changed are returned.
std::vector<std::size_t> capitalise_particle_words(ExtractContext& cx, const WordLists& w) {
    std::vector<std::size_t> changed;
    auto& toks = cx.an.tokens;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        Token& t = toks[i];
        if (!t.word || t.cap) continue;
        const std::size_t sp = t.key.find(' '), hy = t.text.find('-');
        if (sp == std::string::npos || hy == std::string::npos || hy + 1 >= t.text.size()) continue;
        if (!(w.flags(std::string_view(t.key).substr(0, sp)) & kParticle)) continue;
        const auto after = static_cast<unsigned char>(t.text[hy + 1]);
        if (!std::isupper(after) && after < 0x80) continue;
        t.cap = true;
        changed.push_back(i);
    }
    return changed;
}

}  // namespace

void extract_people(ExtractContext& cx, std::vector<Entity>& speakers) {
    const std::vector<std::size_t> particle_words = capitalise_particle_words(cx, WordLists::get());
    {
        people::People p(cx);
        p.collect_mentions();
        p.find_speakers(speakers);
    }
    // the other extractors read the words as written
    for (std::size_t i : particle_words) cx.an.tokens[i].cap = false;
}

}  // namespace ndx

namespace ndx {

void merge_shortened_speakers(std::vector<Entity>& speakers, std::vector<Statement>& statements) {
    if (speakers.size() < 2) return;
    std::vector<std::string> keys;
    for (const Entity& e : speakers) keys.push_back(e.key);
    const auto roots = speaker_roots(keys);
    if (roots.empty()) return;
    std::map<std::string, std::size_t> at;  // key -> its entity
    for (std::size_t i = 0; i < speakers.size(); ++i) at.emplace(speakers[i].key, i);
    for (Entity& e : speakers) {
        auto r = roots.find(e.key);
        if (r == roots.end()) continue;
        Entity& root = speakers[at.at(r->second)];
        root.evidence.insert(root.evidence.end(), e.evidence.begin(), e.evidence.end());
        for (const std::string& s : e.found_by)
            if (std::find(root.found_by.begin(), root.found_by.end(), s) == root.found_by.end())
                root.found_by.push_back(s);
    }
    for (Statement& st : statements)
        if (auto r = roots.find(st.speaker_key); r != roots.end()) {
            st.speaker = speakers[at.at(r->second)].value;
            st.speaker_key = r->second;
        }
    std::erase_if(speakers, [&](const Entity& e) { return roots.count(e.key) > 0; });
}

}  // namespace ndx
