// ndx's side of the query benchmark, in one process: every query of QUERIES.txt through
// ndx::run_search (what ndx-search runs), repeated.
//
//   ndx_query_bench DB QUERIES.txt [--passes N] [--warmup N] [--times F] [--results F]
//                   [--engine NAME] [--no-facets] [--no-facet-table]
//
// Each query asks for the top 10, the exact total and the four facets over all matches:
// speaker, location (the places named), group (top 10 values each, reported by key, as the
// peers count them) and the date histogram
// by month (every bucket, and the undated count), like
// `ndx-search --json --date-interval month`.  Filters are ndx's own (--location NAME etc.),
// multi-select included.  --no-facets measures hits and totals only; --no-facet-table
// counts from the value slots, as when the index has no current facet table.
#include <xapian.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "common/database.h"
#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/search.h"

namespace {

int usage() {
    std::fputs(
        "usage: ndx_query_bench DB QUERIES.txt [--passes N] [--warmup N] [--times F] "
        "[--results F] [--engine NAME] [--no-facets] [--no-facet-table] [--no-snippets]\n",
        stderr);
    return 2;
}

ndx::Facet entity_facet(bench::FacetKind k) {
    switch (k) {
        case bench::kSpeaker:
            return ndx::Facet::Speaker;
        case bench::kLocation:
            return ndx::Facet::Location;
        case bench::kGroup:
        case bench::kMonth:
            break;
    }
    return ndx::Facet::Group;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        bool facets = true, table = true, snippets = true;
        std::vector<char*> args;
        for (int i = 0; i < argc; ++i) {
            if (std::strcmp(argv[i], "--no-facets") == 0)
                facets = false;
            else if (std::strcmp(argv[i], "--no-facet-table") == 0)
                table = false;
            else if (std::strcmp(argv[i], "--no-snippets") == 0)
                snippets = false;
            else
                args.push_back(argv[i]);
        }
        std::vector<std::string> pos;
        bench::QueryOptions opt =
            bench::parse_query_options(static_cast<int>(args.size()), args.data(), 1, pos);
        if (pos.size() != 2) return usage();
        if (opt.engine.empty()) opt.engine = facets ? "ndx" : "ndx-nofacets";
        std::vector<std::string> skipped;
        ndx::SearchTarget target = ndx::open_targets({pos[0]}, false, skipped);
        if (!table) {  // counted from the value slots, named from the metadata
            target.table.reset();
            target.catalog = std::make_shared<ndx::FacetCatalog>(target.db, target.parts);
        }
        std::fprintf(stderr, "ndx_query_bench: facet table %s\n",
                     target.table ? "used" : "not used");
        const std::vector<bench::Query> queries = bench::read_queries(pos[1]);

        bench::run_query_passes(
            opt, queries, [](const bench::Query&) { return false; },
            [&](const bench::Query& q, bench::Answer& ans) {
                ndx::SearchRequest req;
                req.query = q.text;
                for (const bench::Filter& f : q.filters)
                    req.facets[static_cast<std::size_t>(entity_facet(f.facet))].include.push_back(
                        f.value);
                req.limit = 10;
                req.facet_limit = 10;
                req.date_interval = ndx::DateInterval::Month;
                req.count_facets = facets;
                req.snippets = snippets;
                req.highlight_start.clear();
                req.highlight_end.clear();
                const ndx::SearchResult res = ndx::run_search(target, req);
                ans.total = res.total;
                for (const ndx::Hit& h : res.hits) ans.top.push_back(h.record.id);
                if (!facets) return;
                ans.has_facets = true;
                for (ndx::Facet f : ndx::kEntityFacets) {
                    auto& out = ans.facets[static_cast<std::size_t>(f)];
                    for (const ndx::FacetCount& c : res.facets[static_cast<std::size_t>(f)].values)
                        out.emplace_back(c.key, c.count);
                }
                auto& months = ans.facets[bench::kMonth];
                for (const ndx::DateBucket& b : res.dates.buckets)
                    months.emplace_back(b.label, b.count);
                if (res.dates.undated) months.emplace_back(bench::kUndated, res.dates.undated);
            });
        return 0;
    } catch (const ndx::Error& e) {
        std::fprintf(stderr, "ndx_query_bench: %s\n", e.what());
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "ndx_query_bench: %s\n", e.get_description().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ndx_query_bench: %s\n", e.what());
    }
    return 1;
}
