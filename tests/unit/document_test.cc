// Unit tests for common/document: the stored record.
#include "common/document.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "common/date.h"
#include "common/record.h"

TEST_CASE("document: evidence is stored as a span of the text and read back as sentences") {
    ndx::Article a;
    a.id = "a1";
    a.body = "Ferro Lindqvist said the talks would resume. The port of Valmora was closed.";
    ndx::Facets f;
    ndx::Entity speaker;
    speaker.value = "Ferro Lindqvist";
    speaker.key = "ferro lindqvist";
    speaker.evidence.push_back({"Ferro Lindqvist said the talks would resume.", 0});
    f.speakers.push_back(speaker);
    ndx::Entity place;
    place.value = "Valmora";
    place.key = "valmora";
    // a sentence the extractor found past its offset, and one from a header field
    place.evidence.push_back({"The port of Valmora was closed.", 57});
    place.evidence.push_back({"dateline: Valmora", ndx::kNoOffset});
    f.locations.push_back(place);

    nlohmann::json rec = ndx::stored_record(a, f);
    CHECK(rec["facets"]["speaker"][0]["evidence"] == nlohmann::json::parse("[[0, 44]]"));
    CHECK(rec["facets"]["location"][0]["evidence"] ==
          nlohmann::json::parse(R"([[45, 31], "dateline: Valmora"])"));

    ndx::resolve_evidence(rec);
    CHECK(rec["facets"]["speaker"][0]["evidence"][0] ==
          "Ferro Lindqvist said the talks would resume.");
    CHECK(rec["facets"]["location"][0]["evidence"] ==
          nlohmann::json::parse(R"(["The port of Valmora was closed.", "dateline: Valmora"])"));
    // what --dump prints has the sentences themselves
    CHECK(ndx::facets_json(f)["location"][0]["evidence"][0] == "The port of Valmora was closed.");
}

TEST_CASE("document: a record of an older index, or a damaged span, is read without harm") {
    nlohmann::json old = nlohmann::json::parse(
        R"({"text": "abc", "facets": {"group": [{"evidence": ["a sentence", [1, 99], [7, 1]]}]}})");
    ndx::resolve_evidence(old);
    CHECK(old["facets"]["group"][0]["evidence"] ==
          nlohmann::json::parse(R"(["a sentence", "bc", ""])"));
}

namespace {

// The records the index stores, written straight (article_record_dumps,
// statement_record_dump) and through a JSON tree (record_dumps of record_json): the same
// bytes.
void same_records(const ndx::Article& a, const ndx::Facets& f) {
    CAPTURE(a.title);
    const ndx::RecordDumps direct = ndx::article_record_dumps(a, f);
    const ndx::RecordDumps tree =
        ndx::record_dumps(ndx::article_record(a, ndx::facets_json(f, &a.body)));
    CHECK(direct.data == tree.data);
    CHECK(direct.hit == tree.hit);
    CHECK(direct.data == ndx::stored_record(a, f).dump());
    for (const ndx::Statement& st : f.statements)
        CHECK(ndx::statement_record_dump(a, st) ==
              ndx::record_json(ndx::statement_record(a, st)).dump());
}

}  // namespace

TEST_CASE("document: records written straight are byte for byte those of the JSON tree") {
    ndx::Article a;
    a.id = "wire/2024/a\"1";
    a.path = "/news/caf\xC3\xA9 \\ dir/wire.jsonl";
    a.line = 18446744073709551615ULL;
    a.title =
        "Tabs\tand\nnew lines,\r\x01\x1F\b\f \x7F \xE2\x80\x9Cquotes\xE2\x80\x9D \xF0\x9F\x93\xB0 "
        "/";
    a.title_derived = true;
    a.date = ndx::parse_date("2024-01-31");
    a.byline = "By \"A. Writer\"";
    a.dateline = "Valmora";
    a.source = "Wire";
    a.url = "https://example.org/a?b=1&c=\\2";
    a.body =
        "Ferro Lindqvist said the talks would resume. The port of Valmora was closed. "
        "\xED\x9F\xBF \xEF\xBF\xBD \xF4\x8F\xBF\xBF end";
    ndx::Facets f;
    ndx::Entity speaker;
    speaker.value = "Ferro \"F\" Lindqvist";
    speaker.key = "ferro f lindqvist";
    speaker.evidence.push_back({"Ferro Lindqvist said the talks would resume.", 0});
    speaker.evidence.push_back({"not in the text\n", 3});
    speaker.found_by = {"tagger", "context cue"};
    f.speakers.push_back(speaker);
    ndx::Entity place;
    place.value = "Valmora";
    place.key = "valmora";
    place.kind = "city";
    place.path = {"Ostland", "North", "Valmora"};
    place.evidence.push_back({"The port of Valmora was closed.", 57});
    place.evidence.push_back({"dateline: Valmora", ndx::kNoOffset});
    f.locations.push_back(place);
    ndx::Entity group;
    group.value = "Port Authority";
    group.key = "port authority";
    f.groups.push_back(group);
    f.groups.push_back(group);
    f.statements.push_back({"Ferro \"F\" Lindqvist", "ferro f lindqvist", "the talks would\tresume",
                            "reported", 0, 16});
    f.statements.push_back({"X", "x", "", "quote", 7, 0});
    same_records(a, f);

    // undated, no line, nothing found, nothing but empty strings
    ndx::Article plain;
    same_records(plain, ndx::Facets{});
    plain.title = "only a title";
    plain.body = "text";
    same_records(plain, f);

    // not UTF-8: refused as nlohmann::json refuses it
    for (const char* bad : {"\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "ab\xE2\x82", "\xFF"}) {
        ndx::Article b = a;
        b.title = bad;
        CHECK_THROWS_AS(ndx::article_record_dumps(b, f), nlohmann::json::type_error);
        std::string out;
        CHECK_THROWS_AS(ndx::append_json_string(out, bad), nlohmann::json::type_error);
    }
}
