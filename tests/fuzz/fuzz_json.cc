// Fuzzes the JSON and JSON Lines readers through read_file, on the same bytes saved as a
// .json and as a .jsonl file, with field mappings (dotted paths) as well as the built-ins.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/reader.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

const ndx::ReadOptions& options() {
    static const ndx::ReadOptions opts = [] {
        ndx::ReadOptions o;
        ndx::add_field_mapping(o, "text=story.body");
        ndx::add_field_mapping(o, "date=meta.published");
        ndx::add_field_mapping(o, "id=meta.id");
        return o;
    }();
    return opts;
}

void read(const std::string& name, std::string_view bytes) {
    const std::string path = ndx::fuzz::scratch().write(name, bytes);
    ndx::read_file(
        path, options(), [](ndx::Article&& a) { ndx::fuzz::check_article(a); },
        [](const ndx::InputIssue& issue) {
            // Messages quote the input (nlohmann's "last read: ..."): they go to a terminal,
            // not into JSON, so they need not be UTF-8; they must only be produced.
            (void)issue.describe();
        });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    read("input.json", bytes);
    read("input.jsonl", bytes);
    return 0;
}
