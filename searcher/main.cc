// ndx-search: ranked full-text search over an ndx index, with exact facet counts.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>

#include "common/config.h"
#include "common/database.h"
#include "common/error.h"
#include "common/normalize.h"
#include "common/search.h"
#include "common/suggest.h"
#include "common/views.h"
#include "searcher/print.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitBatchLines = 3;

void print_usage(std::ostream& out, const po::options_description& desc) {
    out << "Usage: ndx-search [OPTIONS] [QUERY...]\n\n"
           "Search an ndx index.  QUERY uses Xapian's query syntax: words (stemmed, ranked\n"
           "with BM25), \"phrases\", AND/OR/NOT, +must, -mustnot, NEAR, wildcard*, and the\n"
           "fields title: byline: dateline: source: speaker: location: group:\n"
           "date:2023-10..2023-12, said:WORDS (what the selected speakers said).  With facet\n"
           "options and no QUERY, lists every matching article, newest first.  --quotes\n"
           "searches statements instead: who said what, when, in which article.\n\n"
           "Views over the matches (docs/analysis.md): --timeline FACET, --pivot F1,F2,\n"
           "--values FACET [--prefix TEXT], --batch FILE; --format text|json|csv.\n\n"
        << desc
        << "\nNAME matches a canonical name or alias ignoring case and accents, or a part\n"
           "of a name (--speaker miller).  Repeating a flag means any of its values; different\n"
           "flags must all hold.  --location selects every place inside the one named.\n\n"
           "Database: --db, else $NDX_DB, else $XDG_DATA_HOME/ndx/index\n"
           "(~/.local/share/ndx/index).\n\n"
           "Exit status: 0 success (also with no matches); 1 runtime failure;\n"
           "2 usage error, bad query, unknown facet value, or no index;\n"
           "3 --batch finished, but some lines failed (the messages say which).\n";
}

template <typename E>
E parse_enum(const std::string& flag, const std::string& v,
             std::initializer_list<std::pair<const char*, E>> choices) {
    std::string names;
    for (const auto& [name, value] : choices) {
        if (v == name) return value;
        names += names.empty() ? name : std::string(", ") + name;
    }
    throw ndx::UsageError("--" + flag + ": '" + v + "' is not one of " + names);
}

ndx::Date date_flag(const std::string& flag, const std::string& v, bool end) {
    auto d = ndx::parse_date_bound(v, end);
    if (!d)
        throw ndx::UsageError("--" + flag + ": bad date '" + v +
                              "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    return *d;
}

ndx::Facet facet_flag(const std::string& flag, const std::string& v) {
    return parse_enum<ndx::Facet>(flag, v,
                                  {{"speaker", ndx::Facet::Speaker},
                                   {"location", ndx::Facet::Location},
                                   {"group", ndx::Facet::Group}});
}

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

// A count given to --limit, --offset or --facet-limit: digits only (as a std::size_t
// option, "-1" wrapped round to 18446744073709551615).
std::size_t count_flag(const std::string& flag, const std::string& v) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size())
        throw ndx::UsageError("--" + flag + ": '" + v + "' is not a count (0 or more)");
    return n;
}

}  // namespace

