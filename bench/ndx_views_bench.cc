// The analyst's views (common/views.h) timed beside the plain faceted search, in one
// process, on one index:
//
//   ndx_views_bench DB [--passes N] [--warmup N] [--query TEXT] [--no-facet-table]
//
// Rows (each the median and slowest of N passes, in milliseconds):
//   search     run_search over every match: top 10 hits without snippets, the exact counts
//              of the three entity facets (top 10) and the date histogram by month
//   timeline   run_timeline: the top 10 locations, each counted per month
//   pivot      run_pivot: the top 10 locations and, under each, the top 10 groups
//   values     run_values: every group (name, kind, count), by count
//   complete   run_values: the first 10 groups with a word beginning with "ba" (autocomplete)
// With no --query, over every article.  --no-facet-table reads the facet values from the
// value slots, as for a shard set.  Prints a TSV table (view, median_ms, max_ms, ratio to
// search) and the cells of each view, for a look at what was counted.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "common/database.h"
#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/search.h"
#include "common/views.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Timing {
    std::string view;
    double median = 0, max = 0;
    std::size_t cells = 0;
};

Timing measure(const std::string& view, int warmup, int passes,
               const std::function<std::size_t()>& run) {
    std::size_t cells = 0;
    for (int i = 0; i < warmup; ++i) cells = run();
    std::vector<double> ms;
    for (int i = 0; i < passes; ++i) {
        auto t0 = Clock::now();
        cells = run();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return {view, ms[ms.size() / 2], ms.back(), cells};
}

int usage() {
    std::fputs(
        "usage: ndx_views_bench DB [--passes N] [--warmup N] [--query TEXT] "
        "[--no-facet-table]\n",
        stderr);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        std::string db, query;
        int passes = 20, warmup = 2;
        bool table = true;
        for (int i = 1; i < argc; ++i) {
            std::string a = argv[i];
            if (a == "--passes" && i + 1 < argc)
                passes = std::max(1, std::atoi(argv[++i]));
            else if (a == "--warmup" && i + 1 < argc)
                warmup = std::max(0, std::atoi(argv[++i]));
            else if (a == "--query" && i + 1 < argc)
                query = argv[++i];
            else if (a == "--no-facet-table")
                table = false;
            else if (!a.empty() && a[0] != '-' && db.empty())
                db = a;
            else
                return usage();
        }
        if (db.empty()) return usage();
        std::vector<std::string> skipped;
        ndx::SearchTarget target = ndx::open_targets({db}, false, skipped);
        if (!table) {  // counted from the value slots, named from the metadata
            target.table.reset();
            target.catalog = std::make_shared<ndx::FacetCatalog>(target.db, target.parts);
        }
        std::fprintf(stderr, "ndx_views_bench: %u documents, facet table %s, query '%s'\n",
                     target.db.get_doccount(), target.table ? "used" : "not used", query.c_str());

        ndx::SearchRequest req;
        req.query = query;
        req.limit = 10;
        req.facet_limit = 10;
        req.date_interval = ndx::DateInterval::Month;
        req.snippets = false;
        req.highlight_start.clear();
        req.highlight_end.clear();

        std::vector<Timing> rows;
        rows.push_back(measure("search", warmup, passes, [&] {
            ndx::SearchResult r = ndx::run_search(target, req);
            std::size_t n = r.dates.buckets.size();
            for (const auto& f : r.facets) n += f.values.size();
            return n;
        }));
        ndx::SearchRequest view = req;
        view.limit = 0;
        rows.push_back(measure("timeline", warmup, passes, [&] {
            ndx::Timeline t = ndx::run_timeline(target, view, ndx::Facet::Location);
            return t.rows.size() * t.labels.size();
        }));
        rows.push_back(measure("pivot", warmup, passes, [&] {
            ndx::Pivot p =
                ndx::run_pivot(target, view, ndx::Facet::Location, ndx::Facet::Group, 10);
            std::size_t n = 0;
            for (const auto& r : p.rows) n += r.sub.size();
            return n;
        }));
        ndx::SearchRequest every = view;
        every.facet_limit = 0;
        rows.push_back(measure("values", warmup, passes, [&] {
            return ndx::run_values(target, every, ndx::Facet::Group, "").values.size();
        }));
        rows.push_back(measure("complete", warmup, passes, [&] {
            return ndx::run_values(target, view, ndx::Facet::Group, "ba").values.size();
        }));

        std::printf("view\tmedian_ms\tmax_ms\tx_search\tcells\n");
        for (const Timing& t : rows)
            std::printf("%s\t%.2f\t%.2f\t%.2f\t%zu\n", t.view.c_str(), t.median, t.max,
                        t.median / rows[0].median, t.cells);
        return 0;
    } catch (const ndx::Error& e) {
        std::fprintf(stderr, "ndx_views_bench: %s\n", e.what());
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "ndx_views_bench: %s\n", e.get_description().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ndx_views_bench: %s\n", e.what());
    }
    return 1;
}
