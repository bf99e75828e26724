// ndx-search's options: the table, and checking them into a SearchCommand.
#include <unistd.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <string_view>

#include "common/config.h"
#include "common/database.h"
#include "common/error.h"
#include "searcher/command.h"

namespace po = boost::program_options;

namespace ndx {

namespace {

ndx::Date date_flag(const std::string& flag, const std::string& v, bool end) {
    auto d = ndx::parse_date_bound(v, end);
    if (!d)
        throw ndx::UsageError("--" + flag + ": bad date '" + v +
                              "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    return *d;
}

ndx::Facet facet_flag(const std::string& flag, const std::string& v) {
    return parse_choice<ndx::Facet>(flag, v,
                                    {{"speaker", ndx::Facet::Speaker},
                                     {"location", ndx::Facet::Location},
                                     {"group", ndx::Facet::Group}});
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

namespace {

// One option of the table: its names ("long,s"), what it says in --help, and what it
// stores (null: a flag).
struct OptionSpec {
    const char* names;
    const char* help;
    po::value_semantic* (*value)(SearchOptions& o);
    bool defaulted = false;  // `value` gives it a default_value (it is always set)
};

using V = po::value_semantic*;

// ndx-search's options, in the order --help lists them.
constexpr OptionSpec kOptions[] = {
    {"help,h", "show this help and exit", nullptr},
    {"version,V", "show the version and exit", nullptr},
    {"db,d",
     "index directory, shard set (directory or stub file), or tcp://HOST:PORT served by "
     "xapian-tcpsrv; repeat to search several as one",
     [](SearchOptions& o) -> V { return po::value(&o.dbs)->composing(); }},
    {"allow-partial", "if a shard cannot be reached, search the others (and say so)", nullptr},
    {"limit,n", "hits to show",
     [](SearchOptions& o) -> V { return po::value(&o.limit)->default_value("10"); }, true},
    {"offset", "hits to skip",
     [](SearchOptions& o) -> V { return po::value(&o.offset)->default_value("0"); }, true},
    {"json", "print JSON (see docs/output-format.md); short for --format json", nullptr},
    {"format", "text (default), json or csv",
     [](SearchOptions& o) -> V { return po::value(&o.format); }},
    {"speaker", "only articles quoting NAME",
     [](SearchOptions& o) -> V { return po::value(&o.inc[0])->composing(); }},
    {"location", "only articles naming a place in NAME",
     [](SearchOptions& o) -> V { return po::value(&o.inc[1])->composing(); }},
    {"group", "only articles naming group NAME",
     [](SearchOptions& o) -> V { return po::value(&o.inc[2])->composing(); }},
    {"exclude-speaker", "leave out articles quoting NAME",
     [](SearchOptions& o) -> V { return po::value(&o.exc[0])->composing(); }},
    {"exclude-location", "leave out articles naming NAME",
     [](SearchOptions& o) -> V { return po::value(&o.exc[1])->composing(); }},
    {"exclude-group", "leave out articles naming NAME",
     [](SearchOptions& o) -> V { return po::value(&o.exc[2])->composing(); }},
    {"from", "published on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)",
     [](SearchOptions& o) -> V { return po::value(&o.from); }},
    {"to", "published on or before DATE (inclusive)",
     [](SearchOptions& o) -> V { return po::value(&o.to); }},
    {"undated", "only articles without a date", nullptr},
    {"sort", "relevance, date (oldest first) or -date (newest first)",
     [](SearchOptions& o) -> V { return po::value(&o.sort); }},
    {"facet-limit", "values shown per facet",
     [](SearchOptions& o) -> V { return po::value(&o.facet_limit)->default_value("10"); }, true},
    {"facet-order", "count (default) or name",
     [](SearchOptions& o) -> V { return po::value(&o.facet_order); }},
    {"location-level", "count places as named (default), or rolled up to country, province or city",
     [](SearchOptions& o) -> V { return po::value(&o.level); }},
    {"date-interval", "year, month or day (default: from the span)",
     [](SearchOptions& o) -> V { return po::value(&o.interval); }},
    {"no-facets", "do not count facets", nullptr},
    {"no-snippets", "show hits without a passage of their text (faster)", nullptr},
    {"quotes", "search what people said (quotations and reported speech), not articles", nullptr},
    {"explain", "show the sentence or span behind each hit's facet values", nullptr},
    {"color", "highlight matches: auto (default), always, never",
     [](SearchOptions& o) -> V { return po::value(&o.color); }},
    {"facets-only", "print the facet counts without hits (with --format csv: the facet table)",
     nullptr},
    {"timeline", "count the top values of FACET (speaker, location, group) per date interval",
     [](SearchOptions& o) -> V { return po::value(&o.timeline); }},
    {"pivot", "FACET1,FACET2: the top values of FACET1 and, under each, of FACET2 with both",
     [](SearchOptions& o) -> V { return po::value(&o.pivot); }},
    {"values", "list every value of FACET with its count (over every article, or the matches)",
     [](SearchOptions& o) -> V { return po::value(&o.values); }},
    {"prefix", "with --values: only values with a word beginning with TEXT",
     [](SearchOptions& o) -> V { return po::value(&o.prefix); }},
    {"batch", "run each line of FILE ('-': standard input) as a query; print totals and top values",
     [](SearchOptions& o) -> V { return po::value(&o.batch); }},
    // query semantics (docs/ranking.md)
    {"all", "match articles with every word of the query, however long it is", nullptr},
    {"any", "match articles with any word of the query, however short it is", nullptr},
    {"expand",
     "rank the matches also by the words of the best hits (pseudo-relevance "
     "feedback); the same articles match",
     nullptr},
};
constexpr std::size_t kOptionCount = std::size(kOptions);

// The long name of `spec` and its one-letter name ('\0' when none).
std::string_view long_name(const OptionSpec& spec) {
    const std::string_view names = spec.names;
    return names.substr(0, names.find(','));
}
char short_name(const OptionSpec& spec) {
    const std::string_view names = spec.names;
    const auto comma = names.find(',');
    return comma == std::string_view::npos ? '\0' : names[comma + 1];
}

// The option the command-line token `arg` names exactly ("--limit", "--limit=3", "-n",
// "-n3"); npos when it names none exactly, or is a group of one-letter flags ("-hV").
std::size_t named_option(std::string_view arg) {
    if (arg.size() > 2 && arg[0] == '-' && arg[1] == '-') {
        const std::string_view name = arg.substr(2, arg.find('=') - 2);
        for (std::size_t i = 0; i < kOptionCount; ++i)
            if (long_name(kOptions[i]) == name) return i;
        return std::string_view::npos;
    }
    for (std::size_t i = 0; i < kOptionCount; ++i)
        if (short_name(kOptions[i]) == arg[1])
            return arg.size() > 2 && !kOptions[i].value ? std::string_view::npos : i;
    return std::string_view::npos;
}

po::options_description make_table(SearchOptions& o, const std::array<bool, kOptionCount>* only) {
    po::options_description desc("Options");
    auto add = desc.add_options();
    for (std::size_t i = 0; i < kOptionCount; ++i) {
        if (only && !(*only)[i]) continue;
        const OptionSpec& spec = kOptions[i];
        if (spec.value)
            add(spec.names, spec.value(o), spec.help);
        else
            add(spec.names, spec.help);
    }
    return desc;
}

}  // namespace

po::options_description option_table(SearchOptions& o) { return make_table(o, nullptr); }

std::optional<po::options_description> options_named(SearchOptions& o, int argc,
                                                     const char* const* argv) {
    std::array<bool, kOptionCount> named{};
    for (std::size_t i = 0; i < kOptionCount; ++i)  // the defaults go into the variables
        named[i] = kOptions[i].defaulted;
    for (int a = 1; a < argc; ++a) {
        const std::string_view arg = argv[a];
        if (arg.size() < 2 || arg[0] != '-' || arg == "--") continue;  // no option's name
        const std::size_t i = named_option(arg);
        if (i == std::string_view::npos || long_name(kOptions[i]) == "help") return std::nullopt;
        named[i] = true;
    }
    return make_table(o, &named);
}

namespace {

// The query words, the facet filters and the dates; true when any filter is given.
bool set_query_and_filters(const SearchOptions& o, const po::variables_map& vm,
                           ndx::SearchRequest& req) {
    for (const auto& w : o.words) req.query += (req.query.empty() ? "" : " ") + w;
    for (std::size_t i = 0; i < 3; ++i) {
        req.facets[i].include = o.inc[i];
        req.facets[i].exclude = o.exc[i];
    }
    if (o.from.size() > 1 || o.to.size() > 1)
        throw ndx::UsageError("--from and --to may be given once");
    if (!o.from.empty()) req.from = date_flag("from", o.from[0], false);
    if (!o.to.empty()) req.to = date_flag("to", o.to[0], true);
    req.undated = vm.count("undated") > 0;
    if (req.undated && (req.from || req.to))
        throw ndx::UsageError("--undated cannot be combined with --from/--to");
    if (req.from && req.to && *req.to < *req.from) throw ndx::UsageError("--from is after --to");
    bool any_filter = req.undated || req.from || req.to;
    for (const auto& f : req.facets) any_filter = any_filter || f.active();
    return any_filter;
}

// --limit, --offset, --facet-limit, --sort, --facet-order, --location-level, --date-interval.
void set_page_and_orders(const SearchOptions& o, ndx::SearchRequest& req) {
    req.limit = count_flag("limit", o.limit);
    req.offset = count_flag("offset", o.offset);
    req.facet_limit = count_flag("facet-limit", o.facet_limit);
    constexpr std::size_t kMaxPage = 100000;
    if (req.limit > kMaxPage) throw ndx::UsageError("--limit may be at most 100000");
    if (!o.sort.empty()) req.sort = ndx::sort_order_named(o.sort);
    if (!o.facet_order.empty()) req.facet_order = ndx::facet_order_named(o.facet_order);
    if (!o.level.empty()) req.location_level = ndx::location_level_named(o.level);
    if (!o.interval.empty()) req.date_interval = ndx::date_interval_named(o.interval);
}

// --color: whether matches are shown in bold.
bool color_flag(const std::string& color) {
    bool bold =
        parse_choice<bool>("color", color, {{"auto", true}, {"always", true}, {"never", false}});
    if (color == "auto") {  // no-color.org: only a non-empty NO_COLOR; TERM=dumb: no escapes
        const char* no_color = std::getenv("NO_COLOR");
        const char* term = std::getenv("TERM");
        bold = isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
               !(term && std::string_view(term) == "dumb");
    }
    return bold;
}

// --json and --format: the output format ("text", "json" or "csv"), checked.
std::string format_flag(const std::string& format, const po::variables_map& vm) {
    if (vm.count("json") && !format.empty() && format != "json")
        throw ndx::UsageError("--json and --format " + format + " disagree");
    std::string f = vm.count("json") ? "json" : format;
    if (f.empty()) f = "text";
    parse_choice<int>("format", f, {{"text", 0}, {"json", 1}, {"csv", 2}});
    return f;
}

}  // namespace

SearchCommand make_command(SearchOptions& o, const po::variables_map& vm) {
    SearchCommand cmd;
    ndx::SearchRequest& req = cmd.req;
    const bool any_filter = set_query_and_filters(o, vm, req);
    const int views = !o.timeline.empty() + !o.pivot.empty() + !o.values.empty() +
                      !o.batch.empty() + (vm.count("facets-only") > 0);
    if (views > 1)
        throw ndx::UsageError(
            "--timeline, --pivot, --values, --batch and --facets-only are "
            "different views: give one");
    if (!o.prefix.empty() && o.values.empty()) throw ndx::UsageError("--prefix goes with --values");
    if (!o.batch.empty() && !req.query.empty())
        throw ndx::UsageError("--batch takes its queries from FILE, not from the command line");
    const bool over_all =
        !o.timeline.empty() || !o.pivot.empty() || !o.values.empty() || !o.batch.empty();
    if (req.query.find_first_not_of(" \t") == std::string::npos && !any_filter && !over_all)
        throw ndx::UsageError("no QUERY and no filter given (see ndx-search --help)");
    set_page_and_orders(o, req);
    const bool bold = color_flag(o.color);
    o.format = format_flag(o.format, vm);
    const bool json = o.format == "json", csv = o.format == "csv";
    // --values lists every value unless --facet-limit is given
    if (!o.values.empty() && vm["facet-limit"].defaulted()) req.facet_limit = 0;
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
    if (!o.timeline.empty()) cmd.view_facet = facet_flag("timeline", o.timeline);
    if (!o.values.empty()) cmd.view_facet = facet_flag("values", o.values);
    if (!o.pivot.empty()) {
        auto comma = o.pivot.find(',');
        if (comma == std::string::npos)
            throw ndx::UsageError("--pivot: give two facets, FACET1,FACET2 (e.g. location,group)");
        cmd.view_facet = facet_flag("pivot", o.pivot.substr(0, comma));
        cmd.second_facet = facet_flag("pivot", o.pivot.substr(comma + 1));
    }
    if (o.dbs.empty()) o.dbs.push_back(ndx::default_db_path());
    cmd.dbs = o.dbs;
    cmd.allow_partial = vm.count("allow-partial") > 0;
    cmd.bold = bold;
    cmd.json = json;
    cmd.csv = csv;
    cmd.facets_only = vm.count("facets-only") > 0;
    cmd.timeline = o.timeline;
    cmd.pivot = o.pivot;
    cmd.values = o.values;
    cmd.prefix = o.prefix;
    cmd.batch = o.batch;
    return cmd;
}

}  // namespace ndx
