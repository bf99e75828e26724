// Reading articles from files: plain text, JSON and JSON Lines; walking directories.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace ndx {

// One input file found by walking the paths given on the command line.
struct InputFile {
    std::string path;
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
};

// A problem with one input (a whole file or one record); reading goes on after it.
struct InputIssue {
    std::string path;
    std::size_t line = 0;         // JSON Lines record, 0 when not line-based
    std::size_t byte_offset = 0;  // where in the file, when known
    bool has_offset = false;
    std::string message;

    // "path:line: message" or "path: byte N: message".
    std::string describe() const;
};

// Options for reading JSON: user mappings of field names, e.g. {"text", "story"}.
// Keys are ndx field names: id, title, text, date, author, source, url.
struct ReadOptions {
    std::multimap<std::string, std::string> field_map;
};

// Parses "--field NAME=JSONKEY"; throws UsageError on a bad mapping.
void add_field_mapping(ReadOptions& opts, std::string_view spec);

// Walks `paths` (files or directories, recursively; hidden entries and symbolic links to
// directories are skipped) and returns the files in a stable order.  Paths that do not
// exist or cannot be read are reported through `on_issue`.
std::vector<InputFile> list_inputs(const std::vector<std::string>& paths,
                                   const std::function<void(const InputIssue&)>& on_issue);

using ArticleSink = std::function<void(Article&&)>;
using IssueSink = std::function<void(const InputIssue&)>;

// Reads one file, streaming its articles to `on_article`.  The format follows the name:
// .json (one object, or an array of objects), .jsonl / .ndjson (one object per line),
// anything else plain text.  Never throws for bad input: a file that is not UTF-8, is
// binary or cannot be read gives one issue and no articles; a bad JSON Lines record costs
// that record only.  Returns the hex FNV-1a hash of the bytes read ("" if unreadable).
std::string read_file(const std::string& path, const ReadOptions& opts,
                      const ArticleSink& on_article, const IssueSink& on_issue);

// The hex FNV-1a hash of a file's bytes, as read_file() returns it ("" if unreadable).
std::string hash_file(const std::string& path);

// Largest plain-text or .json file read whole, and longest JSON Lines line.
inline constexpr std::uintmax_t kMaxWholeFileBytes = 64u << 20;
inline constexpr std::size_t kMaxLineBytes = 16u << 20;

// Parses the text of a plain-text article (see docs/input-formats.md); `text` is UTF-8.
Article parse_plain_text(std::string_view text, const std::string& path);

// A title made from the first sentence of `body` (at most about 100 characters).
std::string derive_title(std::string_view body);

}  // namespace ndx
