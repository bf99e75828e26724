// The unit test binary's main(): runs every test case with HOME and the XDG directories
// pointing into an empty scratch directory, so no test reads the user's configuration or
// lists (~/.config/ndx/groups.tsv and the like) or writes into their home.
#define DOCTEST_CONFIG_IMPLEMENT
#include <stdlib.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <system_error>

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::string tmpl = (fs::temp_directory_path() / "ndx-unit-home-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return 2;
    const fs::path home = tmpl;
    setenv("HOME", home.c_str(), 1);
    for (const char* var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        setenv(var, (home / var).c_str(), 1);
    unsetenv("NDX_DB");
    doctest::Context context(argc, argv);
    const int status = context.run();
    std::error_code ec;
    fs::remove_all(home, ec);
    return status;
}
