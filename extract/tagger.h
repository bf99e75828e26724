// A named-entity tagger: an averaged structured perceptron over BIO tags, decoded with
// the Viterbi algorithm (the best legal tag sequence of the whole sentence), that marks
// people, organisations, places and other names in a sentence.
//
// Features (docs/facets.md, "The tagger"): the word and its neighbours (lower-cased,
// digits as 0), word shape, prefixes and suffixes, capitalisation in context (sentence
// start, lines in capitals), dictionary and gazetteer membership, and the tag before
// (alone, with the word and with its shape).  Each feature is a 64-bit FNV-1a hash of its template
// and text, so a model is a table of hashes and weights; the features of one version of the code
// and the model file it trained must match (the file's header names the feature version).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace ndx {

class Gazetteer;

// Entity types and BIO tags.  Tag 0 is O; type t has B = 2t-1 and I = 2t.
enum class NameType : std::uint8_t { None = 0, Person = 1, Organisation = 2, Place = 3, Misc = 4 };
inline constexpr int kTagCount = 9;
const char* tag_name(int tag);             // "O", "B-PER", "I-PER", ... "I-MISC"
int tag_from_name(std::string_view name);  // -1 if unknown
inline NameType tag_type(int tag) { return static_cast<NameType>((tag + 1) / 2); }
inline bool tag_begins(int tag) { return tag > 0 && tag % 2 == 1; }
// Whether tag `t` may follow tag `prev` (-1: the sentence's start): an I- tag only
// continues a name of its type.
inline bool tag_allowed(int prev, int t) {
    return t <= 0 || tag_begins(t) || (prev > 0 && tag_type(prev) == tag_type(t));
}

// The scores of one word for the decoder: after[p + 1][t] is the score of tag t when the
// word before has tag p (p = -1 at the sentence's start).
struct WordScores {
    float after[kTagCount + 1][kTagCount];
};

// The best sequence of allowed tags (Viterbi).  `margins`, when given, receives per word
// how far the best sequence's score is above the best sequence that gives the word
// another tag (its max-marginal margin; 0 for a word with one allowed tag).
std::vector<int> viterbi(const std::vector<WordScores>& scores,
                         std::vector<float>* margins = nullptr);

// Per-token gazetteer and dictionary flags (features of the tagger).
enum TokenFlag : std::uint8_t {
    kPlaceBegin = 1,
    kPlaceInside = 2,
    kOrgBegin = 4,
    kOrgInside = 8,
    kCommonWord = 16,  // an ordinary English word in lower case
    kProperWord = 32,  // the dictionary knows it capitalised (a name)
};

// One sentence to tag: its words as written and their flags.
struct TagSentence {
    std::vector<std::string_view> words;
    std::vector<std::uint8_t> flags;  // same size as words (see gazetteer_flags)
    bool capitals = false;            // a line in capitals (headline, table): see below
    // Each word's form and shape (filled by prepare(); features read them from here).
    std::vector<std::string> forms, shapes;
};

// Fills a sentence's forms, shapes and `capitals` (Tagger::tag does it when they are not).
void prepare(TagSentence& s);

// Whether most words of a sentence are written in capitals ("LEICESTERSHIRE TAKE OVER AT
// TOP", a results table): their case then says nothing about names.
bool capitals_line(const std::vector<std::string_view>& words);

// Gazetteer and dictionary flags of a sentence's words (`keys`: entity_key of each word;
// "" for punctuation): the longest gazetteer names, left to right.
std::vector<std::uint8_t> gazetteer_flags(const Gazetteer& gaz,
                                          const std::vector<std::string>& keys,
                                          const std::vector<std::string_view>& words);

// A name found by the tagger: words [a, b) of the sentence.
struct TagSpan {
    std::size_t a = 0, b = 0;
    NameType type = NameType::None;
    float margin = 0;  // the lowest margin of its words (see Tagger::tag)
};

// The spans of a tag sequence (an I- tag without its B- opens a span).
std::vector<TagSpan> tag_spans(const std::vector<int>& tags);

// Feature hashes of word `i` that do not depend on the tags before it.
void static_features(const TagSentence& s, std::size_t i, std::vector<std::uint64_t>& out);
// Feature hashes that depend on the tag before word `i` (-1: before the sentence).
void history_features(const TagSentence& s, std::size_t i, int prev,
                      std::vector<std::uint64_t>& out);

class Tagger {
  public:
    // Reads a model file; throws InputError naming the file on a missing, truncated or
    // foreign file, or on a model of another feature version.
    static std::shared_ptr<const Tagger> load(const std::string& path);
    // The model shipped with ndx: ner-conll2003.model in the data directory
    // (find_data_dir() in gazetteer.h: --data-dir, $NDX_DATA_DIR, the checkout's data/ for
    // a program in its build tree, else the installed data).
    static std::string default_path(const std::string& data_dir = "");

