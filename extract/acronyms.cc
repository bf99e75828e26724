// Acronyms an article defines: "Tehreek-e-Taliban Pakistan (TTP)", "the Pakistani
// Taliban, or TTP", "TTP (Tehreek-e-Taliban Pakistan)".
#include <algorithm>
#include <cctype>

#include "common/normalize.h"
#include "extract/extract_internal.h"
#include "extract/word_lists.h"

namespace ndx {

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
            std::string part =
                t.text.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
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

// Whether `acr` abbreviates the words of tokens [a, b) taking letters from inside them
// too ("PSX" for "Pakistan Stock Exchange"): its first letter is the first word's, and
// every capitalised word gives at least one of its letters, in order.
bool letters_in_order(const std::string& acr, std::size_t k, const std::vector<std::string>& words,
                      std::size_t w, std::size_t j) {
    if (k == acr.size()) return w + 1 == words.size();
    for (std::size_t jj = j; jj < words[w].size(); ++jj)  // more of this word
        if (words[w][jj] == acr[k] && letters_in_order(acr, k + 1, words, w, jj + 1)) return true;
    if (w + 1 < words.size())  // the next word
        for (std::size_t jj = 0; jj < words[w + 1].size(); ++jj)
            if (words[w + 1][jj] == acr[k] && letters_in_order(acr, k + 1, words, w + 1, jj + 1))
                return true;
    return false;
}

bool abbreviates_inside(const Analysis& an, const std::string& acr, std::size_t a, std::size_t b) {
    std::vector<std::string> words;
    for (std::size_t i = a; i < b; ++i) {
        const Token& t = an.tokens[i];
        if (!t.word || !t.cap) continue;
        std::string w;
        for (char c : t.text) w += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        words.push_back(std::move(w));
    }
    if (words.empty() || acr.size() < words.size() || acr.size() > 8 || acr[0] != words[0][0])
        return false;
    return letters_in_order(acr, 1, words, 0, 1);
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
        auto is_join = [&](const Token& x) {
            return WordLists::get().is_name_word("joiner", x.text) ||
                   WordLists::get().is_name_word("defined-joiner", x.text);
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
        // the whole name is a gazetteer name ("Khyber Pakhtunkhwa (KP)"); one ending it
        // names something else ("Film Development Council of the Philippines (FDCP)")
        const NameMatch* m = match_ending_at(cx, b);
        if (m && m->a == a) {
            if (!m->entry->orgs.empty())
                t.org = m->entry->orgs.front();
            else if (!m->entry->places.empty())
                t.place = m->entry->places.front();
        }
        if (t.org < 0 && t.place < 0) {
            if (!abbreviates(acr, initials(cx.an, a, b))) {
                // "Tigray People's Liberation Front (TPLF)": a possessive inside the name
                bool done = false;
                if (a >= 2 && toks[a - 1].text == "'s" && toks[a - 2].cap) {
                    const std::size_t before = name_start(cx.an, a - 1);
                    if (before < a - 1 && abbreviates(acr, initials(cx.an, before, b)) &&
                        acr.size() == initials(cx.an, before, b).size()) {
                        a = before;
                        done = true;
                    }
                }
                // "Shares on the Nigerian Exchange (NGX)": the name begins at the first
                // word whose initial opens the acronym
                if (!done) {
                    while (a < b && !(toks[a].word && toks[a].cap && toks[a].text[0] == acr[0]))
                        ++a;
                    if (a == b) return;
                    if (!abbreviates(acr, initials(cx.an, a, b)) &&
                        !abbreviates_inside(cx.an, acr, a, b))
                        return;
                }
            }
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
        if (toks[i].text == "(" && toks[i + 1].upper && i + 2 < toks.size() &&
            toks[i + 2].text == ")") {
            std::size_t a = name_start(cx.an, i);
            define(toks[i + 1].key.empty() ? toks[i + 1].text : toks[i + 1].text, a, i);
            continue;
        }
        // NAME , or ACR
        if (toks[i].text == "," && toks[i + 1].key == "or" && i + 2 < toks.size() &&
            toks[i + 2].upper) {
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

}  // namespace ndx
