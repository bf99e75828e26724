// Spelling data and "did you mean": see spelling.h.
#include "common/spelling.h"

#include <cctype>

#include "common/document.h"
#include "common/facet_ids.h"
#include "common/normalize.h"

namespace ndx {
namespace {

// Words shorter or longer than this are not worth a suggestion (and long runs of letters
// are rarely words).
constexpr std::size_t kMinWord = 3, kMaxWord = 30;
// Edits allowed, as Lucene's AUTO fuzziness: one for a word of up to five letters, else two.
unsigned max_edits(const std::string& word) { return word.size() <= 5 ? 1 : 2; }

std::string lower(std::string_view word) {
    std::string out;
    for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it)
        Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
    return out;
}

// A word in `word`'s capitals: "Shebaz" -> "Shehbaz", "SHEBAZ" -> "SHEHBAZ".
std::string with_case_of(const std::string& word, const std::string& fixed) {
    std::size_t letters = 0, upper = 0;
    for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it) {
        if (!Xapian::Unicode::is_wordchar(*it)) continue;
        ++letters;
        if (Xapian::Unicode::toupper(*it) == *it && Xapian::Unicode::tolower(*it) != *it) ++upper;
    }
    const bool first_upper = !word.empty() && std::isupper(static_cast<unsigned char>(word[0]));
    std::string out;
    bool first = true;
    for (Xapian::Utf8Iterator it(fixed); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if ((letters > 1 && upper == letters) || (first && first_upper))
            ch = Xapian::Unicode::toupper(ch);
        Xapian::Unicode::append_utf8(out, ch);
        first = false;
    }
    return out;
}

bool word_byte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
}

}  // namespace

void SpellingCounter::add_text(std::string_view text) {
    std::string word;
    bool ascii = true, digits = false;
    std::size_t chars = 0;
    auto done = [&] {
        if (chars >= kMinWord && chars <= kMaxWord && !digits) {
            if (!ascii) word = lower(fold_text(word));
            ++counts_[word];
        }
        word.clear();
        ascii = true;
        digits = false;
        chars = 0;
    };
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned ch = *it;
        if (ch < 128) {
            // ASCII letters and digits tested without <cctype> calls (the same classes in
            // the C locale)
            const char c = static_cast<char>(ch);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                word += static_cast<char>(c | 0x20);
                ++chars;
            } else if (c >= '0' && c <= '9') {
                word += c;
                digits = true;
                ++chars;
            } else {
                done();
            }
        } else if (Xapian::Unicode::is_wordchar(ch)) {
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
            ascii = false;
            ++chars;
        } else {
            done();
        }
    }
    done();
}

void SpellingCounter::add_name(std::string_view name) {
    add_text(name);
    add_text(name);
}

namespace {

// Adds a word to `db`, first calling `between_chunks` when `in_chunk` words were added
// since it was last called.
void add_word(Xapian::WritableDatabase& db, const std::string& word, Xapian::termcount n,
              const std::function<void()>& between_chunks, std::size_t& in_chunk) {
    if (in_chunk == kSpellingChunk && between_chunks) {
        between_chunks();
        in_chunk = 0;
    }
    db.add_spelling(word, n);
    ++in_chunk;
}

}  // namespace

void SpellingCounter::flush(Xapian::WritableDatabase& db,
                            const std::function<void()>& between_chunks) {
    // A word seen once is more often a typo or a stray token than a word worth suggesting,
    // and every word written costs index time: only words seen twice are kept (a facet
    // value's words count twice: add_name()).
    std::size_t in_chunk = 0;
    for (const auto& [word, n] : counts_.entries())
        if (n >= 2) add_word(db, word, n, between_chunks, in_chunk);
    counts_.clear();
}

void SpellingCounter::flush_share(Xapian::WritableDatabase& db, std::size_t k, std::size_t n,
                                  const std::function<void()>& between_chunks) const {
    std::size_t in_chunk = 0;
    for (const auto& [word, count] : counts_.entries())
        if (count >= 2 && fnv1a64(word) % n == k)
            add_word(db, word, count, between_chunks, in_chunk);
}

std::vector<SpellingFix> spelling_fixes(const Xapian::Database& db,
                                        const std::vector<std::string>& words, bool all) {
    std::vector<SpellingFix> out;
    const Xapian::Stem stem = make_stemmer();
    for (const std::string& written : words) {
        // the letters of the word (a query word may carry punctuation: "[Shebaz's]")
        std::size_t b = 0, e = written.size();
        while (b < e && !word_byte(written[b])) ++b;
        while (e > b && !word_byte(written[e - 1])) --e;
        std::string w = written.substr(b, e - b);
        if (const std::size_t ap = w.find('\''); ap != std::string::npos) w.resize(ap);
        const std::string l = lower(w);
        if (l.size() < kMinWord) continue;
        bool letters = true;
        for (char c : l) letters = letters && !std::isdigit(static_cast<unsigned char>(c));
        if (!letters) continue;
        if (!all && db.term_exists(stem_term("", stem(l)))) continue;
        std::string s = db.get_spelling_suggestion(l, max_edits(l));
        if (s.empty() || s == l) continue;
        out.push_back({w, with_case_of(w, s)});
    }
    return out;
}

std::string apply_fixes(const std::string& query, const std::vector<SpellingFix>& fixes) {
    std::string out = query;
    for (const SpellingFix& f : fixes) {
        for (std::size_t at = out.find(f.word); at != std::string::npos;
             at = out.find(f.word, at + 1)) {
            const std::size_t end = at + f.word.size();
            const bool starts = at == 0 || !(word_byte(out[at - 1]) || out[at - 1] == ':');
            const bool ends = end == out.size() || !(word_byte(out[end]) || out[end] == ':');
            if (!starts || !ends) continue;
            out.replace(at, f.word.size(), f.correction);
            break;
        }
    }
    return out;
}

}  // namespace ndx
