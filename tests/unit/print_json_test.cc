// Unit tests for searcher/print_json: the --json document of a search written directly is
// byte for byte the one built as a nlohmann::json and dumped (search_json, dump_json).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "common/flat_json.h"
#include "searcher/print.h"

namespace {

ndx::Hit make_hit(std::size_t rank, double score) {
    ndx::Hit h;
    h.rank = rank;
    h.docid = static_cast<Xapian::docid>(rank * 3);
    h.score = score;
    h.record.id = "art-" + std::to_string(rank);
    h.record.path = "/data/a \"quoted\" path\\" + std::to_string(rank) + ".json";
    h.record.title =
        "Title \t with\ncontrol \x01 bytes and caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80";
    if (rank % 2) h.record.date = "2024-0" + std::to_string(rank % 9 + 1) + "-15";
    if (rank % 3 == 0) h.record.byline = "By Someone";
    if (rank % 3 == 1) h.record.dateline = "KARACHI";
    if (rank % 4 == 0) h.record.source = "Wire";
    if (rank % 5 == 0) h.record.url = "https://example.org/a?b=c&d=</script>";
    h.record.line = rank % 2 ? rank * 10 : 0;
    h.record.article = "art-" + std::to_string(rank / 2);
    h.record.speaker = "Speaker \"Q\"";
    h.record.kind = rank % 2 ? "quote" : "reported";
    h.record.text = "She said: \"no\".\r\nThen left.";
    h.record.paragraph = rank + 1;
    h.snippet = "a <b>snippet</b> \xe2\x80\xa6";
    h.record.facets = {{"speaker", {{{"value", "A"}, {"evidence", {"x", 1, 2.5, nullptr}}}}},
                       {"empty", nlohmann::json::object()},
                       {"list", nlohmann::json::array()}};
    return h;
}

ndx::SearchResult make_result(bool full) {
    ndx::SearchResult res;
    res.query = full ? "oil \"crude price\" caf\xc3\xa9" : "";
    res.total = full ? 1234567 : 0;
    res.total_exact = !full;
    res.facets_exact = full;
    if (full) {
        const double scores[] = {12.345678901234567,
                                 1.0,
                                 0.0001,
                                 1e-7,
                                 3e20,
                                 7.25,
                                 std::numeric_limits<double>::quiet_NaN()};
        for (std::size_t i = 0; i < 7; ++i) res.hits.push_back(make_hit(i + 1, scores[i]));
        for (ndx::Facet f : ndx::kEntityFacets) {
            ndx::FacetResult& fr = res.facets[static_cast<std::size_t>(f)];
            fr.more = static_cast<std::size_t>(f) * 7;
            fr.multi_select = f == ndx::Facet::Location;
            for (int k = 0; k < 3; ++k) {
                ndx::FacetCount c;
                c.value = "Value \"" + std::to_string(k) + "\" \xc3\xa9";
                c.key = "value " + std::to_string(k);
                c.path = k ? "Country/Value " + std::to_string(k) : "";
                c.kind = k == 1 ? "" : "city";
                c.count = static_cast<Xapian::doccount>(100 - k);
                c.selected = k == 2;
                fr.values.push_back(c);
            }
        }
        res.dates.interval = "month";
        res.dates.buckets = {{"2024-01", 3}, {"2024-02", 0}};
        res.dates.undated = 5;
        res.dates.multi_select = true;
        res.notes = {"a note", "another \"note\""};
        res.rescue = {"drop 'x'"};
        res.match = "any";
        res.relaxed = true;
        res.did_you_mean = "oil crude";
        res.did_you_mean_total = 17;
    } else {
        res.dates.interval = "year";
    }
    return res;
}

}  // namespace

TEST_CASE("print_json: written directly, the document search_json builds, byte for byte") {
    for (bool full : {true, false}) {
        for (int variant = 0; variant < 6; ++variant) {
            CAPTURE(full);
            CAPTURE(variant);
            ndx::SearchRequest req;
            req.quotes = variant == 1;
            req.explain = variant == 2;
            req.snippets = variant != 3;
            req.count_facets = variant != 4;
            req.offset = static_cast<std::size_t>(variant) * 10;
            req.limit = 25;
            const ndx::SearchResult res = make_result(full);
            std::string direct;
            ndx::write_search_json(direct, req, res);
            const std::string dumped = ndx::dump_json(ndx::search_json(req, res), 2);
            CHECK(direct == dumped);
            CHECK(direct == ndx::search_json(req, res).dump(2));
            CHECK(nlohmann::json::parse(direct) == nlohmann::json::parse(dumped));
        }
    }
}

TEST_CASE("print_json: a string that is not UTF-8 fails as the document's dump fails") {
    ndx::SearchRequest req;
    ndx::SearchResult res = make_result(true);
    res.hits[2].record.title = "bad \xff byte";
    std::string direct;
    CHECK_THROWS_AS(ndx::write_search_json(direct, req, res), nlohmann::json::type_error);
    CHECK_THROWS_AS(ndx::search_json(req, res).dump(2), nlohmann::json::type_error);
}
