// The word map of indexing's per-word look-ups (common/word_map.h) against std::map.
#include "common/word_map.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>

#include "common/facet_ids.h"
#include "common/hash_set.h"

TEST_CASE("word map: counts words as a std::map does, through growth and clear") {
    ndx::WordMap<unsigned> words;
    std::map<std::string, unsigned> expected;
    CHECK(words.find("absent") == nullptr);
    // enough distinct words to grow the table several times, each seen a varying number
    // of times, with words that share prefixes and the empty word
    for (unsigned round = 0; round < 3; ++round)
        for (unsigned i = 0; i < 5000; i += 1 + round) {
            const std::string w = "w" + std::to_string(i * 7919 % 10007);
            ++words[w];
            ++expected[w];
        }
    ++words[""];
    ++expected[""];
    CHECK(words.size() == expected.size());
    for (const auto& [w, n] : expected) {
        const unsigned* got = words.find(w);
        REQUIRE(got != nullptr);
        CHECK(*got == n);
    }
    CHECK(words.find("w10008") == nullptr);
    // entries come in the order they were first added
    CHECK(words.entries().front().first == "w0");
    CHECK(words.entries().back().first.empty());

    words.clear();
    CHECK(words.empty());
    CHECK(words.find("w0") == nullptr);
    words["again"] = 4;
    CHECK(words.size() == 1);
    CHECK(*words.find("again") == 4);
    // a value found is a value to change, and finding adds nothing
    if (unsigned* v = words.find("again")) *v = 9;
    CHECK(words.find("absent") == nullptr);
    CHECK(words.size() == 1);
    CHECK(words["again"] == 9);
}

TEST_CASE("HashSet: each hash is new once, zero and colliding slots included") {
    ndx::HashSet set;
    CHECK(set.insert(0));
    CHECK_FALSE(set.insert(0));
    // hashes that all start probing at the same slot, then many that grow the table
    for (std::uint64_t i = 1; i <= 50; ++i) CHECK(set.insert(i << 40));
    for (std::uint64_t i = 1; i <= 50; ++i) CHECK_FALSE(set.insert(i << 40));
    for (std::uint64_t i = 1; i <= 100000; ++i)
        REQUIRE(set.insert(ndx::fnv1a64(std::to_string(i))));
    for (std::uint64_t i = 1; i <= 100000; ++i)
        REQUIRE_FALSE(set.insert(ndx::fnv1a64(std::to_string(i))));
    CHECK(set.size() == 1 + 50 + 100000);
}