int main(int argc, char** argv) try {
    ndx::SearchRequest req;
    std::string sort, facet_order, level, interval, color = "auto";
    std::string limit, offset, facet_limit, format, timeline, pivot, values, prefix, batch;
    std::vector<std::string> dbs;
    std::vector<std::string> words, from, to;
    std::array<std::vector<std::string>, 3> inc, exc;
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help and exit")("version,V",
                                                            "show the version and exit")(
        "db,d", po::value(&dbs)->composing(),
        "index directory, shard set (directory or stub file), or tcp://HOST:PORT served by "
        "xapian-tcpsrv; repeat to search several as one")(
        "allow-partial", "if a shard cannot be reached, search the others (and say so)")(
        "limit,n", po::value(&limit)->default_value("10"), "hits to show")(
        "offset", po::value(&offset)->default_value("0"), "hits to skip")(
        "json", "print JSON (see docs/output-format.md); short for --format json")(
        "format", po::value(&format), "text (default), json or csv")(
        "speaker", po::value(&inc[0])->composing(), "only articles quoting NAME")(
        "location", po::value(&inc[1])->composing(), "only articles naming a place in NAME")(
        "group", po::value(&inc[2])->composing(), "only articles naming group NAME")(
        "exclude-speaker", po::value(&exc[0])->composing(), "leave out articles quoting NAME")(
        "exclude-location", po::value(&exc[1])->composing(), "leave out articles naming NAME")(
        "exclude-group", po::value(&exc[2])->composing(), "leave out articles naming NAME")(
        "from", po::value(&from), "published on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)")(
        "to", po::value(&to), "published on or before DATE (inclusive)")(
        "undated", "only articles without a date")(
        "sort", po::value(&sort), "relevance, date (oldest first) or -date (newest first)")(
        "facet-limit", po::value(&facet_limit)->default_value("10"), "values shown per facet")(
        "facet-order", po::value(&facet_order), "count (default) or name")(
        "location-level", po::value(&level),
        "count places as named (default), or rolled up to country, province or city")(
        "date-interval", po::value(&interval), "year, month or day (default: from the span)")(
        "no-facets", "do not count facets")("no-snippets",
                                            "show hits without a passage of their text (faster)")(
        "quotes", "search what people said (quotations and reported speech), not articles")(
        "explain", "show the sentence or span behind each hit's facet values")(
        "color", po::value(&color), "highlight matches: auto (default), always, never")(
        "facets-only", "print the facet counts without hits (with --format csv: the facet table)")(
        "timeline", po::value(&timeline),
        "count the top values of FACET (speaker, location, group) per date interval")(
        "pivot", po::value(&pivot),
        "FACET1,FACET2: the top values of FACET1 and, under each, of FACET2 with both")(
        "values", po::value(&values),
        "list every value of FACET with its count (over every article, or the matches)")(
        "prefix", po::value(&prefix), "with --values: only values with a word beginning with TEXT")(
        "batch", po::value(&batch),
        "run each line of FILE ('-': standard input) as a query; print totals and top values")
        // query semantics (docs/ranking.md)
        ("all", "match articles with every word of the query, however long it is")(
            "any", "match articles with any word of the query, however short it is")(
            "expand",
            "rank the matches also by the words of the best hits (pseudo-relevance "
            "feedback); the same articles match");
    po::options_description hidden;
    hidden.add_options()("words", po::value(&words), "");
    po::options_description all;
    all.add(desc).add(hidden);
    po::positional_options_description pos;
    pos.add("words", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
        ndx::load_config(desc, vm, "search");  // flags > environment > config file
        po::notify(vm);
    } catch (const po::error& e) {  // a misspelt option is named with the closest one
        std::cerr << ndx::option_error_message("ndx-search", e, desc) << "\n";
        return kExitUsage;
    }
    if (vm.count("help")) {
        print_usage(std::cout, desc);
        return kExitOk;
    }
    if (vm.count("version")) {
        std::cout << "ndx-search " << NDX_VERSION << "\n";
        return kExitOk;
    }
    for (const auto& w : words) req.query += (req.query.empty() ? "" : " ") + w;
    for (std::size_t i = 0; i < 3; ++i) {
        req.facets[i].include = inc[i];
        req.facets[i].exclude = exc[i];
    }
    if (from.size() > 1 || to.size() > 1)
        throw ndx::UsageError("--from and --to may be given once");
    if (!from.empty()) req.from = date_flag("from", from[0], false);
    if (!to.empty()) req.to = date_flag("to", to[0], true);
    req.undated = vm.count("undated") > 0;
    if (req.undated && (req.from || req.to))
        throw ndx::UsageError("--undated cannot be combined with --from/--to");
    if (req.from && req.to && *req.to < *req.from) throw ndx::UsageError("--from is after --to");
    bool any_filter = req.undated || req.from || req.to;
    for (const auto& f : req.facets) any_filter = any_filter || f.active();
    const int views = !timeline.empty() + !pivot.empty() + !values.empty() + !batch.empty() +
                      (vm.count("facets-only") > 0);
    if (views > 1)
        throw ndx::UsageError(
            "--timeline, --pivot, --values, --batch and --facets-only are "
            "different views: give one");
    if (!prefix.empty() && values.empty()) throw ndx::UsageError("--prefix goes with --values");
    if (!batch.empty() && !req.query.empty())
        throw ndx::UsageError("--batch takes its queries from FILE, not from the command line");
    const bool over_all = !timeline.empty() || !pivot.empty() || !values.empty() || !batch.empty();
    if (req.query.find_first_not_of(" \t") == std::string::npos && !any_filter && !over_all) {
        std::cerr << "ndx-search: no QUERY and no filter given (see ndx-search --help)\n";
        return kExitUsage;
    }
    req.limit = count_flag("limit", limit);
    req.offset = count_flag("offset", offset);
    req.facet_limit = count_flag("facet-limit", facet_limit);
    constexpr std::size_t kMaxPage = 100000;
    if (req.limit > kMaxPage) throw ndx::UsageError("--limit may be at most 100000");
    if (!sort.empty())
        req.sort = parse_enum<ndx::SortOrder>("sort", sort,
                                              {{"relevance", ndx::SortOrder::Relevance},
                                               {"date", ndx::SortOrder::DateAscending},
                                               {"-date", ndx::SortOrder::DateDescending}});
    if (!facet_order.empty())
        req.facet_order = parse_enum<ndx::FacetOrder>(
            "facet-order", facet_order,
            {{"count", ndx::FacetOrder::Count}, {"name", ndx::FacetOrder::Name}});
    if (!level.empty())
        req.location_level =
            parse_enum<ndx::LocationLevel>("location-level", level,
                                           {{"named", ndx::LocationLevel::Named},
                                            {"country", ndx::LocationLevel::Country},
                                            {"province", ndx::LocationLevel::Province},
                                            {"city", ndx::LocationLevel::City}});
    if (!interval.empty())
        req.date_interval = parse_enum<ndx::DateInterval>("date-interval", interval,
                                                          {{"year", ndx::DateInterval::Year},
                                                           {"month", ndx::DateInterval::Month},
                                                           {"day", ndx::DateInterval::Day}});
    bool bold =
        parse_enum<bool>("color", color, {{"auto", true}, {"always", true}, {"never", false}});
    if (color == "auto") {  // no-color.org: only a non-empty NO_COLOR; TERM=dumb: no escapes
        const char* no_color = std::getenv("NO_COLOR");
        const char* term = std::getenv("TERM");
        bold = isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
               !(term && std::string_view(term) == "dumb");
    }
    if (vm.count("json") && !format.empty() && format != "json")
        throw ndx::UsageError("--json and --format " + format + " disagree");
    if (vm.count("json")) format = "json";
    if (format.empty()) format = "text";
    parse_enum<int>("format", format, {{"text", 0}, {"json", 1}, {"csv", 2}});
    const bool json = format == "json", csv = format == "csv";
    // --values lists every value unless --facet-limit is given
    if (!values.empty() && vm["facet-limit"].defaulted()) req.facet_limit = 0;
    req.count_facets = !vm.count("no-facets");
    req.snippets = !vm.count("no-snippets");
    req.quotes = vm.count("quotes") > 0;
    req.explain = vm.count("explain") > 0;
    if (vm.count("all") && vm.count("any"))
        throw ndx::UsageError("--all and --any cannot be combined");
    if (vm.count("all")) req.match = ndx::MatchMode::All;
    if (vm.count("any")) req.match = ndx::MatchMode::Any;
    req.expand = vm.count("expand") > 0;
    if (!bold || json || csv) req.highlight_start = req.highlight_end = "";
    if (csv) req.hit_values = true;
    if (vm.count("facets-only") || over_all) {
        req.limit = 0;
        req.snippets = false;
    }
    if (vm.count("facets-only") && !req.count_facets)
        throw ndx::UsageError("--facets-only and --no-facets exclude each other");
    std::optional<ndx::Facet> view_facet, second_facet;
    if (!timeline.empty()) view_facet = facet_flag("timeline", timeline);
    if (!values.empty()) view_facet = facet_flag("values", values);
    if (!pivot.empty()) {
        auto comma = pivot.find(',');
        if (comma == std::string::npos)
            throw ndx::UsageError("--pivot: give two facets, FACET1,FACET2 (e.g. location,group)");
        view_facet = facet_flag("pivot", pivot.substr(0, comma));
        second_facet = facet_flag("pivot", pivot.substr(comma + 1));
    }
    if (dbs.empty()) dbs.push_back(ndx::default_db_path());
    const bool allow_partial = vm.count("allow-partial") > 0;

    std::vector<std::string> skipped;
    auto partial_notes = [&](std::vector<std::string>& notes) {
        for (const std::string& sh : skipped) {
            std::cerr << "ndx-search: warning: shard '" << sh
                      << "' could not be reached; results are partial\n";
            notes.push_back("partial results: shard '" + sh + "' could not be reached");
        }
    };
    // Runs `fn` on the open target; an index changed while it runs is opened again.
    auto with_target = [&](auto&& fn) {
        for (int attempt = 0;; ++attempt) {
            try {
                skipped.clear();
                ndx::SearchTarget target = ndx::open_targets(dbs, allow_partial, skipped);
                return fn(target);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == 4)
                    throw ndx::IndexError("the index kept changing during the search");
            }
        }
    };
    if (!timeline.empty()) {
        ndx::Timeline tl = with_target(
            [&](const ndx::SearchTarget& t) { return ndx::run_timeline(t, req, *view_facet); });
        partial_notes(tl.notes);
        if (json)
            std::cout << ndx::timeline_json(req, tl).dump(2) << "\n";
        else if (csv)
            ndx::print_csv_timeline(std::cout, req, tl);
        else
            ndx::print_timeline_text(std::cout, req, tl);
        return kExitOk;
    }
    if (!pivot.empty()) {
        ndx::Pivot pv = with_target([&](const ndx::SearchTarget& t) {
            return ndx::run_pivot(t, req, *view_facet, *second_facet, req.facet_limit);
        });
        partial_notes(pv.notes);
        if (json)
            std::cout << ndx::pivot_json(req, pv).dump(2) << "\n";
        else if (csv)
            ndx::print_csv_pivot(std::cout, req, pv);
        else
            ndx::print_pivot_text(std::cout, req, pv);
        return kExitOk;
    }
    if (!values.empty()) {
        ndx::ValueList vl = with_target([&](const ndx::SearchTarget& t) {
            return ndx::run_values(t, req, *view_facet, prefix);
        });
        partial_notes(vl.notes);
        if (json)
            std::cout << ndx::values_json(req, vl).dump(2) << "\n";
        else if (csv)
            ndx::print_csv_values(std::cout, req, vl);
        else
            ndx::print_values_text(std::cout, req, vl);
        return kExitOk;
    }
    if (!batch.empty()) {
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
            std::cout << ndx::batch_json(req, batch, entries).dump(2) << "\n";
        else if (csv)
            ndx::print_csv_batch(std::cout, req, entries);
        else
            ndx::print_batch_text(std::cout, req, entries, ndx::TextStyle{bold});
        return failed ? kExitBatchLines : kExitOk;
    }

    ndx::SearchResult res =
        with_target([&](const ndx::SearchTarget& t) { return ndx::run_search(t, req); });
    partial_notes(res.notes);
    if (json)
        ndx::print_json(std::cout, req, res);
    else if (csv && vm.count("facets-only"))
        ndx::print_csv_facets(std::cout, req, res);
    else if (csv)
        ndx::print_csv_hits(std::cout, req, res);
    else if (vm.count("facets-only"))
        ndx::print_facets_only_text(std::cout, req, res, ndx::TextStyle{bold});
    else
        ndx::print_text(std::cout, req, res, ndx::TextStyle{bold});
    return kExitOk;
} catch (const ndx::UsageError& e) {
    std::cerr << "ndx-search: " << e.what() << "\n";
    return kExitUsage;
} catch (const ndx::QueryError& e) {
    std::cerr << "ndx-search: " << e.what() << "\n";
    return kExitUsage;
} catch (const ndx::MissingIndexError& e) {
    std::cerr << "ndx-search: " << e.what() << "\n";
    return kExitUsage;
} catch (const ndx::Error& e) {
    std::cerr << "ndx-search: " << e.what() << "\n";
    return kExitFailure;
} catch (const Xapian::Error& e) {
    std::cerr << "ndx-search: " << e.get_description() << "\n";
    return kExitFailure;
} catch (const std::exception& e) {
    std::cerr << "ndx-search: " << e.what() << "\n";
    return kExitFailure;
}
