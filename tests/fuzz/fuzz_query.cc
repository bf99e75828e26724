// Fuzzes query parsing and searching: QueryBuilder::parse and run_search against a small
// index of sample-corpus/ built once at start-up in a scratch directory.
//
// Input: the first line is the query text; each further line "key=value" sets an option:
// speaker, location, group, exclude-speaker, exclude-location, exclude-group (facet names),
// from, to (date bounds as on the command line), undated, sort (relevance, date, -date),
// offset, limit, facet-limit, order (count, name), level (named, country, province,
// city), interval (year, month, day), no-facets, quotes, explain.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"
#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/index_writer.h"
#include "common/query.h"
#include "common/reader.h"
#include "common/search.h"
#include "extract/extract.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

// Indexes sample-corpus/ as ndx-index would (read, extract, build, write).
std::string build_index() {
    const std::string db_path = ndx::fuzz::scratch().path() + "/db";
    const ndx::Gazetteer gazetteer = ndx::Gazetteer::load(ndx::GazetteerSources{});
    const ndx::Extractor extractor(gazetteer);
    ndx::DocumentBuilder builder;
    ndx::IndexWriter writer(db_path);
    auto fail = [](const ndx::InputIssue& issue) {
        std::fprintf(stderr, "fuzz_query: %s\n", issue.describe().c_str());
        std::abort();
    };
    for (const ndx::InputFile& f : ndx::list_inputs({NDX_SAMPLE_CORPUS}, fail))
        ndx::read_file(
            f.path, ndx::ReadOptions{},
            [&](ndx::Article&& a) {
                ndx::Facets facets = extractor.extract(a);
                writer.add(a, facets, builder.build(a, facets));
            },
            fail);
    writer.commit();
    return db_path;
}

const Xapian::Database& database() {
    static const Xapian::Database db(build_index());
    return db;
}

std::size_t number(const std::string& v) {
    std::size_t n = 0;
    for (char c : v.substr(0, 12))
        if (c >= '0' && c <= '9') n = n * 10 + static_cast<std::size_t>(c - '0');
    return n;
}

// The request the input describes; false when an option is unusable (as ndx-search
// would refuse it with a usage error).
bool make_request(std::string_view input, ndx::SearchRequest& req) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= input.size()) {
        std::size_t nl = input.find('\n', start);
        if (nl == std::string_view::npos) nl = input.size();
        lines.emplace_back(input.substr(start, nl - start));
        start = nl + 1;
    }
    req.query = lines[0];
    req.highlight_start = "<b>";
    req.highlight_end = "</b>";
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        const std::size_t eq = l.find('=');
        const std::string key = l.substr(0, eq);
        const std::string v = eq == std::string::npos ? "" : l.substr(eq + 1);
        static const char* kFacetKeys[] = {"speaker", "location", "group"};
        for (std::size_t f = 0; f < 3; ++f) {
            if (key == kFacetKeys[f]) req.facets[f].include.push_back(v);
            if (key == std::string("exclude-") + kFacetKeys[f]) req.facets[f].exclude.push_back(v);
        }
        if (key == "from" || key == "to") {
            auto d = ndx::parse_date_bound(v, key == "to");
            if (!d) return false;
            (key == "from" ? req.from : req.to) = d;
        }
        if (key == "undated") req.undated = true;
        if (key == "sort")
            req.sort = v == "date"    ? ndx::SortOrder::DateAscending
                       : v == "-date" ? ndx::SortOrder::DateDescending
                                      : ndx::SortOrder::Relevance;
        if (key == "offset") req.offset = number(v);
        if (key == "limit") req.limit = number(v);
        if (key == "facet-limit") req.facet_limit = number(v);
        if (key == "order")
            req.facet_order = v == "name" ? ndx::FacetOrder::Name : ndx::FacetOrder::Count;
        if (key == "level")
            req.location_level = v == "country"    ? ndx::LocationLevel::Country
                                 : v == "province" ? ndx::LocationLevel::Province
                                 : v == "city"     ? ndx::LocationLevel::City
                                                   : ndx::LocationLevel::Named;
        if (key == "interval")
            req.date_interval = v == "year"    ? ndx::DateInterval::Year
                                : v == "month" ? ndx::DateInterval::Month
                                : v == "day"   ? ndx::DateInterval::Day
                                               : ndx::DateInterval::Auto;
        if (key == "no-facets") req.count_facets = false;
        if (key == "quotes") req.quotes = true;
        if (key == "explain") req.explain = true;
    }
    // ndx-search's own checks (searcher/main.cc) before it calls run_search.
    if (req.undated && (req.from || req.to)) return false;
    if (req.from && req.to && *req.to < *req.from) return false;
    return req.limit <= 100000;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)database();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    ndx::SearchRequest req;
    if (!make_request(input, req)) return 0;
    const Xapian::Database& db = database();
    try {
        ndx::FacetCatalog catalog(db);
        ndx::QueryBuilder(db, catalog).parse(req.query);
    } catch (const ndx::QueryError&) {
        // a bad query is reported to the user: fine
    }
    try {
        ndx::SearchResult res = ndx::run_search(db, req);
        if (res.hits.size() > req.limit || res.total > db.get_doccount()) __builtin_trap();
        for (const ndx::Hit& h : res.hits) {
            if (h.rank <= req.offset) __builtin_trap();
            (void)ndx::record_json(h.record).dump();
        }
    } catch (const ndx::QueryError&) {
    }
    return 0;
}
