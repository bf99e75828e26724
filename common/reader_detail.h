// The parts of reading articles (common/reader.h) shared by the files that implement it:
// plain text (read_plain_text.cc), JSON and JSON Lines (read_json.cc), and the files
// themselves (reader.cc).  Internal to the reader.
#pragma once

#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/reader.h"

namespace ndx::reader_detail {

std::string_view trim(std::string_view s);

// A plain-text dateline: "ISLAMABAD:", "LONDON (Reuters) -",
// "PESHAWAR, Pakistan, March 3, 2024 (AP) —".
struct Dateline {
    std::string place;
    std::string agency;
    std::optional<Date> date;
};
std::optional<Dateline> parse_dateline(std::string_view paragraph);

// Body text of a JSON record: paragraphs normalised the same way as plain text.
std::string normalise_body(std::string_view text);

// An issue at a byte of a file, and one at a line (0: none) or of the whole file.
InputIssue issue_at(const std::string& path, std::size_t offset, std::string message);
InputIssue issue(const std::string& path, std::string message, std::size_t line = 0);

// A .json file's bytes (valid UTF-8, not empty): one article, or an array of them.
void read_json_document(const std::string& path, const ReadOptions& opts, const std::string& bytes,
                        const ArticleSink& on_article, const IssueSink& on_issue);

// A JSON Lines file, one record per line; returns the hex hash of its bytes.
std::string read_json_lines(const std::string& path, const ReadOptions& opts, std::ifstream& in,
                            const ArticleSink& on_article, const IssueSink& on_issue);

}  // namespace ndx::reader_detail
