// Statements (quotations and reported speech) on text written for these tests.
#include <doctest/doctest.h>

#include <string>

#include "common/article.h"
#include "extract/extract.h"

namespace {

const ndx::Extractor& extractor() {
    static const ndx::Gazetteer g = ndx::Gazetteer::load(ndx::GazetteerSources{});
    static const ndx::Extractor x(g);
    return x;
}

// "speaker|kind|text" per statement, one per line.
std::string describe(const std::string& body) {
    ndx::Article a;
    a.body = body;
    std::string out;
    for (const auto& s : extractor().extract(a).statements)
        out += s.speaker + "|" + s.kind + "|" + s.text + "\n";
    return out;
}

}  // namespace

TEST_CASE("quotes: a quotation before and after its attribution") {
    CHECK(describe("\"The bridge will reopen on Friday after the repairs,\" said Nadia Qureshi, "
                   "the mayor.") ==
          "Nadia Qureshi|quote|The bridge will reopen on Friday after the repairs\n");
    CHECK(describe("Nadia Qureshi said: \"The bridge will reopen on Friday after the repairs.\"") ==
          "Nadia Qureshi|quote|The bridge will reopen on Friday after the repairs.\n");
}

TEST_CASE("quotes: an interrupted quotation keeps its speaker") {
    CHECK(describe("\"We have cleared the main road to the valley,\" Karim Baloch said. \"The "
                   "side roads will take another week at least.\"") ==
          "Karim Baloch|quote|We have cleared the main road to the valley\n"
          "Karim Baloch|quote|The side roads will take another week at least.\n");
}

TEST_CASE("quotes: a quotation over several paragraphs") {
    CHECK(describe("Karim Baloch said: \"The first convoy left at dawn with food and tents.\n\n"
                   "\"A second convoy will follow once the road is safe again.\"") ==
          "Karim Baloch|quote|The first convoy left at dawn with food and tents. A second "
          "convoy will follow once the road is safe again.\n");
}

TEST_CASE("quotes: a pronoun across paragraphs is the person last named as speaking") {
    CHECK(describe("Health Minister Farida Haidari said the drive had reached most districts.\n\n"
                   "Officials counted the vaccinated children.\n\n"
                   "\"No child in this province will be left behind,\" she said.") ==
          "Farida Haidari|reported|the drive had reached most districts\n"
          "Farida Haidari|quote|No child in this province will be left behind\n");
}

TEST_CASE("quotes: two speakers in one paragraph") {
    CHECK(describe("\"Prices will fall by spring for most families,\" said Omar Farooq, an "
                   "economist, while Sana Javed said that wages were still falling behind.") ==
          "Omar Farooq|quote|Prices will fall by spring for most families\n"
          "Sana Javed|reported|wages were still falling behind\n");
}

TEST_CASE("quotes: reported speech without quotation marks") {
    CHECK(describe("According to Tariq Mehmood, the talks collapsed over the border crossings.") ==
          "Tariq Mehmood|reported|the talks collapsed over the border crossings\n");
    CHECK(describe("Amina Rauf told reporters on Monday that the ceasefire was holding in the "
                   "north.") == "Amina Rauf|reported|the ceasefire was holding in the north\n");
}

TEST_CASE("quotes: unnamed sources and words in quote marks are not statements") {
    CHECK(describe("A police official said the attackers fled toward the hills.") == "");
    CHECK(describe("Officials called it a \"tenuous truce\" on Monday.") == "");
}
