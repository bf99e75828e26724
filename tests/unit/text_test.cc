// Unit tests for extract/text: tokens and sentences.
#include "extract/text.h"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("text: a run-on sentence is cut into pieces of about 1000 bytes") {
    // Bug: evidence and statements quote whole sentences, so a 1 MB paragraph without a
    // full stop (entity names in every line) took 17 s and 6 GB of memory to index, and
    // wrote 1.8 GB of --dump output.
    std::string text;
    while (text.size() < 200000)
        text += "Matthew Miller told reporters in Quetta that the TTP attacked ";
    const ndx::Analysis an = ndx::analyse(text);
    REQUIRE(an.sentences.size() > 150);
    for (std::size_t s = 0; s < an.sentences.size(); ++s) {
        CAPTURE(s);
        CHECK(an.sentence_text(s).size() <= 1000 + 20);  // the limit, then one more word
        CHECK(an.tokens[an.sentences[s].first].sentence_start);
    }
    // Ordinary sentences are untouched.
    const ndx::Analysis two = ndx::analyse("The TTP said so. Officials in Quetta denied it.");
    REQUIRE(two.sentences.size() == 2);
    CHECK(two.sentence_text(1) == "Officials in Quetta denied it.");
}

TEST_CASE("text: an abbreviation in capitals keeps its full stop inside the sentence") {
    // Bug: the list writes "St", so the "ST." of a dateline in capitals ended a sentence:
    // "ST." became a one-word sentence the tagger read as an organisation, and "LOUIS" a
    // place of its own.
    const ndx::Analysis an = ndx::analyse("ST. LOUIS, March 3 - Acme Corp said it was sold.");
    REQUIRE(an.sentences.size() == 1);
    CHECK(an.tokens[0].text == "ST.");
    CHECK(an.tokens[1].text == "LOUIS");
    // (as written, too; a word in capitals the list does not hold still ends a sentence)
    CHECK(ndx::analyse("St. Louis is a city. It lies on a river.").sentences.size() == 2);
    CHECK(ndx::analyse("THE TALKS ENDED IN PARIS. AGAIN TODAY.").sentences.size() == 2);
}
