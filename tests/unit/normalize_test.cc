// Unit tests for common/normalize: text folding, case folding, entity keys, UTF-8 checks.
#include "common/normalize.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

namespace {

struct Row {
    const char* input;
    const char* want;
};

std::string offset_or_none(const std::optional<std::size_t>& o) {
    return o ? std::to_string(*o) : "none";
}

}  // namespace

TEST_CASE("normalize: fold_text turns typographic quotes, apostrophes and dashes into ASCII") {
    const Row rows[] = {
        {"Pakistan\xE2\x80\x99s", "Pakistan's"},  // ’
        {"\xE2\x80\x98"
         "quoted\xE2\x80\x99",
         "'quoted'"},  // ‘ ’
        {"\xE2\x80\x9C"
         "better assists\xE2\x80\x9D",
         "\"better assists\""},  // “ ”
        {"2023\xE2\x80\x93"
         "24",
         "2023-24"},                                                  // – en dash
        {"fighting \xE2\x80\x94 and talks", "fighting - and talks"},  // — em dash
        {"\xE2\x80\x90\xE2\x80\x91\xE2\x88\x92", "---"},              // hyphen, nb-hyphen, minus
        {"\xC2\xAB"
         "Bonjour\xC2\xBB",
         "\"Bonjour\""},                     // « »
        {"rock `n` roll", "rock 'n' roll"},  // ASCII backquote
        {"O\xCA\xBC"
         "Brien",
         "O'Brien"},  // modifier apostrophe
        {"a\xC2\xA0"
         "b\xE2\x80\xAF"
         "c\xE3\x80\x80"
         "d",
         "a b c d"},  // NBSP, narrow NBSP, ideographic space
        {"co\xC2\xAD"
         "operate",
         "cooperate"},                           // soft hyphen dropped
        {"zero\xE2\x80\x8Bwidth", "zerowidth"},  // ZWSP dropped
        {"\xEF\xBB\xBF"
         "BOM",
         "BOM"},
        {"Plain ASCII stays. 123!", "Plain ASCII stays. 123!"},
        {"", ""},
    };
    for (const Row& r : rows) {
        CAPTURE(r.input);
        CHECK(ndx::fold_text(r.input) == std::string(r.want));
    }
}

TEST_CASE("normalize: fold_text strips Latin accents but keeps case") {
    const Row rows[] = {
        {"Jos\xC3\xA9 N\xC3\xBA\xC3\xB1"
         "ez",
         "Jose Nunez"},
        {"Z\xC3\xBCrich", "Zurich"},
        {"Z\xC3\x9CRICH", "ZURICH"},
        {"BOGOT\xC3\x81", "BOGOTA"},
        {"Bogot\xC3\xA1", "Bogota"},
        {"Fran\xC3\xA7"
         "ois",
         "Francois"},
        {"S\xC3\xA3o Paulo", "Sao Paulo"},
        {"Ho\xC3\xA0ng", "Hoang"},
        {"Jose\xCC\x81", "Jose"},  // decomposed: e + combining acute
        {"ISLAMABAD", "ISLAMABAD"},
        {"Stra\xC3\x9F"
         "e",
         "Stra\xC3\x9F"
         "e"},  // ß is a letter, not an accented s
    };
    for (const Row& r : rows) {
        CAPTURE(r.input);
        CHECK(ndx::fold_text(r.input) == std::string(r.want));
    }
}

TEST_CASE("normalize: fold_text leaves non-Latin scripts intact") {
    const char* kept[] = {
        "\xD9\xBE\xD8\xA7\xDA\xA9\xD8\xB3\xD8\xAA\xD8\xA7\xD9\x86",  // پاکستان (Urdu)
        "\xD8\xB9\xD9\x85\xD8\xB1\xD8\xA7\xD9\x86 \xD8\xAE\xD8\xA7\xD9\x86",  // عمران خان
        "\xD9\x85\xD9\x8F\xD8\xAD\xD9\x8E\xD9\x85\xD9\x8E\xD9\x91\xD8\xAF",  // مُحَمَّد (harakat kept)
        ("\xE0\xA4\xAA\xE0\xA4\xBE\xE0\xA4\x95\xE0\xA4\xBF\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4"
         "\xE0\xA4\xBE\xE0\xA4\xA8"),  // पाकिस्तान (Devanagari, with virama and vowel signs)
        "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82\xE0\xA4\xA6\xE0\xA5\x80",  // हिंदी (anusvara)
        "\xE4\xB8\xAD\xE5\x9B\xBD",                                      // 中国
    };
    for (const char* s : kept) {
        CAPTURE(s);
        CHECK(ndx::fold_text(s) == s);
        CHECK(ndx::fold_case(s) == s);  // no case in these scripts
    }
    CHECK(ndx::fold_text("Lahore \xD9\x84\xD8\xA7\xDB\x81\xD9\x88\xD8\xB1 Caf\xC3\xA9") ==
          "Lahore \xD9\x84\xD8\xA7\xDB\x81\xD9\x88\xD8\xB1 Cafe");
}

