// Tokenising and sentence splitting for extraction: see text.h.
#include "extract/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "common/normalize.h"
#include "extract/word_lists.h"

namespace ndx {
namespace {

// Longest sentence kept whole (news sentences are far shorter).
constexpr std::size_t kMaxSentenceBytes = 1000;

// Abbreviations after which a full stop does not end a sentence (data/grammar-words.tsv),
// as the list writes them or, for a word in capitals ("ST. LOUIS, March 3 -", a headline),
// in the list's case: "ST" is "St", "ETC" is "etc".
bool is_abbreviation(std::string_view w) {
    const WordLists& lists = WordLists::get();
    if (lists.abbreviation(w)) return true;
    if (w.size() < 2 ||
        !std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return false;
    std::string lower(w);
    for (char& c : lower) c = static_cast<char>(c - 'A' + 'a');
    if (lists.abbreviation(lower)) return true;
    lower[0] = w[0];
    return lists.abbreviation(lower);
}

// is_letter_or_digit_at() beyond ASCII.
bool is_letter_or_digit_beyond_ascii(std::string_view s, std::size_t i, std::size_t* len,
                                     bool* upper) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                          static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) {
        *len = 1;
        *upper = false;
        return false;
    }
    *len = static_cast<std::size_t>(n);
    auto cat = utf8proc_category(cp);
    *upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
           cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO ||
           cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_ND ||
           cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC;
}

// Whether s[i] starts a letter or digit (setting its length in bytes, and whether it is an
// upper-case letter).  Inline for ASCII, which is nearly every byte of news text and runs
// for every byte (and not <cctype>: a call per byte).
inline bool is_letter_or_digit_at(std::string_view s, std::size_t i, std::size_t* len,
                                  bool* upper) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) return is_letter_or_digit_beyond_ascii(s, i, len, upper);
    *len = 1;
    *upper = c >= 'A' && c <= 'Z';
    return *upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string_view Analysis::sentence_text(std::size_t s) const {
    const Sentence& st = sentences[s];
    return std::string_view(text).substr(st.begin, st.end - st.begin);
}