    // BIO tags of the sentence's words (the best sequence, never an I- tag of another
    // type than the tag before it).  `margins`, when given, receives each word's margin
    // (see viterbi(): the tagger's confidence; about 0 to 40 on the shipped model).  Reads
    // the sentence's words, flags and `capitals` (forms and shapes need not be prepared).
    // Equal, to the bit, to viterbi() over the sums of the weights of static_features()
    // and history_features(); but the weights of a word as written (with its flags, in
    // capitals or not, first or not) are kept per thread after its first sight, so a word
    // seen again costs one look-up, not some 25.
    std::vector<int> tag(const TagSentence& s, std::vector<float>* margins = nullptr) const;
    // The weights of a feature hash (kTagCount of them, before scaling), or null, and the
    // scale that turns their sums into the trained scores (the margins of tag()).
    const std::int16_t* weights(std::uint64_t feature) const { return find(feature); }
    float scale() const { return scale_; }

    // Writes a model file (weights quantised to 16 bits; features whose weights all
    // round to 0 are left out).
    static void save(const std::string& path, const std::vector<std::uint64_t>& keys,
                     const std::vector<float>& weights);  // kTagCount weights per key
    std::size_t features() const { return count_; }

  private:
    // One slot of the open-addressing table: a feature hash and its weights, side by side so
    // that a look-up that finds its feature reads one cache line of them.
    static constexpr int kLanes = 12;  // kTagCount rounded up to whole vectors of four
    struct Slot {
        std::uint64_t key = 0;
        std::int16_t w[kLanes] = {};  // kTagCount weights, then zeros
    };
    std::size_t home(std::uint64_t key) const;
    static std::uint16_t mark(std::uint64_t key);
    const std::int16_t* find(std::uint64_t key) const;
    // Asks the processor to fetch what find(key) will read first.
    void prefetch(std::uint64_t key) const;
    void add_weights(std::uint64_t key, float* score) const;
    void cache_transitions();
    static std::uint64_t new_serial();
    // The table, at most two thirds full (2^17 slots for the shipped model's 68,836
    // features): per slot, 16 bits of its feature's hash (never 0; 0 = an empty slot) in an
    // array of their own (256 KB, which the L2 cache can hold), probed before a slot is read,
    // so that a feature the model lacks costs no read of the 4 MB of slots.
    std::vector<std::uint16_t> marks_;
    std::vector<Slot> slots_;
    // the weights of the tag before alone ("t-1"), looked up once when the model loads;
    // -infinity for a tag that may not follow it and in the padding lanes
    alignas(16) float trans_[kTagCount + 1][kLanes] = {};
    // and of the gazetteer flags of a word and the word before ([0], "gaz-1") or after
    // ([1], "gaz+1"), by the two words' place and organisation bits
    std::int16_t gaz_pairs_[2][16][16][kLanes] = {};
    // and of the features w-1, w+1, w-2 and w+2 of the words at the sentence's edges (their
    // neighbours "<s>" and "</s>")
    std::int16_t edges_[4][kLanes] = {};
    std::uint64_t serial_ = 0;  // tells the models apart in the per-thread word cache
    std::size_t count_ = 0;
    float scale_ = 1;
};

// Training data: sentences of words with their gold BIO tags.
struct TrainSentence {
    std::vector<std::string> words;
    std::vector<int> tags;
};

// Reads a CoNLL-format file: one word a line, the word in the first column and its tag in
// the last (IOB1, IOB2/BIO or BIOES, converted to BIO), a blank line between sentences,
// -DOCSTART- lines skipped.  Throws InputError naming the file and line.
std::vector<TrainSentence> read_conll(const std::string& path);

struct TrainOptions {
    int iterations = 16;
    std::uint32_t seed = 1;  // order of the sentences in each pass
};

// Trains an averaged structured perceptron (each sentence decoded as Tagger::tag does;
// where its best sequence differs from the gold one, the gold sequence's features gain
// and the predicted one's lose) and returns the keys and averaged weights for
// Tagger::save.  `flags` gives each sentence's gazetteer_flags.  Deterministic for a
// given data set and seed.  `progress` (may be null) is told each pass's accuracy.
struct TrainedWeights {
    std::vector<std::uint64_t> keys;
    std::vector<float> weights;
};
TrainedWeights train_tagger(const std::vector<TrainSentence>& data,
                            const std::vector<std::vector<std::uint8_t>>& flags,
                            const TrainOptions& opts,
                            void (*progress)(int iteration, double accuracy) = nullptr);

}  // namespace ndx