TEST_CASE("normalize: fold_text applies NFKC compatibility mappings") {
    const Row rows[] = {
        {"\xEF\xAC\x81"
         "nance",
         "finance"},  // ﬁ ligature
        {"\xEF\xAC\x82"
         "ood",
         "flood"},                                        // ﬂ ligature
        {"\xEF\xBC\xB0\xEF\xBD\x81\xEF\xBD\x8B", "Pak"},  // full-width Ｐａｋ
        {"\xEF\xBC\x91\xEF\xBC\x92", "12"},               // full-width digits
        {"x\xC2\xB2", "x2"},                              // superscript two
        {"\xE2\x85\xA0\xE2\x85\xA1", "III"},              // Roman numerals Ⅰ Ⅱ
        {"wait\xE2\x80\xA6", "wait..."},                  // ellipsis
        {"\xE2\x84\xA2", "TM"},                           // ™
        {"e\xCC\x81t\xC3\xA9", "ete"},                    // NFD and NFC alike
    };
    for (const Row& r : rows) {
        CAPTURE(r.input);
        CHECK(ndx::fold_text(r.input) == std::string(r.want));
    }
}

TEST_CASE("normalize: fold_case is fold_text plus Unicode case folding") {
    const Row rows[] = {
        {"ISLAMABAD", "islamabad"},
        {"Pakistan\xE2\x80\x99s", "pakistan's"},
        {"Z\xC3\x9CRICH", "zurich"},
        {"Stra\xC3\x9F"
         "e",
         "strasse"},
        {"\xC4\xB0stanbul", "istanbul"},                  // İ
        {"\xEF\xBC\xB0\xEF\xBC\xA1\xEF\xBC\xAB", "pak"},  // full-width ＰＡＫ
        {"\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x99\xCE\x91",
         "\xCF\x83\xCE\xBF\xCF\x86\xCE\xB9\xCE\xB1"},  // ΣΟΦΙΑ
        {"\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90",
         "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"},  // МОСКВА
        {"MiXeD 123", "mixed 123"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.input);
        CHECK(ndx::fold_case(r.input) == std::string(r.want));
    }
    // Query and index text meet in the same form whatever the source spelling.
    CHECK(ndx::fold_case("Jos\xC3\xA9 N\xC3\xBA\xC3\xB1"
                         "ez") == ndx::fold_case("JOSE NUNEZ"));
    CHECK(ndx::fold_case("Tehreek\xE2\x80\x93"
                         "e\xE2\x80\x93Taliban") == ndx::fold_case("tehreek-e-taliban"));
}

