// The tagger's features and its decoding (see tagger.h; the model file: tagger_model.cc).
#include "extract/tagger.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>

#include "common/error.h"
#include "common/facet_ids.h"
#include "extract/gazetteer.h"

namespace ndx {

namespace {

constexpr std::array<const char*, kTagCount> kTagNames = {
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

// 64-bit FNV-1a, fed template by template.
struct Hash {
    std::uint64_t h = 14695981039346656037ULL;
    Hash& byte(unsigned char c) {
        h ^= c;
        h *= 1099511628211ULL;
        return *this;
    }
    Hash& add(std::string_view s) {
        for (char c : s) byte(static_cast<unsigned char>(c));
        return byte(0x1f);  // field separator
    }
    Hash& add(const char* s) { return add(std::string_view(s)); }
    Hash& add(const std::string& s) { return add(std::string_view(s)); }
    Hash& add(int n) { return byte(static_cast<unsigned char>(n & 0xff)).byte(0x1e); }
    std::uint64_t done() const { return h ? h : 1; }  // 0 marks an empty slot
};

bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

// The word lower-cased (ASCII), digits as 0, full stops of abbreviations dropped:
// "1996-08-30" -> "0000-00-00", "U.S." and "US" -> "us".
void form_into(std::string_view w, std::string& out) {
    out.clear();
    bool letters = false;
    for (char c : w) letters |= ascii_upper(c) || ascii_lower(c);
    for (char c : w) {
        if (ascii_upper(c))
            out += static_cast<char>(c - 'A' + 'a');
        else if (ascii_digit(c))
            out += '0';
        else if (c != '.' || !letters || w.size() == 1)
            out += c;
    }
}

std::string form(std::string_view w) {
    std::string out;
    out.reserve(w.size());
    form_into(w, out);
    return out;
}

// Word shape, runs of one class capped at two: "Pakistan" -> "Xxx", "US" and "USA" ->
// "XX", "U.S." -> "X.X.", "1996-08-30" -> "dd-dd-dd", "McDonald" -> "XxxXxx".
std::string shape(std::string_view w) {
    std::string out;
    char last = 0;
    int run = 0;
    for (char ch : w) {
        auto c = static_cast<unsigned char>(ch);
        if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
        char s = ascii_upper(ch)                ? 'X'
                 : ascii_lower(ch) || c >= 0x80 ? 'x'
                 : ascii_digit(ch)              ? 'd'
                                                : ch;
        run = s == last ? run + 1 : 1;
        last = s;
        if (run <= 2) out += s;
    }
    return out;
}

std::string_view form_at(const TagSentence& s, std::ptrdiff_t i) {
    if (i < 0) return "<s>";
    if (static_cast<std::size_t>(i) >= s.words.size()) return "</s>";
    return s.forms[static_cast<std::size_t>(i)];
}

std::string_view shape_at(const TagSentence& s, std::ptrdiff_t i) {
    if (i < 0) return "<s>";
    if (static_cast<std::size_t>(i) >= s.words.size()) return "</s>";
    return s.shapes[static_cast<std::size_t>(i)];
}

int flags_at(const TagSentence& s, std::ptrdiff_t i) {
    if (i < 0 || static_cast<std::size_t>(i) >= s.flags.size()) return 64;
    return s.flags[static_cast<std::size_t>(i)];
}

}  // namespace

const char* tag_name(int tag) {
    return tag >= 0 && tag < kTagCount ? kTagNames[static_cast<std::size_t>(tag)] : "?";
}

int tag_from_name(std::string_view name) {
    for (int t = 0; t < kTagCount; ++t)
        if (name == kTagNames[static_cast<std::size_t>(t)]) return t;
    return -1;
}

bool capitals_line(const std::vector<std::string_view>& words) {
    std::size_t lettered = 0, upper = 0;
    for (std::string_view w : words) {
        bool has_lower = false, has_upper = false;
        for (char c : w) {
            has_lower |= ascii_lower(c);
            has_upper |= ascii_upper(c);
        }
        if (!has_lower && !has_upper) continue;
        ++lettered;
        if (!has_lower) ++upper;
    }
    return lettered >= 2 && upper * 10 >= lettered * 7;
}

std::vector<TagSpan> tag_spans(const std::vector<int>& tags) {
    std::vector<TagSpan> out;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        if (tags[i] <= 0) continue;
        NameType type = tag_type(tags[i]);
        std::size_t b = i + 1;
        while (b < tags.size() && tags[b] > 0 && !tag_begins(tags[b]) && tag_type(tags[b]) == type)
            ++b;
        out.push_back({i, b, type});
        i = b - 1;
    }
    return out;
}

void prepare(TagSentence& s) {
    s.forms.clear();
    s.shapes.clear();
    for (std::string_view w : s.words) {
        s.forms.push_back(form(w));
        s.shapes.push_back(shape(w));
    }
    s.capitals = capitals_line(s.words);
}

void static_features(const TagSentence& s, std::size_t i, std::vector<std::uint64_t>& out) {
    const auto at = static_cast<std::ptrdiff_t>(i);
    const std::string_view w = s.forms[i], sh = s.shapes[i];
    const std::string_view prev = form_at(s, at - 1), next = form_at(s, at + 1);
    const int caps = s.capitals ? 1 : 0;
    const int fl = flags_at(s, at);
    out.push_back(Hash().add("bias").done());
    out.push_back(Hash().add("w").add(w).done());
    out.push_back(Hash().add("sh").add(sh).add(caps).done());
    out.push_back(Hash().add("first").add(i == 0 ? 1 : 0).add(sh).add(caps).done());
    if (caps) out.push_back(Hash().add("capsw").add(w).done());
    for (std::size_t n = 1; n <= 3 && n < w.size(); ++n) {
        out.push_back(Hash().add("pre").add(w.substr(0, n)).done());
        out.push_back(Hash().add("suf").add(w.substr(w.size() - n)).done());
    }
    if (w.size() > 4) out.push_back(Hash().add("suf").add(w.substr(w.size() - 4)).done());
    out.push_back(Hash().add("w-1").add(prev).done());
    out.push_back(Hash().add("w+1").add(next).done());
    out.push_back(Hash().add("w-2").add(form_at(s, at - 2)).done());
    out.push_back(Hash().add("w+2").add(form_at(s, at + 2)).done());
    out.push_back(Hash().add("w-1w").add(prev).add(w).done());
    out.push_back(Hash().add("ww+1").add(w).add(next).done());
    out.push_back(Hash().add("sh-1").add(shape_at(s, at - 1)).add(sh).add(caps).done());
    out.push_back(Hash().add("sh+1").add(sh).add(shape_at(s, at + 1)).add(caps).done());
    out.push_back(Hash().add("gaz").add(fl & 15).add(caps).done());
    out.push_back(Hash().add("gazsh").add(fl & 15).add(sh).done());
    out.push_back(Hash().add("dict").add(fl >> 4).add(sh).add(i == 0 ? 1 : 0).done());
    out.push_back(Hash().add("gaz-1").add(flags_at(s, at - 1) & 15).add(fl & 15).done());
    out.push_back(Hash().add("gaz+1").add(fl & 15).add(flags_at(s, at + 1) & 15).done());
}

namespace {

// The hashes of the features of word `i` that hold the tag before, up to that tag: the
// tag is added last, so that a decoder trying every tag before hashes the word once.
struct HistoryBases {
    Hash word, shape;
};

HistoryBases history_bases(const TagSentence& s, std::size_t i) {
    return {Hash().add("t-1w").add(s.forms[i]),
            Hash().add("t-1sh").add(s.shapes[i]).add(s.capitals ? 1 : 0)};
}

std::uint64_t transition_feature(int prev) { return Hash().add("t-1").add(prev).done(); }

// The word's features with the tag before see only the type of that tag (or the
// sentence's start): six classes, so a decoder looks them up six times a word, not ten.
constexpr int kHistoryClasses = 6;
int history_class(int prev) { return prev < 0 ? 0 : static_cast<int>(tag_type(prev)) + 1; }

}  // namespace

void history_features(const TagSentence& s, std::size_t i, int prev,
                      std::vector<std::uint64_t>& out) {
    HistoryBases b = history_bases(s, i);
    out.push_back(transition_feature(prev));
    out.push_back(b.word.add(history_class(prev)).done());
    out.push_back(b.shape.add(history_class(prev)).done());
}

namespace {

// allowed[p + 1][t]: tag_allowed(p, t), as a table for the decoder's inner loops.
struct AllowedTable {
    bool at[kTagCount + 1][kTagCount];
    AllowedTable() {
        for (int p = -1; p < kTagCount; ++p)
            for (int t = 0; t < kTagCount; ++t) at[p + 1][t] = tag_allowed(p, t);
    }
};
const AllowedTable kAllowed;

}  // namespace

std::vector<int> viterbi(const std::vector<WordScores>& scores, std::vector<float>* margins) {
    const std::size_t n = scores.size();
    std::vector<int> tags(n, 0);
    if (margins) margins->assign(n, 0);
    if (n == 0) return tags;
    constexpr float kNone = -std::numeric_limits<float>::infinity();
    using Row = std::array<float, kTagCount>;
    // best[i][t]: the best score of words 0..i with word i tagged t; back[i][t]: its tag
    // before; rest[i][t]: the best score of words i+1.. after word i tagged t (a
    // disallowed tag scores -infinity, which no sum lifts)
    thread_local std::vector<Row> best, rest;
    thread_local std::vector<std::array<std::int8_t, kTagCount>> back;
    best.resize(n);
    back.resize(n);
    for (std::size_t t = 0; t < kTagCount; ++t)
        best[0][t] = kAllowed.at[0][t] ? scores[0].after[0][t] : kNone;
    for (std::size_t i = 1; i < n; ++i) {
        const Row& before = best[i - 1];
        for (std::size_t t = 0; t < kTagCount; ++t) {
            float top = kNone;
            int from = 0;
            for (std::size_t p = 0; p < kTagCount; ++p) {
                if (!kAllowed.at[p + 1][t]) continue;
                const float v = before[p] + scores[i].after[p + 1][t];
                if (v > top) {
                    top = v;
                    from = static_cast<int>(p);
                }
            }
            best[i][t] = top;
            back[i][t] = static_cast<std::int8_t>(from);
        }
    }
    int last = 0;
    for (int t = 1; t < kTagCount; ++t)
        if (best[n - 1][static_cast<std::size_t>(t)] > best[n - 1][static_cast<std::size_t>(last)])
            last = t;
    tags[n - 1] = last;
    for (std::size_t i = n - 1; i > 0; --i)
        tags[i - 1] = back[i][static_cast<std::size_t>(tags[i])];
    if (!margins) return tags;
    rest.resize(n);
    rest[n - 1].fill(0);
    for (std::size_t i = n - 1; i > 0; --i) {
        for (std::size_t p = 0; p < kTagCount; ++p) {
            float top = kNone;
            for (std::size_t t = 0; t < kTagCount; ++t)
                if (kAllowed.at[p + 1][t])
                    top = std::max(top, scores[i].after[p + 1][t] + rest[i][t]);
            rest[i - 1][p] = top;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        const auto chosen = static_cast<std::size_t>(tags[i]);
        const float through = best[i][chosen] + rest[i][chosen];
        float other = kNone;
        for (std::size_t t = 0; t < kTagCount; ++t)
            if (t != chosen) other = std::max(other, best[i][t] + rest[i][t]);
        (*margins)[i] = other == kNone ? 0 : through - other;
    }
    return tags;
}

std::vector<std::uint8_t> gazetteer_flags(const Gazetteer& gaz,
                                          const std::vector<std::string>& keys,
                                          const std::vector<std::string_view>& words) {
    std::vector<std::uint8_t> flags(words.size(), 0);
    std::string lower;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (keys[i].empty()) continue;
        form_into(words[i], lower);
        if (const bool* proper = gaz.common_word(lower))
            flags[i] |= *proper ? kCommonWord | kProperWord : kCommonWord;
    }
    const std::size_t max = gaz.max_words();
    for (std::size_t i = 0; i < words.size();) {
        const auto first = static_cast<unsigned char>(words[i].empty() ? 0 : words[i][0]);
        if (keys[i].empty() || !(ascii_upper(static_cast<char>(first)) || first >= 0x80)) {
            ++i;
            continue;
        }
        std::string key;
        std::size_t best = 0;
        const NameEntry* entry = nullptr;
        for (std::size_t j = i; j < words.size() && j - i < max && !keys[j].empty(); ++j) {
            if (!key.empty()) key += ' ';
            key += keys[j];
            const Gazetteer::Lookup found = gaz.lookup(key);
            if (found.entry) {
                best = j + 1;
                entry = found.entry;
            }
            if (!found.extends) break;
        }
        if (!entry) {
            ++i;
            continue;
        }
        for (std::size_t k = i; k < best; ++k) {
            if (!entry->places.empty()) flags[k] |= k == i ? kPlaceBegin : kPlaceInside;
            if (!entry->orgs.empty()) flags[k] |= k == i ? kOrgBegin : kOrgInside;
        }
        i = best;
    }
    return flags;
}

// ------------------------------------------------------------------ the model

namespace {
constexpr std::uint64_t kMix = 0x9E3779B97F4A7C15ULL;
}

std::size_t Tagger::home(std::uint64_t key) const {
    return static_cast<std::size_t>((key * kMix) >> 20) & (slots_.size() - 1);
}

// Bits of the mixed hash that home() does not use (it takes bits 20 to 37 at most).
std::uint16_t Tagger::mark(std::uint64_t key) {
    return static_cast<std::uint16_t>(((key * kMix) >> 48) | 1);
}

const std::int16_t* Tagger::find(std::uint64_t key) const {
    const std::size_t mask = slots_.size() - 1;
    const std::uint16_t m = mark(key);
    for (std::size_t slot = home(key);; slot = (slot + 1) & mask) {
        const std::uint16_t at = marks_[slot];
        if (at == m && slots_[slot].key == key) return slots_[slot].w;
        if (at == 0) return nullptr;
    }
}

void Tagger::prefetch(std::uint64_t key) const {
    const std::size_t slot = home(key);
    __builtin_prefetch(&marks_[slot]);
    __builtin_prefetch(&slots_[slot]);
}

void Tagger::add_weights(std::uint64_t key, float* score) const {
    if (const std::int16_t* w = find(key))
        for (int t = 0; t < kTagCount; ++t) score[t] += w[t];
}

// ------------------------------------------------------------------ tagging

namespace {

// Rows of kTagCount scores, one per tag, as three vectors of four lanes (lanes kTagCount to
// kLanes - 1 are padding): the decoder's sums and comparisons run four tags at a time.
using F4 = float __attribute__((vector_size(16)));
using I4 = std::int32_t __attribute__((vector_size(16)));
using S4 = std::int16_t __attribute__((vector_size(8)));
constexpr int kVecs = 3;
static_assert(kVecs * 4 >= kTagCount);
struct Ints {
    I4 v[kVecs] = {};
};
struct Floats {
    F4 v[kVecs];
};
constexpr float kNone = -std::numeric_limits<float>::infinity();

F4 select(I4 mask, F4 yes, F4 no) {
    return std::bit_cast<F4>((mask & std::bit_cast<I4>(yes)) | (~mask & std::bit_cast<I4>(no)));
}
F4 vmax(F4 a, F4 b) { return select(a < b, b, a); }  // std::max(a, b), lane by lane
float lane_max(const Floats& r) {
    const F4 m = vmax(r.v[0], vmax(r.v[1], r.v[2]));
    return std::max(std::max(m[0], m[1]), std::max(m[2], m[3]));
}

void add_row(const std::int16_t* w, Ints& row) {
#pragma GCC unroll 3
    for (int k = 0; k < kVecs; ++k) {
        S4 part;
        std::memcpy(&part, w + 4 * k, sizeof part);
        row.v[k] += __builtin_convertvector(part, I4);
    }
}

// The features of static_features() that depend on word `i` alone (its form and shape,
// the sentence's capitals, whether it opens the sentence and its flags), in any order:
// a word's weights are sums of whole numbers, which no order changes.
void local_features(std::string_view w, std::string_view sh, int caps, int first, int fl,
                    std::vector<std::uint64_t>& out) {
    out.push_back(Hash().add("bias").done());
    out.push_back(Hash().add("w").add(w).done());
    out.push_back(Hash().add("sh").add(sh).add(caps).done());
    out.push_back(Hash().add("first").add(first).add(sh).add(caps).done());
    if (caps) out.push_back(Hash().add("capsw").add(w).done());
    for (std::size_t n = 1; n <= 3 && n < w.size(); ++n) {
        out.push_back(Hash().add("pre").add(w.substr(0, n)).done());
        out.push_back(Hash().add("suf").add(w.substr(w.size() - n)).done());
    }
    if (w.size() > 4) out.push_back(Hash().add("suf").add(w.substr(w.size() - 4)).done());
    out.push_back(Hash().add("gaz").add(fl & 15).add(caps).done());
    out.push_back(Hash().add("gazsh").add(fl & 15).add(sh).done());
    out.push_back(Hash().add("dict").add(fl >> 4).add(sh).add(first).done());
}

// What the tagger knows of one word as written, in a sentence in capitals or not, opening
// it or not, with its flags (its `key`): for each class of the tag before that it can see,
// the summed weights of its local features and of the features of history_features() but
// the transition; the weights of the features of its neighbours that hold its form alone;
// and the hashes of those that hold its form or shape with theirs (as far as they go).  The
// fields a look-up reads first lead, and a word takes 8 cache lines.
struct alignas(64) CachedWord {
    std::string key;               // the word as written, then its two bytes (see tag())
    Hash left_pair, right_pair;    // "w-1w" and "ww+1" up to this form
    Hash left_shape, right_shape;  // "sh-1" and "sh+1" up to this shape
    std::string form, shape;
    // class 0 alone for a word that opens its sentence, classes 1 to 5 for any other
    Ints by_class[kHistoryClasses - 1];
    // w-1, w+1, w-2, w+2 of its neighbours: one feature each, so the model's 16 bits
    std::int16_t as_prev[kVecs * 4], as_next[kVecs * 4], as_prev2[kVecs * 4], as_next2[kVecs * 4];
};

// The words a thread has tagged lately, for one tagger (its serial number).  A word seen
// again costs one look-up here instead of some 30 in the model; the cache is emptied when
// it holds kCacheWords words (4 MB; on Reuters-21578, 84 % of the words tagged are found
// in it, 89 % with twice as many).  Its index is open addressing over 8-byte slots (32 bits
// of the key's hash and 1 + the word's position; 128 KB), the keys kept in the words, so
// that a word found reads one slot and the first line of its entry.
constexpr std::size_t kCacheWords = std::size_t{1} << 13;
struct WordCache {
    struct Slot {
        std::uint32_t tag = 0;
        std::uint32_t word = 0;  // 1-based; 0: empty
    };
    std::uint64_t tagger = 0;
    std::vector<Slot> index;
    std::vector<CachedWord> words;

