// Fuzzes the plain-text reader: parse_plain_text on any valid UTF-8, and read_file on a
// file of arbitrary bytes (the NUL, UTF-8, empty and size checks before parsing).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/reader.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (!ndx::invalid_utf8_offset(bytes)) {
        ndx::Article a = ndx::parse_plain_text(bytes, "fuzz.txt");
        ndx::fuzz::check_article(a);
        ndx::fuzz::require_utf8("derived title", ndx::derive_title(a.body));
    }
    static const std::string path = ndx::fuzz::scratch().write("input.txt", "");
    ndx::fuzz::scratch().write("input.txt", bytes);
    std::size_t articles = 0;
    ndx::read_file(
        path, ndx::ReadOptions{},
        [&](ndx::Article&& a) {
            ndx::fuzz::check_article(a);
            ++articles;
        },
        [](const ndx::InputIssue& issue) { ndx::fuzz::require_utf8("issue", issue.describe()); });
    if (articles > 1) __builtin_trap();  // a text file is one article
    return 0;
}