std::string Analysis::span_text(std::size_t a, std::size_t b) const {
    if (a >= b) return {};
    // as written, but with line breaks and runs of spaces folded to one space
    std::string out;
    for (std::size_t i = tokens[a].begin; i < tokens[b - 1].end; ++i) {
        char c = text[i];
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    return out;
}

std::string Analysis::span_key(std::size_t a, std::size_t b) const {
    std::string k;
    for (std::size_t i = a; i < b; ++i) {
        if (tokens[i].key.empty()) continue;
        if (!k.empty()) k += ' ';
        k += tokens[i].key;
    }
    return k;
}

namespace {

// The word starting at s[i] (a letter or digit, a capital when `cap`): letters/digits with
// inner hyphens, apostrophes and dots ("U.S.", "Tehreek-e-Taliban", "O'Brien"); a trailing
// "'s" becomes its own token.  Fills t and returns the byte after the word.
std::size_t read_word(const std::string& s, std::size_t i, bool cap, Token& t) {
    std::size_t len;
    bool up;
    std::size_t j = i;
    bool all_upper = true, any_upper = false;
    std::size_t letters = 0;
    t.cap = cap;
    while (j < s.size()) {
        if (is_letter_or_digit_at(s, j, &len, &up)) {
            const auto b = static_cast<unsigned char>(s[j]);
            const bool letter = b >= 0x80 || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
            if (letter) {
                ++letters;
                if (up)
                    any_upper = true;
                else
                    all_upper = false;
            }
            j += len;
            continue;
        }
        char d = s[j];
        bool inner = j + 1 < s.size() && is_letter_or_digit_at(s, j + 1, &len, &up);
        if ((d == '-' || d == '&') && inner) {
            ++j;
            continue;
        }
        if (d == '\'' && inner) {
            if ((s[j + 1] == 's' || s[j + 1] == 'S') &&
                (j + 2 >= s.size() || !std::isalnum(static_cast<unsigned char>(s[j + 2]))))
                break;  // possessive
            ++j;
            continue;
        }
        if (d == '.' && inner && j + 2 < s.size() && s[j + 2] == '.') {
            ++j;
            continue;
        }
        if (d == '.' && j >= i + 1 && j - i <= 1 && inner) {
            ++j;
            continue;
        }
        break;
    }
    // keep the dot of "U.S." / "Gen." / initials "J." as part of the word
    std::string_view w(s.data() + i, j - i);
    if (j < s.size() && s[j] == '.') {
        bool dotted = w.find('.') != std::string_view::npos;
        bool initial = w.size() == 1 && t.cap;
        if (dotted || initial || is_abbreviation(w)) ++j;
    }
    t.end = j;
    t.text = s.substr(i, j - i);
    t.word = true;
    t.upper = letters >= 2 && all_upper && any_upper;
    t.key = entity_key(t.text);
    return j;
}

// Sentence boundaries after the first token of a paragraph: . ! ? before a capital or quote.
bool starts_sentence(const Analysis& an, const Token& t) {
    const Token& prev = an.tokens.back();
    bool stop = prev.text == "." || prev.text == "!" || prev.text == "?";
    if (!stop && prev.word && prev.text.size() > 2 && prev.text.back() == '.' &&
        !is_abbreviation(std::string_view(prev.text).substr(0, prev.text.size() - 1)) &&
        prev.text.find('.') == prev.text.size() - 1)
        stop = true;
    // a closing quote or bracket after the stop (an opening quote that began this
    // sentence is no stop: '. "Poetry …' is one sentence from the quote on)
    if (!stop && (prev.text == "\"" || prev.text == ")") && !prev.sentence_start &&
        an.tokens.size() >= 2) {
        const Token& pp = an.tokens[an.tokens.size() - 2];
        stop = pp.text == "." || pp.text == "!" || pp.text == "?";
    }
    bool starts = stop && (t.cap || t.text == "\"" || !t.word);
    if (starts && !t.word && t.text != "\"") starts = false;
    // A run-on "sentence" (a list, a table, text without full stops) is cut into
    // pieces: evidence and statements quote whole sentences, and one 1 MB sentence
    // took 17 s and 6 GB of memory to index.
    if (t.begin - an.sentences.back().begin > kMaxSentenceBytes) starts = true;
    return starts;
}

// Closes the last sentence at the last token.
void close_sentence(Analysis& an) {
    if (!an.sentences.empty()) {
        an.sentences.back().last = an.tokens.size();
        an.sentences.back().end = an.tokens.back().end;
    }
}

}  // namespace

Analysis analyse(std::string_view folded) {
    Analysis an;
    an.text = std::string(folded);
    const std::string& s = an.text;
    an.tokens.reserve(s.size() / 5 + 16);  // about one token per five bytes of news text
    std::size_t paragraph = 0;
    std::size_t i = 0;
    bool new_paragraph = true;
    while (i < s.size()) {
        char c = s[i];
        if (c == '\n') {
            if (i + 1 < s.size() && s[i + 1] == '\n') {
                ++paragraph;
                new_paragraph = true;
            }
            ++i;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        Token t;
        t.begin = i;
        std::size_t len;
        bool up;
        if (is_letter_or_digit_at(s, i, &len, &up)) {
            i = read_word(s, i, up, t);
        } else if (c == '\'' && i + 1 < s.size() && (s[i + 1] == 's' || s[i + 1] == 'S') &&
                   !an.tokens.empty() && an.tokens.back().end == i &&
                   (i + 2 >= s.size() || !std::isalnum(static_cast<unsigned char>(s[i + 2])))) {
            t.end = i + 2;
            t.text = "'s";
            i += 2;
        } else {
            std::size_t n = 1;
            while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
            t.end = i + n;
            t.text = s.substr(i, n);
            i += n;
        }
        if (an.tokens.empty() || new_paragraph || starts_sentence(an, t)) {
            close_sentence(an);
            Sentence st;
            st.first = an.tokens.size();
            st.begin = t.begin;
            st.paragraph = paragraph;
            an.sentences.push_back(st);
            t.sentence_start = true;
        }
        new_paragraph = false;
        t.sentence = an.sentences.size() - 1;
        an.tokens.push_back(std::move(t));
    }
    close_sentence(an);
    // A quote opening a sentence: the word after it also starts the sentence.
    for (std::size_t k = 0; k + 1 < an.tokens.size(); ++k)
        if (an.tokens[k].sentence_start && !an.tokens[k].word)
            an.tokens[k + 1].sentence_start = true;
    return an;
}

}  // namespace ndx