TEST_CASE("normalize: entity_key folds names to lower-case words") {
    const Row rows[] = {
        {"Tehreek-e-Taliban  Pakistan", "tehreek e taliban pakistan"},
        {"Tehreek-e-Taliban Pakistan (TTP)", "tehreek e taliban pakistan ttp"},
        {"Jos\xC3\xA9 N\xC3\xBA\xC3\xB1"
         "ez",
         "jose nunez"},
        {"  --Al-Qaeda--  ", "al qaeda"},
        {"Khyber\xE2\x80\x94Pakhtunkhwa", "khyber pakhtunkhwa"},
        {"F-16", "f 16"},
        {"\xD8\xB9\xD9\x85\xD8\xB1\xD8\xA7\xD9\x86  \xD8\xAE\xD8\xA7\xD9\x86",
         "\xD8\xB9\xD9\x85\xD8\xB1\xD8\xA7\xD9\x86 \xD8\xAE\xD8\xA7\xD9\x86"},  // عمران خان
        {"\xE0\xA4\xAA\xE0\xA4\xBE\xE0\xA4\x95\xE0\xA4\xBF\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4"
         "\xE0\xA4\xBE\xE0\xA4\xA8",
         "\xE0\xA4\xAA\xE0\xA4\xBE\xE0\xA4\x95\xE0\xA4\xBF\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4"
         "\xE0\xA4\xBE\xE0\xA4\xA8"},  // vowel signs and virama are part of the word
        {"", ""},
        {" -- ", ""},
        // Full stops and apostrophes join rather than split: abbreviations and names keep
        // one word.
        {"U.S.", "us"},
        {"D.I. Khan", "di khan"},
        {"St. Louis", "st louis"},
        {"O'Brien", "obrien"},
        {"O\xE2\x80\x99"
         "Brien",
         "obrien"},
        {"Pakistan\xE2\x80\x99s", "pakistans"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.input);
        CHECK(ndx::entity_key(r.input) == std::string(r.want));
    }
    // Spellings that differ only in case, accents, punctuation and spacing share a key.
    CHECK(ndx::entity_key("Tehrik-i-Taliban") == ndx::entity_key("TEHRIK I  TALIBAN"));
    CHECK(ndx::entity_key("U.S.") == ndx::entity_key("US"));
    CHECK(ndx::entity_key("Z\xC3\xBCrich") == ndx::entity_key("zurich"));
    // ASCII text takes a shorter road to the same key: every ASCII character, alone and
    // between letters, keys as it does with a non-ASCII word after it (" \xC3\xA9", "e")
    for (int c = 0; c < 0x80; ++c)
        for (const std::string& text :
             {std::string(1, static_cast<char>(c)),
              "Ab" + std::string(1, static_cast<char>(c)) + "9Z",
              std::string(1, static_cast<char>(c)) + "x " + std::string(1, static_cast<char>(c))}) {
            CAPTURE(c);
            const std::string key = ndx::entity_key(text);
            CHECK(ndx::entity_key(text + " \xC3\xA9") == key + (key.empty() ? "e" : " e"));
        }
}

TEST_CASE("normalize: invalid_utf8_offset finds the first bad byte") {
    struct OffsetRow {
        const char* name;
        std::string bytes;
        const char* want;
    };
    const OffsetRow rows[] = {
        {"empty", "", "none"},
        {"ASCII", "plain text", "none"},
        {"two-byte", "Caf\xC3\xA9", "none"},
        {"three-byte", "\xE2\x80\x99\xE0\xA4\xAA", "none"},
        {"four-byte", "\xF0\x9F\x98\x80", "none"},
        {"noncharacter U+FFFE is well-formed", "\xEF\xBF\xBE", "none"},
        {"embedded NUL is valid UTF-8", std::string("a\0b", 3), "none"},
        {"overlong two-byte '/'", "ab\xC0\xAF", "2"},
        {"overlong three-byte", "\xE0\x80\xAF", "0"},
        {"overlong four-byte", "xyz\xF0\x80\x80\xAF", "3"},
        {"truncated two-byte at end", "Caf\xC3", "3"},
        {"truncated three-byte at end", "\xE2\x80", "0"},
        {"truncated four-byte at end", "ok\xF0\x9F\x98", "2"},
        {"truncated sequence followed by ASCII", "a\xE2\x80z", "1"},
        {"lone continuation byte",
         "ab\x80"
         "cd",
         "2"},
        {"continuation after a complete character", "\xC3\xA9\xA9", "2"},
        {"Latin-1 byte", "Caf\xE9 au lait", "3"},
        {"0xFF", "\xFF", "0"},
        {"0xFE", "x\xFE", "1"},
        {"UTF-16 surrogate", "\xED\xA0\x80", "0"},
        {"above U+10FFFF", "\xF4\x90\x80\x80", "0"},
        {"five-byte form", "\xF8\x88\x80\x80\x80", "0"},
        {"first of two errors", "ok \xC3\xA9 \x80 \xFF", "6"},
    };
    for (const OffsetRow& r : rows) {
        CAPTURE(r.name);
        CHECK(offset_or_none(ndx::invalid_utf8_offset(r.bytes)) == std::string(r.want));
    }
}
