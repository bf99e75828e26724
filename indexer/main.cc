// ndx-index: read news articles, extract their facets, and index them with Xapian.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <xapian.h>

#include <iostream>
#include <optional>

#include "common/config.h"
#include "common/database.h"
#include "common/error.h"
#include "common/suggest.h"
#include "indexer/index_command.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitPartial = 3;

void print_usage(std::ostream& out, const po::options_description& desc) {
    out << "Usage: ndx-index [OPTIONS] PATH...\n"
           "       ndx-index --dump PATH...\n\n"
           "Index news articles (plain text, .json, .jsonl) from files and directories into\n"
           "an ndx database, extracting date, speaker, location and group facets.\n"
           "Running it again reads only new or changed files (size, modification time and a\n"
           "content hash), replaces their articles by id, and removes the articles of files\n"
           "and records that are gone.\n\n"
        << desc
        << "\nDatabase: --db, else $NDX_DB, else $XDG_DATA_HOME/ndx/index\n"
           "(~/.local/share/ndx/index).\n\n"
           "Exit status: 0 all inputs indexed; 1 failure (database locked or unwritable);\n"
           "2 usage error; 3 done, but some files or records were skipped (see messages).\n";
}

// Options read into locals before they are checked and put into IndexOptions.
struct CountOptions {
    std::vector<std::string> fields;
    long long batch = 2000, threads = 0, shards = 0;
    std::string stemming;
};

po::options_description option_table(ndx::IndexOptions& opts, CountOptions& c) {
    auto& [fields, batch, threads, shards, stemming] = c;
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help and exit")(
        "version,V", "show the version and exit")("db,d", po::value<std::string>(&opts.db_path),
                                                  "index directory")(
        "dump", "print each article's fields and facets as JSON Lines; no database")(
        "field,f", po::value<std::vector<std::string>>(&fields)->composing(),
        "map a JSON key to a field, e.g. text=story or date=pub_ts (repeatable; "
        "fields: id title text date author source url; dotted keys reach nested objects)")(
        "places", po::value<std::vector<std::string>>(&opts.gazetteer.place_lists)->composing(),
        "extra places list (places.tsv format; repeatable)")(
        "groups", po::value<std::vector<std::string>>(&opts.gazetteer.group_lists)->composing(),
        "extra organisations list (groups.tsv format; repeatable)")(
        "geonames",
        po::value<std::vector<std::string>>(&opts.gazetteer.geonames_dumps)->composing(),
        "load a GeoNames dump (cities*.txt or allCountries.txt; repeatable)")(
        "geonames-admin1", po::value<std::string>(&opts.gazetteer.geonames_admin1),
        "GeoNames admin1CodesASCII.txt for the dumps (default: beside the dump)")(
        "data-dir", po::value<std::string>(&opts.gazetteer.data_dir),
        "directory holding places.tsv and groups.tsv (default: built in)")(
        "model", po::value<std::string>(&opts.model),
        "named-entity tagger model (from ndx-train-tagger; default: the built-in one, "
        "trained on CoNLL-2003; 'none' for gazetteers only)")(
        "batch", po::value<long long>(&batch)->default_value(2000),
        "articles per commit (a crash keeps every committed batch)")(
        "threads,j", po::value<long long>(&threads)->default_value(0),
        "extraction workers (0: one per core)")(
        "shards", po::value<long long>(&shards)->default_value(0),
        "write N shard databases under --db (each article routed by a hash of its id) and "
        "a shards.stub that ndx-search --db accepts")(
        "stemming", po::value<std::string>(&stemming),
        "for a new index: 'all' (default) indexes each word as its stem; 'some' also "
        "keeps each word as written, so capitalised and quoted query words match exactly "
        "(slower indexing, larger index)")(
        "parallel-build-min",
        po::value<std::uintmax_t>(&opts.parallel_build_bytes)->default_value(16u << 20),
        "a new index from at least this many input bytes is written in parallel parts and "
        "merged at the end")("full",
                             "read every file again, even those unchanged since the last run")(
        "no-delete", "keep the articles of files and records that have disappeared")(
        "retry-failed",
        "read again the files that failed at an earlier run and have not "
        "changed since (otherwise they are counted apart, not as failures)")(
        "progress", "show progress even when stderr is not a terminal")(
        "no-progress", "never show progress")("quiet,q", "no summary line")(
        "stats",
        "print what the index holds (articles, statements, files, size, stemming, "
        "schema, last run that changed it) and exit")(
        "list-values", po::value<std::string>(),
        "print the names of every value of facet speaker, location or group in the index, "
        "one per line, and exit");
    return desc;
}

