// Running ndx-search's command: opening the index (again if it changes), the view asked
// for, and printing its answer.
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>

#include "common/database.h"
#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/flat_json.h"
#include "common/normalize.h"
#include "searcher/command.h"
#include "searcher/print.h"

namespace ndx {

namespace {

// The lines of a --batch file ("-": standard input): one query each; blank lines and lines
// starting with '#' are skipped.
std::vector<std::pair<std::size_t, std::string>> read_batch(const std::string& file,
                                                            std::vector<ndx::BatchEntry>& bad) {
    std::ifstream f;
    std::istream* in = &std::cin;
    if (file != "-") {
        f.open(file, std::ios::binary);
        if (!f) throw ndx::UsageError("--batch: cannot read '" + file + "'");
        in = &f;
    }
    std::vector<std::pair<std::size_t, std::string>> out;
    std::string line;
    for (std::size_t n = 1; std::getline(*in, line); ++n) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (auto at = ndx::invalid_utf8_offset(line)) {
            bad.push_back({n, "", std::nullopt,
                           "not valid UTF-8 (byte " + std::to_string(*at + 1) + " of the line)"});
            continue;
        }
        std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        out.emplace_back(n, line.substr(first));
    }
    if (in->bad()) throw ndx::IndexError("--batch: error reading '" + file + "'");
    return out;
}

// Runs the views of one command against its index.
class Runner {
  public:
    explicit Runner(const SearchCommand& cmd)
        : cmd_(cmd),
          req(cmd.req),
          dbs(cmd.dbs),
          allow_partial(cmd.allow_partial),
          bold(cmd.bold),
          json(cmd.json),
          csv(cmd.csv),
          prefix(cmd.prefix),
          batch(cmd.batch),
          view_facet(cmd.view_facet),
          second_facet(cmd.second_facet) {}

  private:
    void partial_notes(std::vector<std::string>& notes) {
        for (const std::string& sh : skipped) {
            std::cerr << "ndx-search: warning: shard '" << sh
                      << "' could not be reached; results are partial\n";
            notes.push_back("partial results: shard '" + sh + "' could not be reached");
        }
    }

    // Runs `fn` on the open target; an index changed while it runs is opened again.
    template <typename Fn>
    auto with_target(Fn&& fn) {
        for (int attempt = 0;; ++attempt) {
            try {
                skipped.clear();
                target_.reset();
                target_ = std::make_unique<ndx::SearchTarget>(
                    ndx::open_targets(dbs, allow_partial, skipped));
                return fn(*target_);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == 4)
                    throw ndx::IndexError("the index kept changing during the search");
            }
        }
    }

  public:
    int run_timeline_view() {
        ndx::Timeline tl = with_target(
            [&](const ndx::SearchTarget& t) { return ndx::run_timeline(t, req, *view_facet); });
        partial_notes(tl.notes);
        if (json)
            std::cout << ndx::dump_json(ndx::timeline_json(req, tl), 2) << "\n";
        else if (csv)
            ndx::print_csv_timeline(std::cout, req, tl);
        else
            ndx::print_timeline_text(std::cout, req, tl);
        return kExitOk;
    }

    int run_pivot_view() {
        ndx::Pivot pv = with_target([&](const ndx::SearchTarget& t) {
            return ndx::run_pivot(t, req, *view_facet, *second_facet, req.facet_limit);
        });
        partial_notes(pv.notes);
        if (json)
            std::cout << ndx::dump_json(ndx::pivot_json(req, pv), 2) << "\n";
        else if (csv)
            ndx::print_csv_pivot(std::cout, req, pv);
        else
            ndx::print_pivot_text(std::cout, req, pv);
        return kExitOk;
    }

    int run_values_view() {
        ndx::ValueList vl = with_target([&](const ndx::SearchTarget& t) {
            return ndx::run_values(t, req, *view_facet, prefix);
        });
        partial_notes(vl.notes);
        if (json)
            std::cout << ndx::dump_json(ndx::values_json(req, vl), 2) << "\n";
        else if (csv)
            ndx::print_csv_values(std::cout, req, vl);
        else
            ndx::print_values_text(std::cout, req, vl);
        return kExitOk;
    }

