// The configuration file: defaults for the options of both tools, in
// $XDG_CONFIG_HOME/ndx/config (~/.config/ndx/config), read after the command line so that
// a flag wins over the environment, and the environment over the file (as notmuch and
// ripgrep do).  Format (boost::program_options' INI):
//
//   db = /srv/news/index        # both tools (unless --db or $NDX_DB)
//   [search]
//   limit = 20                  # any ndx-search option taking a value, or flag = true
//   color = never               # (unless --color, or NO_COLOR set non-empty)
//   [index]
//   threads = 2
#pragma once

#include <boost/program_options.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/suggest.h"

namespace ndx {

// The message for an option the command line got wrong: boost's own, and for an unknown
// option the closest option of `desc` ("did you mean '--limit'?"), then where help is.
inline std::string option_error_message(const std::string& program,
                                        const boost::program_options::error& e,
                                        const boost::program_options::options_description& desc) {
    std::string msg = program + ": " + e.what();
    if (const auto* unknown = dynamic_cast<const boost::program_options::unknown_option*>(&e)) {
        std::vector<std::string> names;
        for (const auto& o : desc.options()) names.push_back(o->long_name());
        std::string given = unknown->get_option_name();
        given.erase(0, given.find_first_not_of('-'));
        const std::string near = closest_of(given, names);
        if (!near.empty()) msg += "; did you mean '--" + near + "'?";
    }
    return msg + " (see " + program + " --help)";
}

// How a program reads its command line.
struct CommandLineSpec {
    const char* program;  // "ndx-search", for messages and --version
    const char* version;  // printed by --version
    const boost::program_options::options_description& options;  // shown by --help
    std::vector<std::string>* arguments = nullptr;  // the arguments after the options, if any
    const char* config_section = nullptr;           // the configuration file's section, if read
    void (*usage)(std::ostream&, const boost::program_options::options_description&) = nullptr;
};

// The configuration file's path ("" when neither XDG_CONFIG_HOME nor HOME is set).
inline std::string config_path() {
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
        return std::string(x) + "/ndx/config";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.config/ndx/config";
    return {};
}

// Stores into `vm` the settings of the configuration file that apply to this tool: the
// top-level `db`, and the keys of section `section` ("search" or "index") naming options
// of `desc`.  Options given on the command line keep their value; `db` yields to $NDX_DB
// and `color` to a non-empty $NO_COLOR.  Throws UsageError naming the file for a key that
// is no option (with the closest one) or a bad value.
inline void load_config(const boost::program_options::options_description& desc,
                        boost::program_options::variables_map& vm, const std::string& section) {
    namespace po = boost::program_options;
    const std::string path = config_path();
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) return;
    std::ifstream in(path);
    if (!in) throw UsageError(path + ": cannot read the configuration file");
    po::parsed_options parsed(&desc);
    try {
        parsed = po::parse_config_file(in, desc, true);
    } catch (const po::error& e) {
        throw UsageError(path + ": " + e.what());
    }
    std::vector<std::string> names;
    for (const auto& o : desc.options()) names.push_back(o->long_name());
    po::parsed_options mine(&desc);
    for (po::option& o : parsed.options) {
        std::string key = o.string_key;
        const auto dot = key.find('.');
        const std::string sec = dot == std::string::npos ? "" : key.substr(0, dot);
        if (dot != std::string::npos) key = key.substr(dot + 1);
        if (sec.empty() && key != "db")
            throw UsageError(path + ": '" + key +
                             "' belongs in a [search] or [index] section "
                             "(only db is shared)");
        if (!sec.empty() && sec != "search" && sec != "index")
            throw UsageError(path + ": unknown section [" + sec + "] (use [search] or [index])");
        if (!sec.empty() && sec != section) continue;  // the other tool's
        if (!desc.find_nothrow(key, false)) {
            std::string near = closest_of(key, names);
            throw UsageError(path + ": unknown setting '" + key + "'" +
                             (near.empty() ? "" : "; did you mean '" + near + "'?"));
        }
        if (key == "db" && std::getenv("NDX_DB") && *std::getenv("NDX_DB")) continue;
        if (key == "color" && std::getenv("NO_COLOR") && *std::getenv("NO_COLOR")) continue;
        o.string_key = key;
        o.unregistered = false;
        mine.options.push_back(o);
    }
    try {
        po::store(mine, vm);
    } catch (const po::error& e) {
        throw UsageError(path + ": " + e.what());
    }
}

// Reads argv into `vm`: the options, the arguments, then the configuration file (flags win
// over the environment, the environment over the file).  Returns the exit status when the
// program has nothing more to do: 2 after a bad option (the message names the closest one),
// 0 after --help (printed by `usage`) or --version.
inline std::optional<int> read_command_line(const CommandLineSpec& spec, int argc, char** argv,
                                            boost::program_options::variables_map& vm) {
    namespace po = boost::program_options;
    po::options_description all;
    all.add(spec.options);
    po::positional_options_description positional;
    if (spec.arguments) {
        po::options_description hidden;
        hidden.add_options()("arguments", po::value(spec.arguments), "");
        all.add(hidden);
        positional.add("arguments", -1);
    }
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
                  vm);
        if (spec.config_section) load_config(spec.options, vm, spec.config_section);
        po::notify(vm);
    } catch (const po::error& e) {  // a misspelt option is named with the closest one
        std::cerr << option_error_message(spec.program, e, spec.options) << "\n";
        return 2;
    }
    if (vm.count("help")) {
        spec.usage(std::cout, spec.options);
        return 0;
    }
    if (vm.count("version")) {
        std::cout << spec.program << " " << spec.version << "\n";
        return 0;
    }
    return std::nullopt;
}

}  // namespace ndx
