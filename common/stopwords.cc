// The function words of English queries: see stopwords.h and docs/ranking.md.
#include "common/stopwords.h"

#include <algorithm>
#include <array>
#include <string>

namespace ndx {
namespace {

// Words that are also names or nouns in news ("us", "may", "who", "it" as IT,
// "will", "can", "march") are not in it, and neither are negations ("no", "not", "nor"),
// which carry meaning in a question.
constexpr std::array<std::string_view, 143> kStopwords = {
    "a",       "about",   "above",    "after",   "again",    "against",  "all",        "also",
    "am",      "an",      "and",      "any",     "are",      "as",       "at",         "be",
    "because", "been",    "before",   "being",   "below",    "between",  "both",       "but",
    "by",      "could",   "did",      "do",      "does",     "doing",    "down",       "during",
    "each",    "either",  "else",     "ever",    "every",    "few",      "for",        "from",
    "further", "had",     "has",      "have",    "having",   "he",       "her",        "here",
    "hers",    "herself", "him",      "himself", "his",      "how",      "however",    "i",
    "if",      "in",      "into",     "is",      "its",      "itself",   "just",       "me",
    "more",    "most",    "my",       "myself",  "neither",  "of",       "off",        "on",
    "once",    "only",    "or",       "other",   "ought",    "our",      "ours",       "ourselves",
    "out",     "over",    "own",      "same",    "she",      "should",   "so",         "some",
    "such",    "than",    "that",     "the",     "their",    "theirs",   "them",       "themselves",
    "then",    "there",   "these",    "they",    "this",     "those",    "through",    "to",
    "too",     "under",   "until",    "up",      "upon",     "very",     "was",        "we",
    "were",    "what",    "whatever", "when",    "whenever", "where",    "whereas",    "wherever",
    "whether", "which",   "while",    "whom",    "whose",    "why",      "with",       "within",
    "without", "would",   "you",      "your",    "yours",    "yourself", "yourselves", "it's",
    "i'm",     "isn't",   "wasn't",   "don't",   "doesn't",  "didn't",   "they're"};

class FunctionWords : public Xapian::Stopper {
  public:
    bool operator()(const std::string& term) const override { return is_stopword(term); }
    std::string get_description() const override { return "ndx::FunctionWords()"; }
};

}  // namespace

bool is_stopword(std::string_view word) {
    static const auto sorted = [] {
        auto a = kStopwords;
        std::sort(a.begin(), a.end());
        return a;
    }();
    return std::binary_search(sorted.begin(), sorted.end(), word);
}

const Xapian::Stopper& query_stopper() {
    static const FunctionWords stopper;
    return stopper;
}

}  // namespace ndx
