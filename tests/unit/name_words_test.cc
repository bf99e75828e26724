// data/name-words.tsv: the words of organisation and place names the extractor reads.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.h"
#include "extract/extract_internal.h"
#include "extract/word_lists.h"
#include "tests/unit/word_list_error.h"

namespace fs = std::filesystem;

namespace {

std::string load_error(const std::string& text) {
    return ndx::test::word_list_error("name-words.tsv", text);
}

}  // namespace

TEST_CASE(
    "name words: the shipped list gives heads their kind, joiners as written, cues their kind") {
    const ndx::WordLists& w = ndx::WordLists::get();
    REQUIRE(w.name_word("org-head", "ministry"));
    CHECK(*w.name_word("org-head", "ministry") == "government");
    CHECK(ndx::org_head_kind("army") == "military");
    CHECK(ndx::org_head_kind("pakistan").empty());
    CHECK(w.is_name_word("joiner", "&"));
    CHECK(w.is_name_word("joiner", "of"));
    CHECK_FALSE(w.is_name_word("joiner", "in"));  // only inside a name an acronym defines
    CHECK(w.is_name_word("defined-joiner", "in"));
    CHECK(*w.name_word("place-cue-in-name", "colony") == "neighbourhood");
    CHECK(ndx::is_company_form("plc"));
    CHECK(ndx::is_thing_head("ordinance"));
    CHECK(ndx::is_date_word("feb"));
    CHECK(ndx::is_calendar_word("march"));
    CHECK_FALSE(ndx::is_calendar_word("feb"));
    CHECK(w.is_name_word("geo-head", "pass"));
}

TEST_CASE("name words: a bad line names the file and the line") {
    CHECK(load_error("org-head\tministry\tgovernment\n") == "no error");
    CHECK(load_error("# heads\n\norg-head\tministry\n") ==
          "name-words.tsv:3: class org-head needs a KIND column");
    CHECK(load_error("joiner\tof\tgovernment\n") ==
          "name-words.tsv:1: class joiner takes no KIND column");
    CHECK(load_error("head\tministry\tgovernment\n") ==
          "name-words.tsv:1: unknown class 'head' (see the file's first lines)");
    CHECK(load_error("thing-head\tpremier league\n") ==
          "name-words.tsv:1: one word expected, found 'premier league'");
    CHECK(load_error("role\n") ==
          "name-words.tsv:1: expected 2 to 3 tab-separated columns, found 1");
}
