// Unit tests for common/document: the stored record.
#include "common/document.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

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