    static std::uint64_t hash(std::string_view s) {
        std::uint64_t h = fnv1a64(s);
        h ^= h >> 29;
        h *= 0xbf58476d1ce4e5b9ULL;
        return h ^ (h >> 32);
    }
    // Asks the processor for the index slot of a key's hash; then (once it has come) for the
    // lines of the word it holds, if any.
    void prefetch_slot(std::uint64_t h) const {
        __builtin_prefetch(&index[h & (index.size() - 1)]);
    }
    void prefetch_word(std::uint64_t h) const {
        const std::uint32_t w = index[h & (index.size() - 1)].word;
        if (w == 0) return;
        const char* at = reinterpret_cast<const char*>(&words[w - 1]);
        for (std::size_t line = 0; line < sizeof(CachedWord); line += 64)
            __builtin_prefetch(at + line);
    }
    void reset(std::uint64_t serial) {
        tagger = serial;
        words.clear();
        words.reserve(kCacheWords);
        index.assign(2 * kCacheWords, Slot{});
    }
    // a sentence may take the cache past kCacheWords: the index then doubles
    void grow() {
        index.assign(index.size() * 2, Slot{});
        const std::size_t mask = index.size() - 1;
        for (std::size_t w = 0; w < words.size(); ++w) {
            const std::uint64_t h = hash(words[w].key);
            std::size_t i = h & mask;
            while (index[i].word != 0) i = (i + 1) & mask;
            index[i] = {static_cast<std::uint32_t>(h >> 32), static_cast<std::uint32_t>(w + 1)};
        }
    }
    // The position of the word of `k`, and whether it was added now (empty but for its key).
    std::pair<std::uint32_t, bool> find_or_add(const std::string& k, std::uint64_t h) {
        if ((words.size() + 1) * 2 > index.size()) grow();
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        const std::size_t mask = index.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& slot = index[i];
            if (slot.word == 0) {
                words.emplace_back().key = k;
                slot = {tag, static_cast<std::uint32_t>(words.size())};
                return {slot.word - 1, true};
            }
            if (slot.tag == tag && words[slot.word - 1].key == k) return {slot.word - 1, false};
        }
    }
};
thread_local WordCache word_cache;

std::atomic<std::uint64_t> next_serial{1};

// The hashes of the features of the sentence's edges, as the words' neighbours.
struct EdgeHashes {
    std::uint64_t as_neighbour[4] = {
        Hash().add("w-1").add("<s>").done(), Hash().add("w+1").add("</s>").done(),
        Hash().add("w-2").add("<s>").done(), Hash().add("w+2").add("</s>").done()};
    Hash left_pair = Hash().add("w-1w").add("<s>");
    Hash left_shape = Hash().add("sh-1").add("<s>");
};
const EdgeHashes kEdges;

// The scores of one word: after[p + 1] for the tag before p, as viterbi()'s WordScores, and
// -infinity for a tag that may not follow p (the transition's weight: see trans_), so that
// the decoder needs no table of allowed tags.
struct WordRows {
    Floats after[kTagCount + 1];
};

// viterbi() over rows of vectors: the same sums in the same order, the same comparisons
// (the first best tag before wins a tie), so the same tags and margins to the bit.
std::vector<int> decode(const std::vector<WordRows>& scores, std::vector<float>* margins) {
    const std::size_t n = scores.size();
    std::vector<int> tags(n, 0);
    if (margins) margins->assign(n, 0);
    if (n == 0) return tags;
    thread_local std::vector<Floats> best, rest;
    best.resize(n);
    const F4 none = {kNone, kNone, kNone, kNone};
    best[0] = scores[0].after[0];
    for (std::size_t i = 1; i < n; ++i) {
        const Floats& before = best[i - 1];
        Floats top{{none, none, none}};
        // (unrolled, so that each tag before is read from its lane, not through memory)
#pragma GCC unroll 9
        for (int p = 0; p < kTagCount; ++p) {
            const float b = before.v[p / 4][p % 4];
#pragma GCC unroll 3
            for (int k = 0; k < kVecs; ++k)
                top.v[k] = vmax(top.v[k], b + scores[i].after[p + 1].v[k]);
        }
        best[i] = top;
    }
    auto at = [](const auto& row, int t) { return row.v[t / 4][t % 4]; };
    int last = 0;
    for (int t = 1; t < kTagCount; ++t)
        if (at(best[n - 1], t) > at(best[n - 1], last)) last = t;
    tags[n - 1] = last;
    // the tag before each word's: the first that gives its best score (the same sum as the
    // forward pass made, so the same float)
    for (std::size_t i = n - 1; i > 0; --i) {
        const int t = tags[i];
        float top = kNone;
        int from = 0;
        for (int p = 0; p < kTagCount; ++p) {
            const float v = at(best[i - 1], p) + at(scores[i].after[p + 1], t);
            if (v > top) {
                top = v;
                from = p;
            }
        }
        tags[i - 1] = from;
    }
    if (!margins) return tags;
    // rest[i][t]: the best score of words i+1.. after word i tagged t (the maxima of
    // sums that are whole numbers, never -0, are the same in any order)
    rest.resize(n);
    rest[n - 1] = Floats{};
    for (std::size_t i = n - 1; i > 0; --i) {
#pragma GCC unroll 9
        for (int p = 0; p < kTagCount; ++p) {
            Floats sums;
#pragma GCC unroll 3
            for (int k = 0; k < kVecs; ++k) sums.v[k] = scores[i].after[p + 1].v[k] + rest[i].v[k];
            rest[i - 1].v[p / 4][p % 4] = lane_max(sums);
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        const int chosen = tags[i];
        Floats through;
        for (int k = 0; k < kVecs; ++k) through.v[k] = best[i].v[k] + rest[i].v[k];
        const float chosen_score = at(through, chosen);
        through.v[chosen / 4][chosen % 4] = kNone;  // (and the padding is -infinity)
        const float other = lane_max(through);
        (*margins)[i] = other == kNone ? 0 : chosen_score - other;
    }
    return tags;
}

}  // namespace

std::uint64_t Tagger::new_serial() { return next_serial++; }

std::vector<int> Tagger::tag(const TagSentence& s, std::vector<float>* margins) const {
    const std::size_t n = s.words.size();
    const int caps = s.capitals ? 1 : 0;
    WordCache& cache = word_cache;
    if (cache.tagger != serial_ || cache.words.size() >= kCacheWords) cache.reset(serial_);
    auto add = [&](std::uint64_t key, Ints& row) {
        if (const std::int16_t* w = find(key)) add_row(w, row);
    };
    auto copy = [&](std::uint64_t key, std::int16_t* row) {
        const std::int16_t* w = find(key);
        for (int t = 0; t < kVecs * 4; ++t) row[t] = w ? w[t] : 0;
    };
    // each word's entry; a word not kept yet gets one, and the hashes of the features it
    // needs from the model, whose slots are fetched (prefetch) while the rest of the
    // sentence is read: a new word's look-ups then wait for memory together, not in turn
    thread_local std::vector<std::uint32_t> at;
    thread_local std::vector<std::uint64_t> feats;
    struct Fresh {
        std::uint32_t word, locals;  // its position, its number of local features
    };
    thread_local std::vector<Fresh> fresh;
    thread_local std::vector<std::string> keys;
    thread_local std::vector<std::uint64_t> hashes;
    at.resize(n);
    feats.clear();
    fresh.clear();
    if (keys.size() < n) keys.resize(n);
    hashes.resize(n);
    // the words' keys (the word as written, then whether the sentence is in capitals and the
    // word opens it, then its flags), their slots in the index asked for, then the entries
    // these point to: a sentence's look-ups in the word cache wait for memory together
    for (std::size_t i = 0; i < n; ++i) {
        std::string& key = keys[i];
        key.assign(s.words[i]);
        key += static_cast<char>(caps | (i == 0 ? 1 : 0) << 1);
        key += static_cast<char>(flags_at(s, static_cast<std::ptrdiff_t>(i)));
        hashes[i] = WordCache::hash(key);
        cache.prefetch_slot(hashes[i]);
    }
    for (std::size_t i = 0; i < n; ++i) cache.prefetch_word(hashes[i]);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string_view w = s.words[i];
        const int first = i == 0 ? 1 : 0;
        const int fl = flags_at(s, static_cast<std::ptrdiff_t>(i));
        const auto [word, added] = cache.find_or_add(keys[i], hashes[i]);
        at[i] = word;
        if (!added) continue;
        CachedWord& e = cache.words[word];
        form_into(w, e.form);
        e.shape = shape(w);
        const std::size_t start = feats.size();
        local_features(e.form, e.shape, caps, first, fl, feats);
        fresh.push_back({word, static_cast<std::uint32_t>(feats.size() - start)});
        const Hash form_base = Hash().add("t-1w").add(e.form);
        const Hash shape_base = Hash().add("t-1sh").add(e.shape).add(caps);
        for (int c = first ? 0 : 1; c < (first ? 1 : kHistoryClasses); ++c) {
            feats.push_back(Hash(form_base).add(c).done());
            feats.push_back(Hash(shape_base).add(c).done());
        }
        feats.push_back(Hash().add("w-1").add(e.form).done());
        feats.push_back(Hash().add("w+1").add(e.form).done());
        feats.push_back(Hash().add("w-2").add(e.form).done());
        feats.push_back(Hash().add("w+2").add(e.form).done());
        for (std::size_t k = start; k < feats.size(); ++k) prefetch(feats[k]);
        e.left_pair = Hash().add("w-1w").add(e.form);
        e.right_pair = Hash().add("ww+1").add(e.form);
        e.left_shape = Hash().add("sh-1").add(e.shape);
        e.right_shape = Hash().add("sh+1").add(e.shape);
    }
    // the new words' weights, in the order of their hashes
    std::size_t next = 0;
    for (const Fresh& f : fresh) {
        CachedWord& e = cache.words[f.word];
        Ints local;
        for (const std::size_t end = next + f.locals; next < end; ++next) add(feats[next], local);
        const bool first = (e.key[e.key.size() - 2] & 2) != 0;
        for (int r = 0; r < (first ? 1 : kHistoryClasses - 1); ++r) {
            e.by_class[r] = local;
            add(feats[next++], e.by_class[r]);
            add(feats[next++], e.by_class[r]);
        }
        copy(feats[next++], e.as_prev);
        copy(feats[next++], e.as_next);
        copy(feats[next++], e.as_prev2);
        copy(feats[next++], e.as_next2);
    }
    // the features that hold the form or shape of a neighbour with the word's, for the
    // whole sentence first, so that the table slots of the features of the words ahead are
    // fetched from memory while a word is scored
    constexpr std::size_t kContext = 4;
    feats.resize(n * kContext);
    for (std::size_t i = 0; i < n; ++i) {
        const CachedWord& e = cache.words[at[i]];
        const CachedWord* before = i > 0 ? &cache.words[at[i - 1]] : nullptr;
        const CachedWord* after = i + 1 < n ? &cache.words[at[i + 1]] : nullptr;
        std::uint64_t* f = &feats[i * kContext];
        f[0] = Hash(before ? before->left_pair : kEdges.left_pair).add(e.form).done();
        f[1] = Hash(e.right_pair).add(after ? std::string_view(after->form) : "</s>").done();
        f[2] = Hash(before ? before->left_shape : kEdges.left_shape).add(e.shape).add(caps).done();
        f[3] = Hash(e.right_shape)
                   .add(after ? std::string_view(after->shape) : "</s>")
                   .add(caps)
                   .done();
    }
    constexpr std::size_t kAhead = 4;  // words
    for (std::size_t k = 0; k < std::min(n, kAhead) * kContext; ++k) prefetch(feats[k]);
    thread_local std::vector<WordRows> scores;
    scores.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (i + kAhead < n)
            for (std::size_t k = (i + kAhead) * kContext; k < (i + kAhead + 1) * kContext; ++k)
                prefetch(feats[k]);
        const CachedWord& e = cache.words[at[i]];
        Ints context;
        for (std::size_t k = i * kContext; k < (i + 1) * kContext; ++k) add(feats[k], context);
        // the features of the neighbours' forms alone, as they keep them
        auto neighbour = [&](std::ptrdiff_t j, const std::int16_t(CachedWord::*row)[kVecs * 4],
                             int edge) {
            if (j < 0 || j >= static_cast<std::ptrdiff_t>(n))
                add_row(edges_[edge], context);
            else
                add_row(cache.words[at[static_cast<std::size_t>(j)]].*row, context);
        };
        const auto word = static_cast<std::ptrdiff_t>(i);
        neighbour(word - 1, &CachedWord::as_prev, 0);
        neighbour(word + 1, &CachedWord::as_next, 1);
        neighbour(word - 2, &CachedWord::as_prev2, 2);
        neighbour(word + 2, &CachedWord::as_next2, 3);
        const int fl = flags_at(s, word) & 15;
        add_row(gaz_pairs_[0][flags_at(s, word - 1) & 15][fl], context);
        add_row(gaz_pairs_[1][fl][flags_at(s, word + 1) & 15], context);
        // the sums are whole numbers far below 2^24, exact as floats; each score then
        // adds the transition's weight as viterbi()'s WordScores do (the word's rows start
        // at class 0 if it opens the sentence, else at class 1)
        Floats by_class[kHistoryClasses];
        const int from = i == 0 ? 0 : 1;
        for (int c = from; c < (i == 0 ? 1 : kHistoryClasses); ++c)
#pragma GCC unroll 3
            for (int k = 0; k < kVecs; ++k)
                by_class[c].v[k] =
                    __builtin_convertvector(e.by_class[c - from].v[k] + context.v[k], F4);
        for (int p = i == 0 ? -1 : 0; p < (i == 0 ? 0 : kTagCount); ++p) {
            const Floats& base = by_class[history_class(p)];
#pragma GCC unroll 3
            for (int k = 0; k < kVecs; ++k) {
                F4 trans;
                std::memcpy(&trans, &trans_[p + 1][4 * k], sizeof trans);
                scores[i].after[p + 1].v[k] = base.v[k] + trans;
            }
        }
    }
    std::vector<int> tags = decode(scores, margins);
    if (margins)
        for (float& m : *margins) m *= scale_;
    return tags;
}

void Tagger::cache_transitions() {
    for (int p = -1; p < kTagCount; ++p) {
        for (float& w : trans_[p + 1]) w = 0;
        add_weights(transition_feature(p), trans_[p + 1]);
        // a tag that may not follow p, and the padding, score -infinity after it
        for (int t = 0; t < kLanes; ++t)
            if (t >= kTagCount || !tag_allowed(p, t))
                trans_[p + 1][t] = -std::numeric_limits<float>::infinity();
    }
    for (int edge = 0; edge < 4; ++edge) {
        const std::int16_t* w = find(kEdges.as_neighbour[edge]);
        for (int t = 0; t < kTagCount; ++t) edges_[edge][t] = w ? w[t] : 0;
    }
    for (int a = 0; a < 16; ++a)
        for (int b = 0; b < 16; ++b) {
            const std::int16_t* before = find(Hash().add("gaz-1").add(a).add(b).done());
            const std::int16_t* after = find(Hash().add("gaz+1").add(a).add(b).done());
            for (int t = 0; t < kTagCount; ++t) {
                gaz_pairs_[0][a][b][t] = before ? before[t] : 0;
                gaz_pairs_[1][a][b][t] = after ? after[t] : 0;
            }
        }
}

}  // namespace ndx
