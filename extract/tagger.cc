// The tagger's features and its decoding (see tagger.h; the model file: tagger_model.cc).
#include "extract/tagger.h"

#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "common/error.h"
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
            if (const NameEntry* e = gaz.find(key)) {
                best = j + 1;
                entry = e;
            }
            if (!gaz.extends(key)) break;
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

std::size_t Tagger::home(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & (slots_.size() - 1);
}

const std::int16_t* Tagger::find(std::uint64_t key) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = home(key);; slot = (slot + 1) & mask) {
        if (slots_[slot].key == key) return slots_[slot].w;
        if (slots_[slot].key == 0) return nullptr;
    }
}

void Tagger::add_weights(std::uint64_t key, float* score) const {
    if (const std::int16_t* w = find(key))
        for (int t = 0; t < kTagCount; ++t) score[t] += w[t];
}

std::vector<int> Tagger::tag(const TagSentence& s, std::vector<float>* margins) const {
    if (s.forms.size() != s.words.size() || s.shapes.size() != s.words.size()) {
        TagSentence prepared = s;
        prepare(prepared);
        return tag(prepared, margins);
    }
    const std::size_t n = s.words.size();
    // The features that do not depend on the tags before a word, for the whole sentence
    // first, so that the table slots of the next word's features are fetched from memory
    // while this word is scored; they are summed once per word, and only the features
    // that hold the tag before are looked up for each tag before.
    std::vector<std::uint64_t> feats;
    std::vector<std::size_t> starts(n + 1, 0);
    feats.reserve(n * 32);
    for (std::size_t i = 0; i < n; ++i) {
        static_features(s, i, feats);
        starts[i + 1] = feats.size();
    }
    std::vector<WordScores> scores(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (i + 1 < n)
            for (std::size_t k = starts[i + 1]; k < starts[i + 2]; ++k)
                __builtin_prefetch(&slots_[home(feats[k])]);
        float emit[kTagCount] = {};
        for (std::size_t k = starts[i]; k < starts[i + 1]; ++k) add_weights(feats[k], emit);
        const HistoryBases bases = history_bases(s, i);
        float by_class[kHistoryClasses][kTagCount];
        for (int c = i == 0 ? 0 : 1; c < (i == 0 ? 1 : kHistoryClasses); ++c) {
            float* row = by_class[c];
            for (int t = 0; t < kTagCount; ++t) row[t] = emit[t];
            add_weights(HistoryBases(bases).word.add(c).done(), row);
            add_weights(HistoryBases(bases).shape.add(c).done(), row);
        }
        for (int p = i == 0 ? -1 : 0; p < (i == 0 ? 0 : kTagCount); ++p) {
            float* row = scores[i].after[p + 1];
            const float* base = by_class[history_class(p)];
            for (int t = 0; t < kTagCount; ++t) row[t] = base[t] + trans_[p + 1][t];
        }
    }
    std::vector<int> tags = viterbi(scores, margins);
    if (margins)
        for (float& m : *margins) m *= scale_;
    return tags;
}

void Tagger::cache_transitions() {
    for (int p = -1; p < kTagCount; ++p) {
        for (float& w : trans_[p + 1]) w = 0;
        add_weights(transition_feature(p), trans_[p + 1]);
    }
}

}  // namespace ndx