// Reads the command line (then the environment and config file) into `opts`, `c` and `vm`;
// returns the exit status when there is nothing to index (--help, --version, a bad option).
std::optional<int> parse_command_line(int argc, char** argv, ndx::IndexOptions& opts,
                                      CountOptions& c, po::variables_map& vm) {
    const po::options_description desc = option_table(opts, c);
    return ndx::read_command_line({.program = "ndx-index",
                                   .version = NDX_VERSION,
                                   .options = desc,
                                   .arguments = &opts.inputs,
                                   .config_section = "index",
                                   .usage = print_usage},
                                  argc, argv, vm);
}

// --stats and --list-values: print what the index holds; nothing when neither is asked.
std::optional<int> run_info_command(const ndx::IndexOptions& opts, const po::variables_map& vm) {
    if (vm.count("stats")) {
        ndx::print_stats(opts.db_path, std::cout);
        return kExitOk;
    }
    if (vm.count("list-values")) {
        ndx::list_values(opts.db_path, vm["list-values"].as<std::string>(), std::cout);
        return kExitOk;
    }
    return std::nullopt;
}

// Checks the options and completes `opts`; returns the exit status of a usage error.
std::optional<int> apply_options(ndx::IndexOptions& opts, const CountOptions& c,
                                 const po::variables_map& vm) {
    const auto& [fields, batch, threads, shards, stemming] = c;
    if (opts.inputs.empty()) {
        std::cerr << "ndx-index: no PATH given (see ndx-index --help)\n";
        return kExitUsage;
    }
    // counts are read signed, so "-1" is refused instead of wrapping round
    if (batch < 1 || threads < 0 || threads > 256 || shards < 0 || shards > 4096) {
        std::cerr << "ndx-index: --batch must be at least 1, --threads 0 to 256, --shards 0 to "
                     "4096\n";
        return kExitUsage;
    }
    if (!stemming.empty()) {
        opts.stemming = ndx::parse_stemming(stemming);
        if (!opts.stemming) {
            std::cerr << "ndx-index: --stemming must be 'all' or 'some', not '" << stemming
                      << "'\n";
            return kExitUsage;
        }
    }
    opts.batch_size = static_cast<std::size_t>(batch);
    opts.threads = static_cast<std::size_t>(threads);
    opts.shards = static_cast<std::size_t>(shards);
    opts.dump = vm.count("dump") > 0;
    opts.quiet = vm.count("quiet") > 0;
    opts.full = vm.count("full") > 0;
    opts.keep_deleted = vm.count("no-delete") > 0;
    opts.retry_failed = vm.count("retry-failed") > 0;
    opts.progress =
        !opts.dump && !vm.count("no-progress") && (vm.count("progress") || isatty(STDERR_FILENO));
    for (const auto& f : fields) ndx::add_field_mapping(opts.read, f);

    return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) try {
    ndx::IndexOptions opts;
    CountOptions counts;
    po::variables_map vm;
    if (auto status = parse_command_line(argc, argv, opts, counts, vm)) return *status;
    if (opts.db_path.empty()) opts.db_path = ndx::default_db_path();
    if (auto status = run_info_command(opts, vm)) return *status;
    if (auto status = apply_options(opts, counts, vm)) return *status;
    std::ios::sync_with_stdio(false);
    ndx::IndexSummary sum = ndx::run_index(opts, std::cout, std::cerr);
    std::cout.flush();
    return sum.failed ? kExitPartial : kExitOk;
} catch (const ndx::UsageError& e) {
    std::cerr << "ndx-index: " << e.what() << "\n";
    return kExitUsage;
} catch (const ndx::MissingIndexError& e) {
    std::cerr << "ndx-index: " << e.what() << "\n";
    return kExitUsage;
} catch (const ndx::Error& e) {
    std::cerr << "ndx-index: " << e.what() << "\n";
    return kExitFailure;
} catch (const Xapian::Error& e) {
    std::cerr << "ndx-index: " << e.get_description() << "\n";
    return kExitFailure;
} catch (const std::exception& e) {
    std::cerr << "ndx-index: " << e.what() << "\n";
    return kExitFailure;
}
