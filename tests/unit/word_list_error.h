// Loads the project's word lists from a scratch directory where one list is replaced by `text`,
// and returns the load error without its directory ("name-words.tsv:3: ..."), or "no error".
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.h"
#include "extract/word_lists.h"

namespace ndx::test {

inline std::string word_list_error(const std::string& file, const std::string& text) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("ndx-word-lists-test-" + file);
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(NDX_TEST_SOURCE_DATA))
        if (e.path().extension() == ".tsv") fs::copy_file(e.path(), dir / e.path().filename());
    std::ofstream(dir / file, std::ios::trunc) << text;
    std::string out = "no error";
    try {
        WordLists::load(dir.string());
    } catch (const InputError& e) {
        out = e.what();
        out = out.substr(out.rfind('/') + 1);
    }
    fs::remove_all(dir);
    return out;
}

}  // namespace ndx::test
