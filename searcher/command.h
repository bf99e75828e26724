// ndx-search's command line: the options as given (SearchOptions), checked and turned into
// what to run (SearchCommand), and running it.
#pragma once

#include <boost/program_options.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "common/search.h"
#include "common/views.h"

namespace ndx {

inline constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitBatchLines = 3;

// The options as given on the command line (or by the environment and config file).
struct SearchOptions {
    std::string sort, facet_order, level, interval, color = "auto";
    std::string limit, offset, facet_limit, format, timeline, pivot, values, prefix, batch;
    std::vector<std::string> dbs;
    std::vector<std::string> words, from, to;
    std::array<std::vector<std::string>, 3> inc, exc;
};

// What to run: the request, the view and how to print it.
struct SearchCommand {
    SearchRequest req;
    std::vector<std::string> dbs;
    bool allow_partial = false;
    bool bold = false, json = false, csv = false, facets_only = false;
    std::string timeline, pivot, values, prefix, batch;
    std::optional<Facet> view_facet, second_facet;
};

// The table of ndx-search's options, writing into `o`.
boost::program_options::options_description option_table(SearchOptions& o);
// The part of that table that reading `argv` needs when each of its arguments starting
// with '-' names an option exactly (not "--lim", nor "-hV") and none is --help: the options
// named, and those with a default.  Parsing with it gives what parsing with the whole table
// gives, at a fraction of the cost of building the table (a search process is mostly its
// start).  nullopt otherwise: then the whole table is needed.
std::optional<boost::program_options::options_description> options_named(SearchOptions& o, int argc,
                                                                         const char* const* argv);

// Checks the options and builds the command; throws UsageError on a bad combination.
SearchCommand make_command(SearchOptions& o, const boost::program_options::variables_map& vm);

// Runs the command and prints its answer; returns the exit status.
int run_command(const SearchCommand& cmd);

}  // namespace ndx
