// The steps of an ndx-index run around its pipeline (index_command.cc): choosing the input
// files, the parallel first build, and what a run prints.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/reader.h"
#include "indexer/index_command.h"

namespace ndx {

// `p` made absolute and normal (as it is, when that fails).
std::string absolute_path(const std::string& p);

// Files inside an index or another Xapian database are not articles: they are left out,
// and each such database named once on `err` (unless `quiet`).
std::vector<InputFile> without_databases(std::vector<InputFile> files, const std::string& db_path,
                                         bool quiet, std::ostream& err);

// True when `path` holds no index yet (or an empty one).
bool is_new_index(const std::string& path);

// Merges the parts of a parallel build into the index at `target`, then removes them.
void merge_parts(const std::string& build_dir, const std::string& target);

// The --dump record: the contract score-facets and the tests rely on.
nlohmann::json dump_record(const Article& a, const Facets& f);

// "1 file", "2 files"
std::string count_of(std::size_t n, const char* one, const char* many);

// The summary line of a run ("3 new, 0 updated, ...") without the index's size.
std::string summary_counts(const IndexSummary& sum);

}  // namespace ndx
