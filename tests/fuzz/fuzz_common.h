// Helpers shared by the libFuzzer targets: a scratch directory and invariant checks.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "common/article.h"
#include "common/document.h"
#include "common/normalize.h"

namespace ndx::fuzz {

// A directory of this process's own under $TMPDIR, removed at a normal exit.
class ScratchDir {
  public:
    ScratchDir() {
        const char* tmp = std::getenv("TMPDIR");
        path_ = std::string(tmp && *tmp ? tmp : "/tmp") + "/ndx-fuzz-XXXXXX";
        if (!mkdtemp(path_.data())) std::abort();
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::string& path() const { return path_; }

    // Writes `bytes` to the file `name` in the directory and returns its path.
    std::string write(const std::string& name, std::string_view bytes) const {
        std::string file = path_ + "/" + name;
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) std::abort();
        return file;
    }

  private:
    std::string path_;
};

inline const ScratchDir& scratch() {
    static const ScratchDir dir;
    return dir;
}

// Every string ndx stores or prints must be valid UTF-8 (nlohmann::json::dump throws on
// anything else), so a violation is a bug: report it as a crash.
inline void require_utf8(const char* what, std::string_view s) {
    if (auto bad = invalid_utf8_offset(s)) {
        std::fprintf(stderr, "invalid UTF-8 in %s at byte %zu\n", what, *bad);
        std::abort();
    }
}

// What the indexer stores for an article must be printable: every field valid UTF-8 and
// the stored record serialisable.
inline void check_article(const Article& a, const Facets& facets = {}) {
    require_utf8("id", a.id);
    require_utf8("title", a.title);
    require_utf8("byline", a.byline);
    require_utf8("dateline", a.dateline);
    require_utf8("source", a.source);
    require_utf8("url", a.url);
    require_utf8("body", a.body);
    (void)stored_record(a, facets).dump();  // throws (uncaught: a crash) on bad UTF-8
}

}  // namespace ndx::fuzz
