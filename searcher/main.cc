// ndx-search: ranked full-text search over an ndx index, with exact facet counts.
#include <unistd.h>

#include <xapian.h>

#include <boost/program_options.hpp>
#include <charconv>
#include <cstdlib>
#include <iostream>

#include "common/database.h"
#include "common/error.h"
#include "common/search.h"
#include "searcher/print.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2;

void print_usage(std::ostream& out, const po::options_description& desc) {
    out << "Usage: ndx-search [OPTIONS] [QUERY...]\n\n"
           "Search an ndx index.  QUERY uses Xapian's query syntax: words (stemmed, ranked\n"
           "with BM25), \"phrases\", AND/OR/NOT, +must, -mustnot, NEAR, wildcard*, and the\n"
           "fields title: byline: dateline: source: speaker: location: group:\n"
           "date:2023-10..2023-12, said:WORDS (what the selected speakers said).  With facet\n"
           "options and no QUERY, lists every matching article, newest first.  --quotes\n"
           "searches statements instead: who said what, when, in which article.\n\n"
        << desc
        << "\nNAME matches a canonical name or alias ignoring case and accents, or a part\n"
           "of a name (--speaker miller).  Repeating a flag means any of its values; different\n"
           "flags must all hold.  --location selects every place inside the one named.\n\n"
           "Database: --db, else $NDX_DB, else $XDG_DATA_HOME/ndx/index\n"
           "(~/.local/share/ndx/index).\n\n"
           "Exit status: 0 success (also with no matches); 1 runtime failure;\n"
           "2 usage error, bad query, unknown facet value, or no index.\n";
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
    if (!d) throw ndx::UsageError("--" + flag + ": bad date '" + v +
                                  "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    return *d;
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
    std::string limit, offset, facet_limit;
    std::vector<std::string> dbs;
    std::vector<std::string> words, from, to;
    std::array<std::vector<std::string>, 3> inc, exc;
    po::options_description desc("Options");
    desc.add_options()
        ("help,h", "show this help and exit")
        ("version,V", "show the version and exit")
        ("db,d", po::value(&dbs)->composing(),
         "index directory, shard set (directory or stub file), or tcp://HOST:PORT served by "
         "xapian-tcpsrv; repeat to search several as one")
        ("allow-partial", "if a shard cannot be reached, search the others (and say so)")
        ("limit,n", po::value(&limit)->default_value("10"), "hits to show")
        ("offset", po::value(&offset)->default_value("0"), "hits to skip")
        ("json", "print JSON (see docs/output-format.md)")
        ("speaker", po::value(&inc[0])->composing(), "only articles quoting NAME")
        ("location", po::value(&inc[1])->composing(), "only articles naming a place in NAME")
        ("group", po::value(&inc[2])->composing(), "only articles naming group NAME")
        ("exclude-speaker", po::value(&exc[0])->composing(), "leave out articles quoting NAME")
        ("exclude-location", po::value(&exc[1])->composing(), "leave out articles naming NAME")
        ("exclude-group", po::value(&exc[2])->composing(), "leave out articles naming NAME")
        ("from", po::value(&from), "published on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)")
        ("to", po::value(&to), "published on or before DATE (inclusive)")
        ("undated", "only articles without a date")
        ("sort", po::value(&sort), "relevance, date (oldest first) or -date (newest first)")
        ("facet-limit", po::value(&facet_limit)->default_value("10"), "values shown per facet")
        ("facet-order", po::value(&facet_order), "count (default) or name")
        ("location-level", po::value(&level),
         "count places as named (default), or rolled up to country, province or city")
        ("date-interval", po::value(&interval), "year, month or day (default: from the span)")
        ("no-facets", "do not count facets")
        ("no-snippets", "show hits without a passage of their text (faster)")
        ("quotes", "search what people said (quotations and reported speech), not articles")
        ("explain", "show the sentence or span behind each hit's facet values")
        ("color", po::value(&color), "highlight matches: auto (default), always, never")
        // query semantics (docs/ranking.md)
        ("all", "match articles with every word of the query, however long it is")
        ("any", "match articles with any word of the query, however short it is");
    po::options_description hidden;
    hidden.add_options()("words", po::value(&words), "");
    po::options_description all;
    all.add(desc).add(hidden);
    po::positional_options_description pos;
    pos.add("words", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "ndx-search: " << e.what() << " (see ndx-search --help)\n";
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
    if (from.size() > 1 || to.size() > 1) throw ndx::UsageError("--from and --to may be given once");
    if (!from.empty()) req.from = date_flag("from", from[0], false);
    if (!to.empty()) req.to = date_flag("to", to[0], true);
    req.undated = vm.count("undated") > 0;
    if (req.undated && (req.from || req.to))
        throw ndx::UsageError("--undated cannot be combined with --from/--to");
    if (req.from && req.to && *req.to < *req.from)
        throw ndx::UsageError("--from is after --to");
    bool any_filter = req.undated || req.from || req.to;
    for (const auto& f : req.facets) any_filter = any_filter || f.active();
    if (req.query.find_first_not_of(" \t") == std::string::npos && !any_filter) {
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
            "facet-order", facet_order, {{"count", ndx::FacetOrder::Count}, {"name", ndx::FacetOrder::Name}});
    if (!level.empty())
        req.location_level = parse_enum<ndx::LocationLevel>(
            "location-level", level,
            {{"named", ndx::LocationLevel::Named}, {"country", ndx::LocationLevel::Country},
             {"province", ndx::LocationLevel::Province}, {"city", ndx::LocationLevel::City}});
    if (!interval.empty())
        req.date_interval = parse_enum<ndx::DateInterval>(
            "date-interval", interval,
            {{"year", ndx::DateInterval::Year}, {"month", ndx::DateInterval::Month},
             {"day", ndx::DateInterval::Day}});
    bool bold = parse_enum<bool>("color", color, {{"auto", true}, {"always", true}, {"never", false}});
    if (color == "auto") bold = isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
    const bool json = vm.count("json") > 0;
    req.count_facets = !vm.count("no-facets");
    req.snippets = !vm.count("no-snippets");
    req.quotes = vm.count("quotes") > 0;
    req.explain = vm.count("explain") > 0;
    if (vm.count("all") && vm.count("any"))
        throw ndx::UsageError("--all and --any cannot be combined");
    if (vm.count("all")) req.match = ndx::MatchMode::All;
    if (vm.count("any")) req.match = ndx::MatchMode::Any;
    if (!bold || json) req.highlight_start = req.highlight_end = "";
    if (dbs.empty()) dbs.push_back(ndx::default_db_path());
    const bool allow_partial = vm.count("allow-partial") > 0;

    ndx::SearchResult res;
    std::vector<std::string> skipped;
    for (int attempt = 0;; ++attempt) {
        try {
            skipped.clear();
            ndx::SearchTarget target = ndx::open_targets(dbs, allow_partial, skipped);
            res = ndx::run_search(target, req);
            break;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == 4) throw ndx::IndexError("the index kept changing during the search");
        }
    }
    for (const std::string& s : skipped) {
        std::cerr << "ndx-search: warning: shard '" << s
                  << "' could not be reached; results are partial\n";
        res.notes.push_back("partial results: shard '" + s + "' could not be reached");
    }
    if (json)
        ndx::print_json(std::cout, req, res);
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
