// ndx-index's progress line (progress.h).
#include "indexer/progress.h"

#include <algorithm>
#include <cstdio>

namespace ndx {

void Progress::update(std::size_t files, std::size_t articles, std::uintmax_t bytes, bool force) {
    if (!on_) return;
    std::lock_guard lock(m_);
    auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    char line[160];
    const double pct = total_bytes_ ? 100.0 * static_cast<double>(std::min(bytes, total_bytes_)) /
                                          static_cast<double>(total_bytes_)
                                    : 100.0;
    std::snprintf(line, sizeof line, "ndx-index: %3.0f%% of %.1f MB, %zu/%zu %s, %zu %s", pct,
                  static_cast<double>(total_bytes_) / 1e6, files, total_files_,
                  total_files_ == 1 ? "file" : "files", articles,
                  articles == 1 ? "article" : "articles");
    draw(line);
}

}  // namespace ndx