    int run_batch_view() {
        std::vector<ndx::BatchEntry> bad, entries;
        const auto lines = read_batch(batch, bad);
        with_target([&](ndx::SearchTarget& t) {
            // one open database for every line; a line whose index changed under it is
            // searched again after a reopen
            std::vector<ndx::BatchEntry> done = bad;
            for (const auto& [n, text] : lines) {
                ndx::BatchEntry e{n, text, std::nullopt, ""};
                ndx::SearchRequest one = req;
                one.query = text;
                for (int attempt = 0;; ++attempt) {
                    try {
                        e.result = ndx::run_search(t, one);
                        break;
                    } catch (const Xapian::DatabaseModifiedError&) {
                        if (attempt == 4)
                            throw ndx::IndexError("the index kept changing during the search");
                        t.db.reopen();
                        t.table.reset();
                        t.catalog = std::make_shared<ndx::FacetCatalog>(t.db, t.parts);
                    } catch (const ndx::QueryError& err) {
                        e.error = err.what();
                        break;
                    }
                }
                if (e.result) partial_notes(e.result->notes);
                done.push_back(std::move(e));
            }
            std::sort(done.begin(), done.end(),
                      [](const auto& a, const auto& b) { return a.line < b.line; });
            entries = std::move(done);
            return 0;
        });
        std::size_t failed = 0;
        for (const ndx::BatchEntry& e : entries)
            if (!e.result) {
                std::cerr << "ndx-search: " << batch << ":" << e.line << ": " << e.error << "\n";
                ++failed;
            }
        if (json)
            std::cout << ndx::dump_json(ndx::batch_json(req, batch, entries), 2) << "\n";
        else if (csv)
            ndx::print_csv_batch(std::cout, req, entries);
        else
            ndx::print_batch_text(std::cout, req, entries, ndx::TextStyle{bold});
        return failed ? kExitBatchLines : kExitOk;
    }

    int run_hits() {
        ndx::SearchResult res =
            with_target([&](const ndx::SearchTarget& t) { return ndx::run_search(t, req); });
        partial_notes(res.notes);
        if (json)
            ndx::print_json(std::cout, req, res);
        else if (csv && cmd_.facets_only)
            ndx::print_csv_facets(std::cout, req, res);
        else if (csv)
            ndx::print_csv_hits(std::cout, req, res);
        else if (cmd_.facets_only)
            ndx::print_facets_only_text(std::cout, req, res, ndx::TextStyle{bold});
        else
            ndx::print_text(std::cout, req, res, ndx::TextStyle{bold});
        return kExitOk;
    }

  private:
    const SearchCommand& cmd_;
    const SearchRequest& req;
    const std::vector<std::string>& dbs;
    const bool allow_partial, bold, json, csv;
    const std::string &prefix, &batch;
    const std::optional<Facet>&view_facet, &second_facet;
    std::vector<std::string> skipped;
    std::unique_ptr<ndx::SearchTarget> target_;  // the index searched, left open
};

}  // namespace

int run_command(const SearchCommand& cmd) {
    // The process ends once the answer is printed: the index is left open (the facet table
    // mapped, Xapian's tables open, the search's memory allocated) for the system to
    // release with the process, rather than undone piece by piece first.  (Held from a
    // static, so that leak checkers see it as reachable.)
    static Runner* runner = nullptr;
    runner = new Runner(cmd);
    Runner& r = *runner;
    if (!cmd.timeline.empty()) return r.run_timeline_view();
    if (!cmd.pivot.empty()) return r.run_pivot_view();
    if (!cmd.values.empty()) return r.run_values_view();
    if (!cmd.batch.empty()) return r.run_batch_view();
    return r.run_hits();
}

}  // namespace ndx
