// ndx-search: ranked full-text search over an ndx index, with exact facet counts.
#include <boost/program_options.hpp>
#include <xapian.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "common/config.h"
#include "common/error.h"
#include "searcher/command.h"

namespace po = boost::program_options;
using ndx::kExitFailure, ndx::kExitOk, ndx::kExitUsage;

namespace {

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

// Reads the command line (then the environment and config file) into `o` and `vm`; returns
// the exit status when there is nothing to search (--help, --version, a bad option).
std::optional<int> parse_command_line(int argc, char** argv, ndx::SearchOptions& o,
                                      po::variables_map& vm) {
    // Without a configuration file to check against every option, the options the
    // command line names are enough to read it (the same values, the same messages).
    const std::string config = ndx::config_path();
    std::error_code ec;
    const bool no_config = config.empty() || !std::filesystem::exists(config, ec);
    const std::optional<po::options_description> named =
        no_config ? ndx::options_named(o, argc, argv) : std::nullopt;
    const std::optional<po::options_description> all =
        named ? std::nullopt : std::optional(ndx::option_table(o));
    const po::options_description& desc = named ? *named : *all;
    return ndx::read_command_line({.program = "ndx-search",
                                   .version = NDX_VERSION,
                                   .options = desc,
                                   .arguments = &o.words,
                                   .config_section = named ? nullptr : "search",
                                   .usage = print_usage},
                                  argc, argv, vm);
}

}  // namespace

int main(int argc, char** argv) try {
    ndx::SearchOptions options;
    po::variables_map vm;
    if (auto status = parse_command_line(argc, argv, options, vm)) return *status;
    const ndx::SearchCommand cmd = ndx::make_command(options, vm);
    return ndx::run_command(cmd);
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
