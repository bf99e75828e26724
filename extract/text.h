// Tokens and sentences of an article, as the extractors see them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ndx {

struct Token {
    std::string text;                // surface form ("U.S.", "Pakistan", "'s", ",")
    std::string key;                 // entity_key(text): "us", "pakistan"; "" for punctuation
    std::size_t begin = 0, end = 0;  // byte offsets in the analysed text
    std::size_t sentence = 0;        // index into Analysis::sentences
    bool word = false;               // letters or digits
    bool cap = false;                // starts with an upper-case letter
    bool upper = false;              // every letter upper-case, at least two letters ("US", "TTP")
    bool sentence_start = false;
};

struct Sentence {
    std::size_t first = 0, last = 0;  // token range [first, last)
    std::size_t begin = 0, end = 0;   // byte range in the text
    std::size_t paragraph = 0;
};

// A text cut into tokens and sentences.  Quotes, brackets and dashes are tokens of their
// own; a possessive "'s" is split from its word; abbreviations keep their dots.
struct Analysis {
    std::string text;  // the analysed text (fold_text of the article body)
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;

    std::string_view sentence_text(std::size_t s) const;
    // Surface text of tokens [a, b) as written (with the original spacing).
    std::string span_text(std::size_t a, std::size_t b) const;
    // entity_key of tokens [a, b), skipping punctuation.
    std::string span_key(std::size_t a, std::size_t b) const;
};

Analysis analyse(std::string_view folded_text);

}  // namespace ndx
